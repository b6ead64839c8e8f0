/**
 * Durations as every FlameLens surface prints them (terminal, editor, views, HTML report).
 * One rule, so a function's time reads the same in the flamegraph, the CodeLens and the report:
 * whole microseconds below 1 ms (a sampling interval is 50–1000 µs), one decimal of a
 * millisecond below 1 s (samples are ~1 ms apart: more digits would be noise), two decimals of
 * a second below a minute, then minutes and whole seconds.
 */

import { formatPercent } from './numbers';

/** "250 µs", "4.5 ms", "812.0 ms", "3.04 s", "2 min 5 s". */
export function formatDuration(ms: number): string {
  if (!Number.isFinite(ms)) return `${ms} ms`;
  const sign = ms < 0 ? '−' : '';
  const abs = Math.abs(ms);
  if (abs === 0) return '0 ms';
  // Each unit is chosen after rounding, so 999.96 ms is "1.00 s", never "1000.0 ms".
  if (Math.round(abs * 1000) < 1000) return `${sign}${Math.round(abs * 1000)} µs`;
  if (Math.round(abs * 10) < 10_000) return `${sign}${abs.toFixed(1)} ms`;
  if (Math.round(abs / 10) < 6000) return `${sign}${(abs / 1000).toFixed(2)} s`;
  const seconds = Math.round(abs / 1000);
  return `${sign}${Math.floor(seconds / 60)} min ${seconds % 60} s`;
}

/** Time axis labels: as short as a tick allows ("0 s", "45 s", "2:30"). */
export function formatClock(ms: number): string {
  const seconds = Math.round(ms / 1000);
  if (seconds < 60) return `${seconds} s`;
  return `${Math.floor(seconds / 60)}:${String(seconds % 60).padStart(2, '0')}`;
}

/**
 * A time with its share, as the CodeLens, the hover and the HTML report write one figure:
 * "286.9 ms (19.8 %)". The share is the engine's (computed once, of the same time base as the
 * tables), never recomputed here from rounded milliseconds.
 */
export function formatTimeShare(ms: number, pct: number): string {
  return `${formatDuration(ms)} (${formatPercent(pct)})`;
}
