/**
 * The memory timeline as FlameLens saves it (`<name>.memory.json`) and as the sampler hands
 * it over: the whole session, downsampled when long (see timelineStore.ts). Units are bytes
 * and ms since the recording started. Its shape is also what the memory views receive
 * (src/protocol/memoryViews.ts mirrors it).
 */

export type GcKind = 'minor' | 'major' | 'incremental' | 'weakcb' | 'other';

export interface MemorySample {
  /** ms since the recording started; for a downsampled point, the start of its span. */
  readonly t: number;
  /** Bytes; a downsampled point keeps the highest value of its span so spikes survive. */
  readonly rss: number;
  readonly heapTotal: number;
  readonly heapUsed: number;
  readonly external: number;
  readonly arrayBuffers: number;
  /** The lowest heapUsed of the span; only on downsampled points (the leak trend's fallback needs floors, not peaks). */
  readonly heapUsedMin?: number;
  readonly loopDelayP50Ms?: number;
  readonly loopDelayP99Ms?: number;
  readonly loopDelayMaxMs?: number;
}

export interface GcMark {
  readonly t: number;
  readonly kind: GcKind;
  readonly durationMs: number;
  /** Heap used right after the collection; for merged marks the lowest. */
  readonly heapAfter?: number;
  /** Collections this mark stands for. */
  readonly count: number;
}

export interface MemoryCapabilities {
  readonly gcMarks: boolean;
  readonly loopDelay: boolean;
}

export interface MemoryTimeline {
  readonly startedAt: string;
  /** ms between stored points: sampleIntervalMs × the downsampling factor. */
  readonly intervalMs: number;
  readonly sampleIntervalMs: number;
  readonly durationMs: number;
  readonly samples: readonly MemorySample[];
  readonly gcs: readonly GcMark[];
  readonly gcCount: number;
  readonly gcTotalMs: number;
  readonly capabilities: MemoryCapabilities;
}

export interface SavedMemoryTimeline extends MemoryTimeline {
  readonly version: 1;
}

export const memoryTimelineVersion = 1;
