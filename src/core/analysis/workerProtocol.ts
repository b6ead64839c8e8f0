/**
 * What travels between a worker client and its worker: a method name with its arguments, then
 * progress reports and one answer. An API is a plain type of functions; both sides are typed by it.
 */

/** The methods a worker answers, by name; the client sees them as async, the host may answer either way. */
export type WorkerApi<Api> = { [M in keyof Api]: (...args: never[]) => unknown };

export type MethodOf<Api> = keyof Api & string;
export type ArgsOf<F> = F extends (...args: infer A) => unknown ? A : never;
export type ResultOf<F> = F extends (...args: never[]) => infer R ? Awaited<R> : never;

/** Called with 0..1 and the phase the worker is in, while one call runs. */
export type ReportProgress = (fraction: number, phase: string) => void;

export type WorkerRequest = { readonly id: number; readonly method: string; readonly args: readonly unknown[] };

export type WorkerResponse =
  | { readonly id: number; readonly ok: true; readonly result: unknown }
  | { readonly id: number; readonly ok: false; readonly message: string; readonly kind: string }
  | { readonly id: number; readonly progress: number; readonly phase: string };

/**
 * A worker that holds opened files by handle (the worker keeps the big model, the client keeps a
 * number) and answers questions about one of them by the name of a method of its model.
 */
export type FileWorkerApi<Method extends string> = {
  open(file: string): number;
  close(handle: number): null;
  /** Typed per method by `OpenFile` on the client side; here the arguments travel as they are. */
  call(handle: number, method: Method, args: readonly unknown[]): unknown;
};
