// The leak trend on synthetic sessions whose answer is known.
import * as assert from 'node:assert/strict';
import { computeLeakTrend } from '../../../../../src/core/model/timeline/leakTrend';
import type { GcMark, MemorySample, MemoryTimeline } from '../../../../../src/core/model/timeline/savedTimeline';
import { risingConfidence, theilSenSlope } from '../../../../../src/core/model/timeline/trendStatistics';

const mb = 1e6;

/** A deterministic pseudo-random series (the tests must not depend on luck). */
function noise(seed: number): () => number {
  let state = seed >>> 0; // mulberry32: integer arithmetic only, so every run sees the same series
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 2 ** 32 - 0.5;
  };
}

/**
 * A server's heap: `live(t)` bytes kept, garbage piling up between collections (a sawtooth),
 * a major GC every `majorEveryMs` that brings the heap back to what is live.
 */
function session(options: { durationMs: number; live: (t: number) => number; majorEveryMs: number; seed?: number }): MemoryTimeline {
  const random = noise(options.seed ?? 7);
  const samples: MemorySample[] = [];
  const gcs: GcMark[] = [];
  for (let t = 0; t <= options.durationMs; t += 500) {
    const sinceMajor = t % options.majorEveryMs;
    const heapUsed = options.live(t) + (sinceMajor / options.majorEveryMs) * 30 * mb + random() * 4 * mb;
    samples.push({ t, rss: heapUsed + 50 * mb, heapTotal: heapUsed + 10 * mb, heapUsed, external: mb, arrayBuffers: 0 });
  }
  for (let t = options.majorEveryMs; t <= options.durationMs; t += options.majorEveryMs) {
    gcs.push({ t, kind: 'major', durationMs: 5, heapAfter: options.live(t) + random() * 3 * mb, count: 1 });
  }
  return {
    startedAt: 'x',
    intervalMs: 500,
    sampleIntervalMs: 500,
    durationMs: options.durationMs,
    samples,
    gcs,
    gcCount: gcs.length,
    gcTotalMs: 5 * gcs.length,
    capabilities: { gcMarks: true, loopDelay: false },
  };
}

