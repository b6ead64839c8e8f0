/**
 * Which rows a profile table lists at first (no DOM, so it is tested in Node): the first 50 that
 * took any time at all; the rest — rows past the 50th and rows of no time — wait behind a
 * "Show N more" row. "(root)" and nameless rows are the call tree's scaffolding, not functions,
 * and are never listed.
 */
export const FIRST_ROWS = 50;

/** Below this a time reads "0 µs": nothing worth a row before the user asks for more. */
const FLOOR_MS = 0.0005;

export function isListedFunction(name: string): boolean {
  const trimmed = name.trim();
  return trimmed !== '' && trimmed !== '(root)';
}

/** `rows` in their order, split into those listed now and those behind "Show N more". */
export function splitAtFloor<T extends { readonly name: string }>(
  rows: readonly T[],
  value: (row: T) => number,
  limit = FIRST_ROWS,
): { readonly shown: T[]; readonly more: T[] } {
  const shown: T[] = [];
  const more: T[] = [];
  for (const row of rows) {
    if (!isListedFunction(row.name)) continue;
    (shown.length < limit && value(row) >= FLOOR_MS ? shown : more).push(row);
  }
  return { shown, more };
}
