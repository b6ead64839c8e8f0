/**
 * Worker-thread entry for heap snapshots: parses them (typed arrays, outside the JS heap),
 * computes dominators and retained sizes, and answers questions, so a multi-GB snapshot never
 * blocks or bloats the extension host. Receives file paths, sends small JSON answers.
 */
import { analyzeHeapSnapshotFile, type HeapAnalysis } from '../model/heap/heapAnalysis';
import { compareSnapshots } from '../model/heap/heapDiff';
import type { HeapWorkerApi } from './heapProtocol';
import { callMethod, OpenHandles, serveWorker } from './workerHost';
import type { ReportProgress } from './workerProtocol';

const snapshots = new OpenHandles<HeapAnalysis>('that snapshot is closed');

/** Reading the file is most of the work: it fills the bar to 85 %… */
const readingShare = 0.85;
/** …and the graph analysis after it (dominators, retained sizes) starts at 90 %. */
const analysingStart = 0.9;

async function open(file: string, progress: ReportProgress): Promise<number> {
  let phase = 'reading';
  const analysis = await analyzeHeapSnapshotFile(file, {
    onPhase: (next) => progress(next === 'reading' ? 0 : analysingStart, (phase = next)),
    onProgress: (fraction) => progress(fraction * readingShare, phase),
  });
  return snapshots.add(analysis);
}

serveWorker<HeapWorkerApi>({
  open: ([file], progress) => open(file, progress),
  close: ([handle]) => {
    // Its typed arrays are big: let them go now rather than when the handle is collected.
    snapshots.delete(handle)?.dispose();
    return null;
  },
  compare: ([handles]) => compareSnapshots(handles.map((handle) => snapshots.get(handle))),
  call: ([handle, method, args]) => callMethod(snapshots.get(handle), method, args),
});
