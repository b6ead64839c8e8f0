/**
 * What the memory timeline view shows, as plain JSON: the timeline (heap, RSS, GC marks,
 * event-loop delay) and the leak trend computed from it. These are also the engine's own types
 * (the sampler's timeline, the `.memory.json` file, the trend): one shape from the target to
 * the chart. No classes, Maps or Uris; bytes, and ms since the recording started.
 */

/** One point of the memory timeline. A point may stand for several samples once the timeline was downsampled. */
export interface MemorySampleDto {
  /** ms since the recording started (the start of the span the point stands for). */
  readonly t: number;
  /** Bytes; for a downsampled point, the highest value in its span (so peaks survive). */
  readonly rss: number;
  readonly heapTotal: number;
  readonly heapUsed: number;
  readonly external: number;
  readonly arrayBuffers: number;
  /** The lowest heapUsed in the span; only on downsampled points (the leak trend's fallback needs floors, not peaks). */
  readonly heapUsedMin?: number;
  /** Event-loop delay over the interval, ms; absent when the target could not measure it. */
  readonly loopDelayP50Ms?: number;
  readonly loopDelayP99Ms?: number;
  readonly loopDelayMaxMs?: number;
}

export type GcKindName = 'minor' | 'major' | 'incremental' | 'weakcb' | 'other';

/** A garbage collection (or, once downsampled, several of the same kind in a row). */
export interface GcMarkDto {
  /** ms since the recording started. */
  readonly t: number;
  readonly kind: GcKindName;
  /** Pause length, ms (summed when the mark stands for several). */
  readonly durationMs: number;
  /** Heap used right after it, bytes (the lowest, for merged marks); absent when not measured. */
  readonly heapAfter?: number;
  /** How many collections this mark stands for (1 unless downsampled). */
  readonly count: number;
}

/** What the target could measure (older or locked-down runtimes lack perf_hooks). */
export interface MemoryCapabilitiesDto {
  readonly gcMarks: boolean;
  readonly loopDelay: boolean;
}

export interface MemoryTimelineDto {
  /** ISO time the recording started. */
  readonly startedAt: string;
  /** ms between points as stored (the sampling interval times the downsampling factor). */
  readonly intervalMs: number;
  /** ms between samples as taken from the target. */
  readonly sampleIntervalMs: number;
  readonly durationMs: number;
  readonly samples: readonly MemorySampleDto[];
  readonly gcs: readonly GcMarkDto[];
  /** Every collection seen, also those merged or dropped from `gcs`. */
  readonly gcCount: number;
  readonly gcTotalMs: number;
  readonly capabilities: MemoryCapabilitiesDto;
}

/** Whether the heap that survives garbage collection grows (see src/core/model/timeline/leakTrend.ts). */
export interface LeakTrendDto {
  /** 'not-enough-data' when the session is too short or saw too few collections to say. */
  readonly status: 'not-enough-data' | 'growing' | 'flat' | 'shrinking';
  /** Which values the fit used: heap after full collections, or the lowest heap per time window. */
  readonly basis: 'post-gc' | 'heap-minima' | 'none';
  /** Fitted growth of the heap that survives collection, bytes per minute; null without data. */
  readonly growthBytesPerMinute: number | null;
  /** 0..1: how unlikely this much trend is in a heap that does not grow; null without data. */
  readonly confidence: number | null;
  /** Positive, significant and present over most of the session: a leak is likely. */
  readonly sustained: boolean;
  /** How many values the fit used. */
  readonly points: number;
  /** One sentence for the user. */
  readonly message: string;
}

export interface MemoryOverviewDto {
  readonly timeline: MemoryTimelineDto;
  readonly trend: LeakTrendDto;
  readonly peakHeapUsed: number;
  readonly peakRss: number;
}

/** A heap snapshot taken from the timeline panel, as a mark on the timeline. */
export interface SnapshotMarkDto {
  /** Identifies the request while it runs. */
  readonly id: number;
  /** ms since the recording started, when it was asked for. */
  readonly t: number;
  readonly state: 'taking' | 'saved' | 'failed';
  /** The snapshot's file name once saved, or why it failed. */
  readonly label?: string;
}
