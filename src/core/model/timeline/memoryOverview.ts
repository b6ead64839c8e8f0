/**
 * What the memory views and the CLI ask of a timeline: the overview DTO (timeline, leak trend,
 * peaks) and the `memory` section of the `--json` summary.
 */
import type { MemoryOverviewDto } from '../../../protocol/timeline/views';
import { computeLeakTrend, type LeakTrend } from './leakTrend';
import type { MemoryTimeline } from './savedTimeline';

/** The `memory` section of the `--json` summary (a CLI contract). Bytes; growth per minute. */
export interface MemorySummary {
  readonly durationMs: number;
  readonly peakHeapUsed: number;
  readonly peakRss: number;
  readonly gcCount: number;
  readonly gcTotalMs: number;
  /** Null when there is not enough data. */
  readonly growthBytesPerMinute: number | null;
  readonly confidence: number | null;
  readonly sustainedGrowth: boolean;
  /** What the growth was fitted to: heap after full GCs, the lowest heap per window, or nothing. */
  readonly growthBasis: LeakTrend['basis'];
  readonly trendMessage: string;
}

export function memoryOverview(timeline: MemoryTimeline, trend: LeakTrend = computeLeakTrend(timeline)): MemoryOverviewDto {
  return { timeline, trend, ...peaks(timeline) };
}

export function summarizeMemory(timeline: MemoryTimeline, trend: LeakTrend = computeLeakTrend(timeline)): MemorySummary {
  return {
    durationMs: timeline.durationMs,
    ...peaks(timeline),
    gcCount: timeline.gcCount,
    gcTotalMs: timeline.gcTotalMs,
    growthBytesPerMinute: trend.growthBytesPerMinute,
    confidence: trend.confidence,
    sustainedGrowth: trend.sustained,
    growthBasis: trend.basis,
    trendMessage: trend.message,
  };
}

function peaks(timeline: MemoryTimeline): { peakHeapUsed: number; peakRss: number } {
  let peakHeapUsed = 0;
  let peakRss = 0;
  for (const sample of timeline.samples) {
    peakHeapUsed = Math.max(peakHeapUsed, sample.heapUsed);
    peakRss = Math.max(peakRss, sample.rss);
  }
  return { peakHeapUsed, peakRss };
}
