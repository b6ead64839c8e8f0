/**
 * Keeps a whole memory session in bounded space. Samples go into a fixed-size buffer; when it
 * is full, neighbouring points are merged in pairs (halving the resolution) keeping each
 * series' highest value, so a spike never disappears, plus the span's lowest heap (the floor
 * the leak trend may need). GC marks are bounded the same way, thinning frequent minor
 * collections before the major ones the leak trend is computed from.
 */
import type { GcMark, MemoryCapabilities, MemorySample, MemoryTimeline } from './savedTimeline';

export interface TimelineStoreOptions {
  readonly startedAt: string;
  readonly sampleIntervalMs: number;
  /** Points kept before halving the resolution (even, ≥ 8). 2048 points at 500 ms are 17 minutes at full resolution. */
  readonly maxSamples?: number;
  /** GC marks kept before thinning them. */
  readonly maxGcs?: number;
  readonly capabilities?: MemoryCapabilities;
}

export class TimelineStore {
  private samples: MemorySample[] = [];
  /** Raw samples merged so far into the next point (once downsampled). */
  private pending: MemorySample | undefined;
  private pendingCount = 0;
  /** Raw samples per stored point. */
  private factor = 1;
  private gcs: GcMark[] = [];
  private gcCount = 0;
  private gcTotalMs = 0;
  private lastT = 0;
  private readonly maxSamples: number;
  private readonly maxGcs: number;
  capabilities: MemoryCapabilities;

  constructor(private readonly options: TimelineStoreOptions) {
    this.maxSamples = Math.max(8, Math.floor((options.maxSamples ?? 2048) / 2) * 2);
    this.maxGcs = Math.max(8, options.maxGcs ?? 4096);
    this.capabilities = options.capabilities ?? { gcMarks: false, loopDelay: false };
  }

  addSample(sample: MemorySample): void {
    this.lastT = Math.max(this.lastT, sample.t);
    this.pending = this.pending ? mergeSamples(this.pending, sample) : sample;
    this.pendingCount++;
    if (this.pendingCount < this.factor) return;
    this.samples.push(this.pending);
    this.pending = undefined;
    this.pendingCount = 0;
    if (this.samples.length >= this.maxSamples) {
      this.samples = mergePairs(this.samples, mergeSamples);
      this.factor *= 2;
    }
  }

  addGc(mark: GcMark): void {
    this.lastT = Math.max(this.lastT, mark.t + mark.durationMs);
    this.gcs.push(mark);
    this.gcCount += mark.count;
    this.gcTotalMs += mark.durationMs;
    if (this.gcs.length > this.maxGcs) this.thinGcs();
  }

  /** Collections the target saw but could not hand over (its buffer was full): counted, not drawn. */
  countUnrecordedGcs(count: number): void {
    this.gcCount += count;
  }

  /** The timeline so far (a copy: the store keeps growing). */
  timeline(durationMs = this.lastT): MemoryTimeline {
    const samples = this.pending ? [...this.samples, this.pending] : [...this.samples];
    return {
      startedAt: this.options.startedAt,
      intervalMs: this.options.sampleIntervalMs * this.factor,
      sampleIntervalMs: this.options.sampleIntervalMs,
      durationMs: round1(Math.max(durationMs, this.lastT)),
      samples,
      gcs: [...this.gcs],
      gcCount: this.gcCount,
      gcTotalMs: round1(this.gcTotalMs),
      capabilities: this.capabilities,
    };
  }

  private thinGcs(): void {
    // Minor collections come by the hundred; majors carry the leak trend: thin the former first.
    const majors = this.gcs.filter((g) => g.kind === 'major');
    const byKind = new Map<string, GcMark[]>();
    for (const mark of this.gcs) {
      if (mark.kind === 'major') continue;
      const marks = byKind.get(mark.kind);
      if (marks) marks.push(mark);
      else byKind.set(mark.kind, [mark]);
    }
    const others = [...byKind.values()].flatMap((marks) => mergePairs(marks, mergeGcs));
    const keptMajors = majors.length + others.length > (this.maxGcs * 3) / 4 ? mergePairs(majors, mergeGcs) : majors;
    this.gcs = [...others, ...keptMajors].sort((a, b) => a.t - b.t);
  }
}

function mergePairs<T>(items: readonly T[], merge: (a: T, b: T) => T): T[] {
  const merged: T[] = [];
  for (let i = 0; i < items.length; i += 2) merged.push(i + 1 < items.length ? merge(items[i], items[i + 1]) : items[i]);
  return merged;
}

function mergeSamples(a: MemorySample, b: MemorySample): MemorySample {
  return {
    t: a.t,
    rss: Math.max(a.rss, b.rss),
    heapTotal: Math.max(a.heapTotal, b.heapTotal),
    heapUsed: Math.max(a.heapUsed, b.heapUsed),
    external: Math.max(a.external, b.external),
    arrayBuffers: Math.max(a.arrayBuffers, b.arrayBuffers),
    heapUsedMin: Math.min(a.heapUsedMin ?? a.heapUsed, b.heapUsedMin ?? b.heapUsed),
    ...highest('loopDelayP50Ms', a, b),
    ...highest('loopDelayP99Ms', a, b),
    ...highest('loopDelayMaxMs', a, b),
  };
}

function highest<K extends 'loopDelayP50Ms' | 'loopDelayP99Ms' | 'loopDelayMaxMs'>(key: K, a: MemorySample, b: MemorySample) {
  const values = [a[key], b[key]].filter((v): v is number => v !== undefined);
  return values.length > 0 ? { [key]: Math.max(...values) } : {};
}

function mergeGcs(a: GcMark, b: GcMark): GcMark {
  const after = [a.heapAfter, b.heapAfter].filter((v): v is number => v !== undefined);
  return {
    t: a.t,
    kind: a.kind,
    durationMs: round1(a.durationMs + b.durationMs),
    ...(after.length > 0 ? { heapAfter: Math.min(...after) } : {}),
    count: a.count + b.count,
  };
}

function round1(value: number): number {
  return Math.round(value * 10) / 10;
}
