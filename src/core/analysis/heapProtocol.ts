/** The heap worker's API: snapshots opened by handle, questions named after HeapAnalysis methods, comparisons. */
import type { HeapDiffDto } from '../../protocol/heap/views';
import type { FileWorkerApi } from './workerProtocol';

export type HeapMethod = 'summary' | 'instances' | 'retainerPath';

export type HeapWorkerApi = FileWorkerApi<HeapMethod> & {
  /** Compares two or three open snapshots of one process (first = baseline). */
  compare(handles: readonly number[]): HeapDiffDto;
};
