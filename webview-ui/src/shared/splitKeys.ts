// Where the splitter of a split pane (splitPane.ts) goes by keyboard or drag; no DOM, so it is tested in Node.

/** The top pane's share of the height, in percent. */
export const SPLIT_MIN = 15;
export const SPLIT_MAX = 85;

const steps = new Map([
  ['ArrowUp', -5],
  ['ArrowDown', 5],
  ['PageUp', -20],
  ['PageDown', 20],
]);

/** Where a key moves the splitter from `percent`; undefined when the key does not move it. */
export function splitAfterKey(percent: number, key: string): number | undefined {
  const step = steps.get(key);
  if (step !== undefined) return clampSplit(percent + step);
  if (key === 'Home') return SPLIT_MIN;
  if (key === 'End') return SPLIT_MAX;
  return undefined;
}

export function clampSplit(percent: number): number {
  return Math.round(Math.min(SPLIT_MAX, Math.max(SPLIT_MIN, percent)));
}
