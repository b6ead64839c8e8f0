/**
 * Where the timeline's time axis puts its labels. The labels are whole seconds (formatClock), so
 * the ticks are too: d3's own ticks on a one-second domain (early in a live recording) are
 * 0.2 s apart and read "0 s 0 s 0 s 1 s". Steps are "nice" multiples of a second, chosen so at
 * most `maxTicks` fit.
 */

/** Steps in ms, from the smallest: a second up to an hour. */
const steps = [1, 2, 5, 10, 15, 30, 60, 120, 300, 600, 900, 1800, 3600].map((s) => s * 1000);

/** Tick positions (ms) from 0 to `endMs`, whole seconds, at most `maxTicks` of them (at least two when the domain allows). */
export function timeTicks(endMs: number, maxTicks: number): number[] {
  if (!(endMs > 0)) return [0];
  const wanted = Math.max(2, Math.floor(maxTicks));
  const step = steps.find((s) => Math.floor(endMs / s) + 1 <= wanted) ?? Math.ceil(endMs / (wanted - 1) / 3_600_000) * 3_600_000;
  const ticks: number[] = [];
  for (let t = 0; t <= endMs + 1e-6; t += step) ticks.push(t);
  return ticks;
}