describe('leak trend', () => {
  it('flags steady growth under a GC sawtooth as sustained, with its rate', () => {
    // 2 MB a minute kept for good, 10 minutes, a full GC every 30 s.
    const trend = computeLeakTrend(session({ durationMs: 600_000, majorEveryMs: 30_000, live: (t) => 60 * mb + (t / 60_000) * 2 * mb }));
    assert.equal(trend.basis, 'post-gc');
    assert.equal(trend.status, 'growing');
    assert.equal(trend.sustained, true, trend.message);
    assert.ok(Math.abs(trend.growthBytesPerMinute! - 2 * mb) < 0.5 * mb, `rate ${trend.growthBytesPerMinute}`);
    assert.ok(trend.confidence! > 0.95, `confidence ${trend.confidence}`);
    assert.match(trend.message, /keeps growing: \+\d\.\d\d MB\/min/);
  });

  it('does not flag a flat sawtooth with noise', () => {
    for (const seed of [1, 2, 3, 4, 5, 6, 7, 8]) {
      const trend = computeLeakTrend(session({ durationMs: 600_000, majorEveryMs: 30_000, live: () => 60 * mb, seed }));
      assert.equal(trend.sustained, false, `seed ${seed}: ${trend.message}`);
      // Noise alone can rise by chance (Mann–Kendall alone would say so now and then): the growth must also be material.
      assert.equal(trend.status, 'flat', `seed ${seed}: ${trend.message}`);
    }
  });

  it('does not call one step up and then flat sustained', () => {
    // A cache filled once at 2 minutes, then nothing more is kept.
    const trend = computeLeakTrend(session({ durationMs: 600_000, majorEveryMs: 30_000, live: (t) => (t < 120_000 ? 60 * mb : 100 * mb) }));
    assert.equal(trend.sustained, false, trend.message);
  });

  it('says there is not enough data for a short session', () => {
    const trend = computeLeakTrend(session({ durationMs: 3000, majorEveryMs: 1000, live: (t) => 60 * mb + t * 1000 }));
    assert.equal(trend.status, 'not-enough-data');
    assert.equal(trend.growthBytesPerMinute, null);
    assert.equal(trend.sustained, false);
    assert.match(trend.message, /too short/);
  });

  it('never calls growth sustained without full GCs: the floor also rises with uncollected garbage', () => {
    const timeline = session({ durationMs: 60_000, majorEveryMs: 120_000, live: (t) => 60 * mb + t * 100 });
    const trend = computeLeakTrend(timeline);
    assert.equal(trend.basis, 'heap-minima');
    assert.equal(trend.status, 'not-enough-data');
    assert.equal(trend.sustained, false);
    assert.ok(trend.growthBytesPerMinute! > 0, "the floor's movement is still reported");
    assert.ok(trend.confidence! <= 0.5);
    assert.match(trend.message, /no full garbage collection ran/);
  });

  it('flags a fast leak from the early floor and two full GCs (as V8 spaces them out)', () => {
    // What a real leaking server showed: 4.4 MB at start, 8.6 MB after a full GC at 1.5 s, 26.4 MB at 4.6 s.
    const samples: MemorySample[] = [0, 1, 2, 3, 4, 5, 6, 7, 8].map((s) => ({
      t: s * 1000 + 40,
      rss: 0,
      heapTotal: 0,
      heapUsed: (4.4 + s * 6) * mb,
      external: 0,
      arrayBuffers: 0,
    }));
    const gcs: GcMark[] = [
      { t: 1479, kind: 'major', durationMs: 4, heapAfter: 8.6 * mb, count: 1 },
      { t: 4567, kind: 'major', durationMs: 5, heapAfter: 26.4 * mb, count: 1 },
    ];
    const trend = computeLeakTrend({
      startedAt: 'x',
      intervalMs: 1000,
      sampleIntervalMs: 1000,
      durationMs: 8100,
      samples,
      gcs,
      gcCount: 2,
      gcTotalMs: 9,
      capabilities: { gcMarks: true, loopDelay: true },
    });
    assert.equal(trend.basis, 'post-gc');
    assert.equal(trend.points, 3);
    assert.equal(trend.sustained, true, trend.message);
  });

  it('does not call growth sustained when it stopped after the last full GC', () => {
    // The same start, but the heap stops growing at 4 s and the session runs on to 12 s.
    const samples: MemorySample[] = Array.from({ length: 13 }, (_, s) => ({
      t: s * 1000 + 40,
      rss: 0,
      heapTotal: 0,
      heapUsed: (4.4 + Math.min(s, 4) * 6) * mb,
      external: 0,
      arrayBuffers: 0,
    }));
    const gcs: GcMark[] = [
      { t: 1479, kind: 'major', durationMs: 4, heapAfter: 8.6 * mb, count: 1 },
      { t: 3567, kind: 'major', durationMs: 5, heapAfter: 26.4 * mb, count: 1 },
    ];
    const trend = computeLeakTrend({
      startedAt: 'x',
      intervalMs: 1000,
      sampleIntervalMs: 1000,
      durationMs: 12100,
      samples,
      gcs,
      gcCount: 2,
      gcTotalMs: 9,
      capabilities: { gcMarks: true, loopDelay: true },
    });
    assert.equal(trend.status, 'growing');
    assert.equal(trend.sustained, false, trend.message);
  });
});

describe('trend statistics', () => {
  it('Theil–Sen ignores an outlier that would tilt a least-squares line', () => {
    const points = Array.from({ length: 20 }, (_, i) => ({ x: i, y: 2 * i + 1 }));
    points[19] = { x: 19, y: 500 };
    assert.equal(theilSenSlope(points), 2);
  });

  it('Mann–Kendall confidence: ~1 rising, ~0.5 flat, ~0 falling', () => {
    const rising = Array.from({ length: 10 }, (_, i) => ({ x: i, y: i }));
    assert.ok(risingConfidence(rising) > 0.99);
    assert.ok(risingConfidence(rising.map((p) => ({ x: p.x, y: -p.y }))) < 0.01);
    assert.ok(Math.abs(risingConfidence(rising.map((p) => ({ x: p.x, y: 5 }))) - 0.5) < 1e-9);
    // n = 4, all rising: the exact one-sided p is 1/24.
    assert.ok(Math.abs(1 - risingConfidence(rising.slice(0, 4)) - 1 / 24) < 0.01);
  });
});
