/**
 * What the memory views show, as plain JSON: the memory timeline (heap, RSS, GC marks,
 * event-loop delay), the leak trend computed from it, and the allocation profile (bytes
 * allocated per function and line, and the allocation flamegraph). Produced by the engine,
 * carried over postMessage to the webview. No classes, Maps or Uris; lines are 1-based.
 */
import type { CategoryName, FlameFrameDto, SourceLocationDto } from './profileViews';

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
  /** The lowest heapUsed in the span; only on downsampled points. */
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
  /** What the target could measure (older or locked-down runtimes lack perf_hooks). */
  readonly capabilities: { readonly gcMarks: boolean; readonly loopDelay: boolean };
}

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

export interface AllocationOverviewDto {
  readonly title: string;
  /** Bytes allocated in the recording (V8's sampled estimate). */
  readonly totalBytes: number;
  readonly samples: number;
  /** Whether objects collected by GC are included (recorded by FlameLens) or only live ones (`node --heap-prof`). */
  readonly includesCollected?: boolean;
}

/** A row of the allocation table: one function. */
export interface AllocationFunctionRowDto {
  readonly key: string;
  readonly name: string;
  /** The function's own line (V8 does not record the allocating line). */
  readonly location?: SourceLocationDto;
  readonly category: CategoryName;
  readonly selfBytes: number;
  readonly selfPct: number;
  readonly totalBytes: number;
  readonly totalPct: number;
}

/** What the editor annotates in one source file, in bytes allocated. */
export interface FileAllocationsDto {
  readonly file: string;
  /** Per function's line: the sampling heap profiler records functions, not the allocating lines. */
  readonly lines: ReadonlyArray<{ readonly line: number; readonly selfBytes: number; readonly selfPct: number }>;
  readonly functions: readonly AllocationFunctionRowDto[];
}

/** The allocation flamegraph: FlameFrameDto with `value` and `self` in bytes. */
export type AllocationFlameFrameDto = FlameFrameDto;
