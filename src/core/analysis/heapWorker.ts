/**
 * Worker-thread entry for heap snapshots: parses them (typed arrays, outside the JS heap),
 * computes dominators and retained sizes, and answers questions, so a multi-GB snapshot never
 * blocks or bloats the extension host. Receives file paths, sends small JSON answers.
 */
import { parentPort } from 'node:worker_threads';
import { FlameLensError } from '../errors';
import { analyzeHeapSnapshotFile, type HeapAnalysis } from '../model/heap/heapAnalysis';
import { compareSnapshots } from '../model/heap/heapDiff';
import type { HeapRequest, HeapResponse } from './heapProtocol';

const open = new Map<number, HeapAnalysis>();
let nextHandle = 1;

const post = (response: HeapResponse) => parentPort!.postMessage(response);

async function handle(request: HeapRequest): Promise<unknown> {
  switch (request.kind) {
    case 'open': {
      let phase = 'reading';
      const analysis = await analyzeHeapSnapshotFile(request.file, {
        onPhase: (next) => post({ id: request.id, progress: next === 'reading' ? 0 : 0.9, phase: (phase = next) }),
        onProgress: (fraction) => post({ id: request.id, progress: fraction * 0.85, phase }),
      });
      const handle = nextHandle++;
      open.set(handle, analysis);
      return handle;
    }
    case 'close':
      open.get(request.handle)?.dispose();
      open.delete(request.handle);
      return null;
    case 'compare':
      return compareSnapshots(request.handles.map(analysisOf));
    case 'call': {
      const analysis = analysisOf(request.handle);
      return (analysis[request.method] as (...args: unknown[]) => unknown).apply(analysis, request.args);
    }
  }
}

function analysisOf(handle: number): HeapAnalysis {
  const analysis = open.get(handle);
  if (!analysis) throw new Error('that snapshot is closed');
  return analysis;
}

parentPort?.on('message', (request: HeapRequest) => {
  handle(request).then(
    (result) => post({ id: request.id, ok: true, result }),
    (error: unknown) =>
      post({
        id: request.id,
        ok: false,
        message: error instanceof Error ? error.message : String(error),
        kind: error instanceof FlameLensError ? error.kind : 'target-failed',
      }),
  );
});
