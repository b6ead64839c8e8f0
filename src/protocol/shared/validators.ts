/**
 * The checks every message from a webview goes through, named once. The webview is not
 * trusted (a page could be compromised by what it shows), so each field is checked for its
 * type and for bounds that keep the host's work small; a view's messages are declared with
 * these (see defineMessages.ts), never with checks of their own.
 */

/** The longest file path a webview may name (longer ones are not real paths; Linux's PATH_MAX). */
export const maxPathLength = 4096;
/** The longest free text a webview may send (a function key, a search). */
export const maxTextLength = 4096;

/** The next steps a failure page may offer, with the words of its button. */
export const failureActionLabels = {
  openAnotherFile: 'Open another file…',
  recordAgain: 'Record again',
  showOutput: 'Show output',
} as const;

export type FailureAction = keyof typeof failureActionLabels;

/** One of the declared next steps of a failure page. */
export function isFailureAction(value: unknown): value is FailureAction {
  return typeof value === 'string' && Object.hasOwn(failureActionLabels, value);
}

/** A check of one field: true when `value` may be used as a `T`. */
export type Validator<T> = (value: unknown) => value is T;

/** A position in a list the host sent (node, class, object ordinal, page offset): a whole number from 0 below 2³². */
export function isIndex(value: unknown): value is number {
  return typeof value === 'number' && Number.isSafeInteger(value) && value >= 0 && value < 2 ** 32;
}

/** A source line: 1-based, as every DTO carries it. */
export function isLine(value: unknown): value is number {
  return isIndex(value) && value > 0;
}

/** A file path: non-empty and shorter than `maxPathLength`. Whether the host may open it is the channel's decision. */
export function isFilePath(value: unknown): value is string {
  return typeof value === 'string' && value.length > 0 && value.length < maxPathLength;
}

/** A point in a recording, ms since it started: finite and not negative. */
export function isTime(value: unknown): value is number {
  return typeof value === 'number' && Number.isFinite(value) && value >= 0;
}

/** A time range of a recording: two times, the end after the start. */
export function isRange(value: unknown): value is { readonly startMs: number; readonly endMs: number } {
  if (typeof value !== 'object' || value === null) return false;
  const { startMs, endMs } = value as Record<string, unknown>;
  return isTime(startMs) && isTime(endMs) && endMs > startMs;
}

/** A string shorter than `maxTextLength` (possibly empty). */
export function isShortText(value: unknown): value is string {
  return typeof value === 'string' && value.length < maxTextLength;
}

/** `check`, or null (a message that clears something, such as the selected range). */
export function orNull<T>(check: Validator<T>): Validator<T | null> {
  return (value: unknown): value is T | null => value === null || check(value);
}
