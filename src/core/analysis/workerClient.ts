/**
 * The extension host's side of a worker thread: calls by method name typed by the worker's API,
 * one worker started on first use and kept for every open file, answers and errors matched to
 * their call by id, errors re-thrown as FlameLensError so the UI can say what happened.
 */
import { Worker } from 'node:worker_threads';
import { FlameLensError, type FailureKind } from '../errors';
import type { ArgsOf, FileWorkerApi, MethodOf, ReportProgress, ResultOf, WorkerApi, WorkerRequest, WorkerResponse } from './workerProtocol';

/** What differs between workers: where the worker's file is and how to say that it stopped. */
export type WorkerOptions = {
  /** The worker entry's built file (next to the client both in out/ and dist/). */
  readonly file: string;
  /** The sentence for calls in flight when the worker fails with an error (out of memory, a crash). */
  crashed(error: Error): string;
  /** The sentence for calls in flight when the worker exits without an error. */
  readonly exited: string;
};

type Pending = { resolve(value: unknown): void; reject(error: Error): void; progress?: ReportProgress };

export class WorkerClient<Api extends WorkerApi<Api>> {
  private worker: Worker | undefined;
  private readonly pending = new Map<number, Pending>();
  private nextId = 1;

  constructor(private readonly options: WorkerOptions) {}

  call<M extends MethodOf<Api>>(method: M, ...args: ArgsOf<Api[M]>): Promise<ResultOf<Api[M]>> {
    return this.callWithProgress(method, undefined, ...args);
  }

  /** A call whose worker reports progress while it runs (opening a multi-GB snapshot). */
  callWithProgress<M extends MethodOf<Api>>(method: M, progress: ReportProgress | undefined, ...args: ArgsOf<Api[M]>): Promise<ResultOf<Api[M]>> {
    const id = this.nextId++;
    const worker = this.ensureWorker();
    return new Promise<unknown>((resolve, reject) => {
      this.pending.set(id, { resolve, reject, progress });
      worker.postMessage({ id, method, args } satisfies WorkerRequest);
    }) as Promise<ResultOf<Api[M]>>;
  }

  /** Stops the worker; calls in flight are cancelled, the next call starts a new one. */
  dispose(): void {
    void this.worker?.terminate();
    this.worker = undefined;
    this.failAll('cancelled', 'FlameLens is shutting down.');
  }

  private ensureWorker(): Worker {
    if (this.worker) return this.worker;
    const worker = new Worker(this.options.file);
    worker.on('message', (response: WorkerResponse) => this.answer(response));
    worker.on('error', (error) => this.failAll('target-failed', this.options.crashed(error)));
    worker.on('exit', () => {
      // A worker disposed of earlier may exit after its successor started: forget only this one.
      if (this.worker === worker) this.worker = undefined;
      this.failAll('target-failed', this.options.exited);
    });
    // An idle worker must not keep the CLI or a test process alive.
    worker.unref();
    this.worker = worker;
    return worker;
  }

  private answer(response: WorkerResponse): void {
    const pending = this.pending.get(response.id);
    if (!pending) return;
    if ('progress' in response) return pending.progress?.(response.progress, response.phase);
    this.pending.delete(response.id);
    if (response.ok) pending.resolve(response.result);
    else pending.reject(new FlameLensError(response.kind as FailureKind, response.message));
  }

  private failAll(kind: FailureKind, message: string): void {
    for (const p of this.pending.values()) p.reject(new FlameLensError(kind, message));
    this.pending.clear();
  }
}

/** One file open in a worker: questions about it by the name of a method of its model. */
export class OpenFile<Target, Method extends MethodOf<Target>> {
  constructor(
    private readonly client: WorkerClient<FileWorkerApi<Method>>,
    readonly handle: number,
    readonly file: string,
  ) {}

  call<M extends Method>(method: M, ...args: ArgsOf<Target[M]>): Promise<ResultOf<Target[M]>> {
    return this.client.call('call', this.handle, method, args) as Promise<ResultOf<Target[M]>>;
  }

  dispose(): void {
    void this.client.call('close', this.handle).catch(() => undefined);
  }
}

/** Opens a file in a file worker; `progress` hears from the worker while it reads the file. */
export async function openFile<Target, Method extends MethodOf<Target>>(
  client: WorkerClient<FileWorkerApi<Method>>,
  file: string,
  progress?: ReportProgress,
): Promise<OpenFile<Target, Method>> {
  const handle = await client.callWithProgress('open', progress, file);
  return new OpenFile<Target, Method>(client, handle, file);
}
