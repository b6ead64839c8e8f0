/**
 * The extension host's side of the heap worker: open snapshots, ask about them, compare them.
 * One worker holds every open snapshot; errors come back as FlameLensError so the UI can say
 * what happened (a truncated file, a file that is not a snapshot, the worker running out of memory).
 */
import * as path from 'node:path';
import type { HeapDiffDto } from '../../protocol/heap/views';
import type { HeapAnalysis } from '../model/heap/heapAnalysis';
import type { HeapMethod, HeapWorkerApi } from './heapProtocol';
import { openFile, OpenFile, WorkerClient } from './workerClient';
import type { ReportProgress } from './workerProtocol';

/** One snapshot open in the worker. */
export type OpenHeapSnapshot = OpenFile<HeapAnalysis, HeapMethod>;

export class HeapClient {
  private readonly worker = new WorkerClient<HeapWorkerApi>({
    // Next to this file both in out/ (tsc) and dist/ (webpack builds it as its own file).
    file: path.join(__dirname, 'heapWorker.js'),
    crashed: (error) =>
      `The heap snapshot analysis stopped (${error.message}). A snapshot this big may need more free memory; close other snapshots and try again.`,
    exited: 'The heap snapshot analysis stopped unexpectedly; open the snapshot again.',
  });

  /** Opens a snapshot in the worker; `onProgress` gets 0..1 and the phase while it is read. */
  open(file: string, onProgress?: ReportProgress): Promise<OpenHeapSnapshot> {
    return openFile<HeapAnalysis, HeapMethod>(this.worker, file, onProgress);
  }

  /** Compares two or three open snapshots of one process (first = baseline). */
  compare(snapshots: readonly OpenHeapSnapshot[]): Promise<HeapDiffDto> {
    return this.worker.call(
      'compare',
      snapshots.map((s) => s.handle),
    );
  }

  dispose(): void {
    this.worker.dispose();
  }
}
