/**
 * A share of the recording, in percent, rounded once here for every figure the engine sends
 * (hot functions and lines, top-down rows, callers and callees). Two roundings to different
 * digits made one function read 99.3 % in the top-down tree and 99.4 % in the bottom-up table;
 * the views and the CLI then write it with one decimal (src/format, formatPercent).
 */
export function sharePct(partUs: number, wholeUs: number): number {
  return wholeUs > 0 ? Math.round((partUs / wholeUs) * 100 * 100) / 100 : 0;
}
