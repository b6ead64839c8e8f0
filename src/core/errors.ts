/**
 * Errors the user can act on. `kind` decides the CLI's exit code and tells the
 * extension whether to blame the input or the target; `message` is one sentence
 * saying what happened and what to do next.
 */
export type FailureKind = 'bad-input' | 'target-failed' | 'cancelled';

export class FlameLensError extends Error {
  constructor(
    readonly kind: FailureKind,
    message: string,
    readonly cause?: unknown,
  ) {
    super(message);
    this.name = 'FlameLensError';
  }
}

export const badInput = (message: string, cause?: unknown) => new FlameLensError('bad-input', message, cause);
export const targetFailed = (message: string, cause?: unknown) => new FlameLensError('target-failed', message, cause);
