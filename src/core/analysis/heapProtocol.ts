/** The heap worker's request/response shapes: questions about open snapshots, by handle. */
import type { HeapAnalysis } from '../model/heap/heapAnalysis';

export type HeapMethod = 'summary' | 'instances' | 'retainerPath';

export type HeapRequest =
  | { readonly id: number; readonly kind: 'open'; readonly file: string }
  | { readonly id: number; readonly kind: 'close'; readonly handle: number }
  | { readonly id: number; readonly kind: 'compare'; readonly handles: readonly number[] }
  | { readonly id: number; readonly kind: 'call'; readonly handle: number; readonly method: HeapMethod; readonly args: unknown[] };

export type HeapResponse =
  | { readonly id: number; readonly ok: true; readonly result: unknown }
  | { readonly id: number; readonly ok: false; readonly message: string; readonly kind: string }
  | { readonly id: number; readonly progress: number; readonly phase: string };

export type HeapResult<M extends HeapMethod> = ReturnType<HeapAnalysis[M]>;
export type HeapArgs<M extends HeapMethod> = Parameters<HeapAnalysis[M]>;
