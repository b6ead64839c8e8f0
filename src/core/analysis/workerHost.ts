/**
 * The worker thread's side: answers each request with its method's handler, passes progress back
 * while a call runs, and turns a failure into a message the client re-throws as FlameLensError
 * (one sentence for the user when the handler threw one, 'target-failed' otherwise).
 */
import { parentPort } from 'node:worker_threads';
import { FlameLensError } from '../errors';
import type { ArgsOf, ReportProgress, ResultOf, WorkerApi, WorkerRequest, WorkerResponse } from './workerProtocol';

/** One handler per method: its arguments as a tuple and a way to report progress. */
export type WorkerHandlers<Api extends WorkerApi<Api>> = {
  [M in keyof Api]: (args: ArgsOf<Api[M]>, progress: ReportProgress) => ResultOf<Api[M]> | Promise<ResultOf<Api[M]>>;
};

/** Serves `handlers` to the thread that started this worker (a no-op when loaded on the main thread). */
export function serveWorker<Api extends WorkerApi<Api>>(handlers: WorkerHandlers<Api>): void {
  const port = parentPort;
  if (!port) return;
  const post = (response: WorkerResponse) => port.postMessage(response);
  port.on('message', ({ id, method, args }: WorkerRequest) => {
    const progress: ReportProgress = (fraction, phase) => post({ id, progress: fraction, phase });
    answer(handlers, method, args, progress).then(
      (result) => post({ id, ok: true, result }),
      (error: unknown) =>
        post({
          id,
          ok: false,
          message: error instanceof Error ? error.message : String(error),
          kind: error instanceof FlameLensError ? error.kind : 'target-failed',
        }),
    );
  });
}

async function answer<Api extends WorkerApi<Api>>(
  handlers: WorkerHandlers<Api>,
  method: string,
  args: readonly unknown[],
  progress: ReportProgress,
): Promise<unknown> {
  if (!Object.prototype.hasOwnProperty.call(handlers, method)) throw new Error(`the worker has no method "${method}"`);
  const handler = handlers[method as keyof Api] as (args: readonly unknown[], progress: ReportProgress) => unknown;
  return handler(args, progress);
}

/**
 * The files a worker holds open, by the handle its client keeps. Handles are never reused, so a
 * late question about a closed file fails instead of answering about another one.
 */
export class OpenHandles<T> {
  private readonly open = new Map<number, T>();
  private nextHandle = 1;

  /** @param closedMessage what a question about a closed (or unknown) handle fails with */
  constructor(private readonly closedMessage: string) {}

  add(value: T): number {
    const handle = this.nextHandle++;
    this.open.set(handle, value);
    return handle;
  }

  get(handle: number): T {
    const value = this.open.get(handle);
    if (value === undefined) throw new Error(this.closedMessage);
    return value;
  }

  /** Forgets the handle and returns what it held, if it was open. */
  delete(handle: number): T | undefined {
    const value = this.open.get(handle);
    this.open.delete(handle);
    return value;
  }
}

/** Calls one of `target`'s methods by name, as `target.method(...args)` would (with `this` bound). */
export function callMethod<Target>(target: Target, method: keyof Target, args: readonly unknown[]): unknown {
  const fn = target[method];
  if (typeof fn !== 'function') throw new Error(`"${String(method)}" is not a question this worker answers`);
  return Reflect.apply(fn, target, args) as unknown;
}
