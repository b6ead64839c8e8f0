/**
 * The leak trend as a line on the chart. The engine's LeakTrendDto carries the fitted growth
 * rate but not the values it was fitted to, so this rebuilds them from the timeline the same way
 * (src/core/model/timeline/leakTrend.ts): heap right after major GCs (with the early floor when
 * there are few), or the lowest heap per window. The line passes through them with the
 * engine's slope and the Theil–Sen intercept (the median of y − slope·x).
 */
import type { LeakTrendDto, MemoryTimelineDto } from '../../../src/protocol/timeline/views';

export interface TrendPoint {
  readonly t: number;
  readonly bytes: number;
}

export interface TrendLine {
  /** The values the trend was fitted to. */
  readonly points: readonly TrendPoint[];
  readonly from: TrendPoint;
  readonly to: TrendPoint;
}

/** Below this many full GCs the engine adds the early floor (leakTrend.ts `fewCollections`). */
const fewCollections = 4;

export function trendLineOf(timeline: MemoryTimelineDto, trend: LeakTrendDto): TrendLine | undefined {
  if (trend.growthBytesPerMinute === null || trend.basis === 'none') return undefined;
  const points = trend.basis === 'post-gc' ? postGcPoints(timeline) : minimaPoints(timeline);
  if (points.length < 2) return undefined;
  const slope = trend.growthBytesPerMinute / 60_000; // bytes per ms
  const offsets = points.map((p) => p.bytes - slope * p.t).sort((a, b) => a - b);
  const middle = offsets.length >> 1;
  const intercept = offsets.length % 2 ? offsets[middle] : (offsets[middle - 1] + offsets[middle]) / 2;
  const start = points[0].t;
  const end = Math.max(timeline.durationMs, points[points.length - 1].t);
  return { points, from: { t: start, bytes: intercept + slope * start }, to: { t: end, bytes: intercept + slope * end } };
}

function postGcPoints(timeline: MemoryTimelineDto): TrendPoint[] {
  const collections = timeline.gcs.filter((g) => g.kind === 'major' && g.heapAfter !== undefined).map((g) => ({ t: g.t, bytes: g.heapAfter! }));
  const points = [...collections];
  if (collections.length < fewCollections) {
    const until = Math.min(collections[0]?.t ?? timeline.durationMs, timeline.durationMs / 10);
    let floor: TrendPoint | undefined;
    for (const sample of timeline.samples) {
      if (floor && sample.t > until) break;
      const bytes = sample.heapUsedMin ?? sample.heapUsed;
      if (!floor || bytes < floor.bytes) floor = { t: sample.t, bytes };
    }
    if (floor) points.push(floor);
  }
  return points.sort((a, b) => a.t - b.t);
}

function minimaPoints(timeline: MemoryTimelineDto): TrendPoint[] {
  const windows = Math.min(12, Math.floor(timeline.samples.length / 2));
  if (windows < 1) return [];
  const width = timeline.durationMs / windows;
  const floors = new Array<number>(windows).fill(Infinity);
  for (const sample of timeline.samples) {
    const index = Math.min(windows - 1, Math.floor(sample.t / width));
    if (index >= 0) floors[index] = Math.min(floors[index], sample.heapUsedMin ?? sample.heapUsed);
  }
  return floors.flatMap((bytes, i) => (Number.isFinite(bytes) ? [{ t: (i + 0.5) * width, bytes }] : []));
}
