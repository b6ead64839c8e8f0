/**
 * Is the heap leaking? The heap a program uses rises and falls with garbage collection (a
 * sawtooth), so its raw level says little; what survives a full collection is what the
 * program keeps. The trend is fitted (Theil–Sen) to the heap right after major GCs, judged
 * with the Mann–Kendall test, and called sustained only when it is positive, significant,
 * material and present in both halves of the session (one step up then flat is not a leak).
 *
 * Full GCs are few by nature: V8 lets the old generation grow by a factor before the next
 * one, so a steadily leaking heap sees them at geometrically spaced times. With only a few, the
 * series starts with the lowest heap seen early in the session, before the first full GC: that
 * value is at least what was live then (it may include garbage, so it can hide growth but not
 * invent it; it lacks the floating garbage a full GC leaves, which is why it is not used when
 * there are enough collections without it).
 *
 * For the same reason the last full GC may come well before the end. Growth is sustained only
 * if it did not stop then: the lowest heap near the end (at least what is live then) must be
 * above where the fitted growth was heading. Garbage can keep that floor up, but the post-GC
 * points have already established the trend; a heap that stopped growing fails the check.
 *
 * Without enough major GCs there is no honest post-GC series: the fallback fits the lowest
 * heap per time window, but that floor also rises while V8 promotes garbage it has not yet
 * collected (a healthy server shows exactly this between full GCs), so that fit is reported
 * with capped confidence and never called sustained.
 */
import { formatRate } from '../../../format';
import { certaintyWords } from '../../../protocol/timeline/certainty';
import type { LeakTrendDto } from '../../../protocol/timeline/views';
import type { MemoryTimeline } from './savedTimeline';
import { risingConfidence, theilSenSlope, type Point } from './trendStatistics';

/** The trend is what the timeline view shows: one type, declared in the protocol (see savedTimeline.ts for why there). */
export type LeakTrend = LeakTrendDto;

export interface LeakTrendOptions {
  /** Shorter sessions are "not enough data". */
  readonly minDurationMs?: number;
  /** Major GCs needed for the post-GC fit (the early floor makes one more point). */
  readonly minCollections?: number;
}

/** Confidence needed to call the heap growing (or shrinking). */
const significant = 0.8;
/** Growth over the session below this share of the heap (or 1 MiB) is noise, not a leak. */
const materialShare = 0.02;
const materialBytes = 1024 * 1024;
/** The fallback fit can be fooled by uncollected garbage: its confidence never exceeds this. */
const minimaConfidenceCap = 0.5;
/** The slower half of the session must grow at least this share of the faster half's rate. */
const halfShare = 0.25;
/** Below this many full GCs the early floor joins the series. */
const fewCollections = 4;

/** Computes the leak trend of a timeline. */
export function computeLeakTrend(timeline: MemoryTimeline, options: LeakTrendOptions = {}): LeakTrend {
  const durationMs = timeline.durationMs;
  const minDurationMs = options.minDurationMs ?? 5000;
  if (durationMs < minDurationMs || timeline.samples.length + timeline.gcs.length < 4) {
    return notEnoughData(
      `The recording is too short (${(durationMs / 1000).toFixed(1)} s) to tell whether the heap grows; record longer (30 s or more) under load.`,
    );
  }
  const collections = timeline.gcs.filter((g) => g.kind === 'major' && g.heapAfter !== undefined).map((g) => ({ x: g.t, y: g.heapAfter! }));
  const withFloor = collections.length < fewCollections;
  const points = [...(withFloor ? earlyFloor(timeline, collections[0]?.x ?? durationMs) : []), ...collections].sort((a, b) => a.x - b.x);
  if (collections.length >= (options.minCollections ?? 2)) return postGcTrend(points, timeline);
  return minimaTrend(timeline, collections.length);
}

