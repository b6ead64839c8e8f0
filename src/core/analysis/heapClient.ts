/**
 * The extension host's side of the heap worker: open snapshots, ask about them, compare them.
 * One worker holds every open snapshot; errors come back as FlameLensError so the UI can say
 * what happened (a truncated file, a file that is not a snapshot, the worker running out of memory).
 */
import * as path from 'node:path';
import { Worker } from 'node:worker_threads';
import type { HeapDiffDto } from '../../protocol/heapViews';
import { FlameLensError, type FailureKind } from '../errors';
import type { HeapArgs, HeapMethod, HeapRequest, HeapResponse, HeapResult } from './heapProtocol';

type Pending = { resolve(value: unknown): void; reject(error: Error): void; progress?(fraction: number, phase: string): void };
type DistributiveOmit<T, K extends keyof T> = T extends unknown ? Omit<T, K> : never;

export class HeapClient {
  private worker: Worker | undefined;
  private readonly pending = new Map<number, Pending>();
  private nextId = 1;

  /** Opens a snapshot in the worker; `onProgress` gets 0..1 and the phase while it is read. */
  async open(file: string, onProgress?: (fraction: number, phase: string) => void): Promise<OpenHeapSnapshot> {
    const handle = (await this.request({ kind: 'open', file }, onProgress)) as number;
    return new OpenHeapSnapshot(this, handle, file);
  }

  /** Compares two or three open snapshots of one process (first = baseline). */
  compare(snapshots: readonly OpenHeapSnapshot[]): Promise<HeapDiffDto> {
    return this.request({ kind: 'compare', handles: snapshots.map((s) => s.handle) }) as Promise<HeapDiffDto>;
  }

  call<M extends HeapMethod>(handle: number, method: M, ...args: HeapArgs<M>): Promise<HeapResult<M>> {
    return this.request({ kind: 'call', handle, method, args }) as Promise<HeapResult<M>>;
  }

  close(handle: number): void {
    void this.request({ kind: 'close', handle }).catch(() => undefined);
  }

  dispose(): void {
    void this.worker?.terminate();
    this.worker = undefined;
    this.failAll('cancelled', 'FlameLens is shutting down.');
  }

  private request(request: DistributiveOmit<HeapRequest, 'id'>, progress?: Pending['progress']): Promise<unknown> {
    const id = this.nextId++;
    const worker = this.ensureWorker();
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject, progress });
      worker.postMessage({ ...request, id });
    });
  }

  private ensureWorker(): Worker {
    if (this.worker) return this.worker;
    // Next to this file both in out/ (tsc) and dist/ (webpack builds it as its own file).
    const worker = new Worker(path.join(__dirname, 'heapWorker.js'));
    worker.on('message', (response: HeapResponse) => {
      const pending = this.pending.get(response.id);
      if (!pending) return;
      if ('progress' in response) return pending.progress?.(response.progress, response.phase);
      this.pending.delete(response.id);
      if (response.ok) pending.resolve(response.result);
      else pending.reject(new FlameLensError(response.kind as FailureKind, response.message));
    });
    worker.on('error', (error) =>
      this.failAll('target-failed', `The heap snapshot analysis stopped (${error.message}). A snapshot this big may need more free memory; close other snapshots and try again.`),
    );
    worker.on('exit', () => {
      this.worker = undefined;
      this.failAll('target-failed', 'The heap snapshot analysis stopped unexpectedly; open the snapshot again.');
    });
    worker.unref();
    this.worker = worker;
    return worker;
  }

  private failAll(kind: FailureKind, message: string): void {
    for (const p of this.pending.values()) p.reject(new FlameLensError(kind, message));
    this.pending.clear();
  }
}

/** One snapshot open in the worker. */
export class OpenHeapSnapshot {
  constructor(
    private readonly client: HeapClient,
    readonly handle: number,
    readonly file: string,
  ) {}

  call<M extends HeapMethod>(method: M, ...args: HeapArgs<M>): Promise<HeapResult<M>> {
    return this.client.call(this.handle, method, ...args);
  }

  dispose(): void {
    this.client.close(this.handle);
  }
}
