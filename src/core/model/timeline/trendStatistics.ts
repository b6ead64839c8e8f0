/**
 * Robust trend statistics for short, noisy series: the Theil–Sen slope (median of pairwise
 * slopes: one outlier or one GC that frees a lot cannot tilt it) and the Mann–Kendall test
 * (how likely a series without trend is to rise this consistently).
 */

export interface Point {
  readonly x: number;
  readonly y: number;
}

/** Above this many points the pairwise statistics run on an evenly thinned subset (O(n²) pairs). */
const maxPoints = 400;

/** Median of the slopes between every pair of points with distinct x; 0 with fewer than two. */
export function theilSenSlope(points: readonly Point[]): number {
  const p = thin(points);
  const slopes: number[] = [];
  for (let i = 0; i < p.length; i++) {
    for (let j = i + 1; j < p.length; j++) {
      const dx = p[j].x - p[i].x;
      if (dx !== 0) slopes.push((p[j].y - p[i].y) / dx);
    }
  }
  return median(slopes);
}

/**
 * Confidence (0..1) that y rises with x: one minus the one-sided p-value of the Mann–Kendall
 * statistic under "no trend", by the normal approximation with continuity correction (within
 * a few percent of the exact value from n = 3 on). ~0.5 for a flat series, ~0 for a falling one.
 */
export function risingConfidence(points: readonly Point[]): number {
  const p = thin([...points].sort((a, b) => a.x - b.x));
  const n = p.length;
  if (n < 3) return 0.5;
  let s = 0;
  for (let i = 0; i < n; i++) for (let j = i + 1; j < n; j++) s += Math.sign(p[j].y - p[i].y);
  const variance = (n * (n - 1) * (2 * n + 5)) / 18;
  const z = s === 0 ? 0 : (s - Math.sign(s)) / Math.sqrt(variance);
  return normalCdf(z);
}

export function median(values: readonly number[]): number {
  if (values.length === 0) return 0;
  const sorted = Float64Array.from(values).sort();
  const middle = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

function thin(points: readonly Point[]): readonly Point[] {
  if (points.length <= maxPoints) return points;
  const step = points.length / maxPoints;
  return Array.from({ length: maxPoints }, (_, i) => points[Math.floor(i * step)]);
}

/** Standard normal CDF (Abramowitz & Stegun 7.1.26 for erf; error < 1.5e-7). */
function normalCdf(z: number): number {
  const x = Math.abs(z) / Math.SQRT2;
  const t = 1 / (1 + 0.3275911 * x);
  const erf = 1 - ((((1.061405429 * t - 1.453152027) * t + 1.421413741) * t - 0.284496736) * t + 0.254829592) * t * Math.exp(-x * x);
  return z >= 0 ? (1 + erf) / 2 : (1 - erf) / 2;
}