function postGcTrend(points: Point[], timeline: MemoryTimeline): LeakTrend {
  const slope = theilSenSlope(points); // bytes per ms
  const confidence = risingConfidence(points);
  const perMinute = slope * 60_000;
  const growth = slope * (points[points.length - 1].x - points[0].x);
  const level = [...points].sort((a, b) => a.y - b.y)[points.length >> 1].y;
  const material = Math.abs(growth) >= Math.max(materialBytes, materialShare * level);
  const base = { basis: 'post-gc' as const, growthBytesPerMinute: Math.round(perMinute), confidence: round2(confidence), points: points.length };
  if (slope > 0 && confidence >= significant && material) {
    const half = Math.ceil(points.length / 2);
    const first = theilSenSlope(points.slice(0, half));
    const second = theilSenSlope(points.slice(points.length - half));
    // Growth in one half only (a step, a cache filling once) is not a leak.
    const sustained = first > 0 && second > 0 && Math.min(first, second) >= halfShare * Math.max(first, second) && growthContinues(points, slope, timeline);
    return {
      ...base,
      status: 'growing',
      sustained,
      message: sustained
        ? `The heap that survives garbage collection keeps growing: ${formatRate(perMinute)}, over the whole recording (${certaintyWords(confidence)}).`
        : `The heap after garbage collection grew (${formatRate(perMinute)}), but not over most of the session; it looks like a step, not a leak.`,
    };
  }
  if (slope < 0 && 1 - confidence >= significant && material) {
    return { ...base, status: 'shrinking', sustained: false, message: `The heap after garbage collection shrank (${formatRate(perMinute)}).` };
  }
  return { ...base, status: 'flat', sustained: false, message: `The heap after garbage collection stays flat (${formatRate(perMinute)}, not significant).` };
}

/** Whether the heap's floor near the end is where continued growth after the last full GC would put it (or higher). */
function growthContinues(points: Point[], slope: number, timeline: MemoryTimeline): boolean {
  const last = points[points.length - 1];
  const tail = timeline.durationMs - last.x;
  if (tail < timeline.durationMs / 10) return true; // the last full GC was near the end: nothing to check
  const from = timeline.durationMs - Math.max(tail / 3, 2 * timeline.intervalMs);
  let floor: Point | undefined;
  for (const sample of timeline.samples) {
    const y = sample.heapUsedMin ?? sample.heapUsed;
    if (sample.t >= from && (!floor || y < floor.y)) floor = { x: sample.t, y };
  }
  return !floor || floor.y >= last.y + 0.5 * slope * (floor.x - last.x);
}

/** The lowest heap in the first tenth of the session (and before the first full GC), as a point. */
function earlyFloor(timeline: MemoryTimeline, firstCollectionMs: number): Point[] {
  const until = Math.min(firstCollectionMs, timeline.durationMs / 10);
  let floor: Point | undefined;
  for (const sample of timeline.samples) {
    if (floor && sample.t > until) break;
    const y = sample.heapUsedMin ?? sample.heapUsed;
    if (!floor || y < floor.y) floor = { x: sample.t, y };
  }
  return floor ? [floor] : [];
}

function minimaTrend(timeline: MemoryTimeline, collections: number): LeakTrend {
  const windows = Math.min(12, Math.floor(timeline.samples.length / 2));
  const width = timeline.durationMs / Math.max(windows, 1);
  const floors = new Array<number>(windows).fill(Infinity);
  for (const sample of timeline.samples) {
    const index = Math.min(windows - 1, Math.floor(sample.t / width));
    if (index >= 0) floors[index] = Math.min(floors[index], sample.heapUsedMin ?? sample.heapUsed);
  }
  const points = floors.flatMap((y, i) => (Number.isFinite(y) ? [{ x: (i + 0.5) * width, y }] : []));
  if (points.length < 4) {
    return notEnoughData('Too few memory samples to tell whether the heap grows; record longer or with a shorter interval.');
  }
  const slope = theilSenSlope(points);
  const perMinute = slope * 60_000;
  const confidence = Math.min(minimaConfidenceCap, risingConfidence(points));
  const why = collections === 0 ? 'no full garbage collection ran' : `only ${collections} full garbage collection${collections === 1 ? '' : 's'} ran`;
  return {
    status: 'not-enough-data',
    basis: 'heap-minima',
    growthBytesPerMinute: Math.round(perMinute),
    confidence: round2(confidence),
    sustained: false,
    points: points.length,
    message: `Not enough data to call it a leak: ${why}, so live data cannot be told from garbage; the lowest heap moved ${formatRate(perMinute)}. Record longer under load.`,
  };
}

function notEnoughData(message: string): LeakTrend {
  return { status: 'not-enough-data', basis: 'none', growthBytesPerMinute: null, confidence: null, sustained: false, points: 0, message };
}

function round2(value: number): number {
  return Math.round(value * 100) / 100;
}
