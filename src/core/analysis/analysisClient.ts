/**
 * The extension host's side of the analysis worker: typed calls, one worker for all open
 * profiles, errors re-thrown as FlameLensError so the UI can say what happened.
 */
import * as path from 'node:path';
import { Worker } from 'node:worker_threads';
import { FlameLensError, type FailureKind } from '../errors';
import type { AnalysisArgs, AnalysisMethod, AnalysisRequest, AnalysisResponse, AnalysisResult } from './analysisProtocol';

type Pending = { resolve(value: unknown): void; reject(error: Error): void };
type DistributiveOmit<T, K extends keyof T> = T extends unknown ? Omit<T, K> : never;

export class AnalysisClient {
  private worker: Worker | undefined;
  private readonly pending = new Map<number, Pending>();
  private nextId = 1;

  /** Opens a profile in the worker; the result answers questions about it. */
  async open(file: string): Promise<OpenProfile> {
    const handle = (await this.request({ kind: 'open', file })) as number;
    return new OpenProfile(this, handle, file);
  }

  call<M extends AnalysisMethod>(handle: number, method: M, ...args: AnalysisArgs<M>): Promise<AnalysisResult<M>> {
    return this.request({ kind: 'call', handle, method, args }) as Promise<AnalysisResult<M>>;
  }

  close(handle: number): void {
    void this.request({ kind: 'close', handle }).catch(() => undefined);
  }

  dispose(): void {
    void this.worker?.terminate();
    this.worker = undefined;
    for (const p of this.pending.values()) p.reject(new FlameLensError('cancelled', 'FlameLens is shutting down.'));
    this.pending.clear();
  }

  private request(request: DistributiveOmit<AnalysisRequest, 'id'>): Promise<unknown> {
    const id = this.nextId++;
    const worker = this.ensureWorker();
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      worker.postMessage({ ...request, id });
    });
  }

  private ensureWorker(): Worker {
    if (this.worker) return this.worker;
    // Next to this file both in out/ (tsc) and dist/ (webpack, where it is its own bundle).
    const worker = new Worker(path.join(__dirname, 'analysisWorker.js'));
    worker.on('message', (response: AnalysisResponse) => {
      const pending = this.pending.get(response.id);
      if (!pending) return;
      this.pending.delete(response.id);
      if (response.ok) pending.resolve(response.result);
      else pending.reject(new FlameLensError(response.kind as FailureKind, response.message));
    });
    worker.on('error', (error) => this.failAll(`The profile analysis stopped unexpectedly (${error.message}); open the profile again.`));
    worker.on('exit', () => {
      this.worker = undefined;
      this.failAll('The profile analysis stopped unexpectedly; open the profile again.');
    });
    worker.unref();
    this.worker = worker;
    return worker;
  }

  private failAll(message: string): void {
    for (const p of this.pending.values()) p.reject(new FlameLensError('target-failed', message));
    this.pending.clear();
  }
}

/** One profile open in the worker. */
export class OpenProfile {
  constructor(
    private readonly client: AnalysisClient,
    readonly handle: number,
    readonly file: string,
  ) {}

  call<M extends AnalysisMethod>(method: M, ...args: AnalysisArgs<M>): Promise<AnalysisResult<M>> {
    return this.client.call(this.handle, method, ...args);
  }

  dispose(): void {
    this.client.close(this.handle);
  }
}
