// The leak trend drawn on the chart: through the values the engine fitted, with its slope.
import * as assert from 'node:assert/strict';
import type { GcMarkDto, LeakTrendDto, MemorySampleDto, MemoryTimelineDto } from '../../../../src/protocol/timeline/views';
import { trendLineOf } from '../../../../webview-ui/src/timeline/trendLine';

function timeline(durationMs: number, samples: MemorySampleDto[], gcs: GcMarkDto[]): MemoryTimelineDto {
  return {
    startedAt: '',
    intervalMs: 250,
    sampleIntervalMs: 250,
    durationMs,
    samples,
    gcs,
    gcCount: gcs.length,
    gcTotalMs: 0,
    capabilities: { gcMarks: true, loopDelay: true },
  };
}
const sample = (t: number, heapUsed: number): MemorySampleDto => ({ t, heapUsed, rss: 0, heapTotal: 0, external: 0, arrayBuffers: 0 });
const majorGc = (t: number, heapAfter: number): GcMarkDto => ({ t, kind: 'major', durationMs: 1, heapAfter, count: 1 });
function trend(basis: LeakTrendDto['basis'], growthBytesPerMinute: number | null): LeakTrendDto {
  return { status: 'growing', basis, growthBytesPerMinute, confidence: 0.99, sustained: true, points: 5, message: '' };
}

describe('webview leak trend line', () => {
  it('runs through the heap after each full GC when they lie on the fitted line', () => {
    // 1 MB at t = 0, growing 1,000 bytes per ms: 60 MB per minute.
    const gcs = [1000, 2000, 3000, 4000, 5000].map((t) => majorGc(t, 1e6 + 1000 * t));
    const line = trendLineOf(timeline(6000, [], gcs), trend('post-gc', 6e7));
    assert.deepEqual(
      line?.points,
      gcs.map((g) => ({ t: g.t, bytes: g.heapAfter })),
    );
    assert.deepEqual(line?.from, { t: 1000, bytes: 2e6 });
    assert.deepEqual(line?.to, { t: 6000, bytes: 7e6 }, 'drawn to the end of the recording');
  });

  it('adds the lowest heap early on when there were few full GCs', () => {
    const samples = [sample(0, 2.5e6), sample(250, 2e6), sample(500, 2.2e6), sample(1000, 2.1e6), sample(2000, 1e6)];
    const line = trendLineOf(timeline(10_000, samples, [majorGc(5000, 3e6), majorGc(9000, 3.4e6)]), trend('post-gc', 6000));
    // The first tenth (1 s) holds the floor; the 1 MB at 2 s is later and is not part of the fit.
    assert.deepEqual(line?.points, [
      { t: 250, bytes: 2e6 },
      { t: 5000, bytes: 3e6 },
      { t: 9000, bytes: 3.4e6 },
    ]);
  });

  it('runs through the lowest heap of each window when the fit used those', () => {
    // 12 windows of 1 s, two samples each; each window's lowest is 5 MB + 1,000 bytes per window.
    const samples = Array.from({ length: 12 }, (_, i) => [sample(i * 1000, 5e6 + i * 1000 + 700), sample(i * 1000 + 500, 5e6 + i * 1000)]).flat();
    const line = trendLineOf(timeline(12_000, samples, []), trend('heap-minima', 60_000)); // 1 byte per ms
    assert.equal(line?.points.length, 12);
    assert.deepEqual(line?.points[3], { t: 3500, bytes: 5e6 + 3000 });
    assert.deepEqual(line?.from, { t: 500, bytes: 5e6 });
    assert.deepEqual(line?.to, { t: 12_000, bytes: 5e6 - 500 + 12_000 });
  });

  it('draws nothing without a fitted trend', () => {
    const gcs = [1000, 2000].map((t) => majorGc(t, 1e6));
    assert.equal(trendLineOf(timeline(3000, [], gcs), trend('none', null)), undefined);
    assert.equal(trendLineOf(timeline(3000, [], gcs), trend('post-gc', null)), undefined);
    assert.equal(trendLineOf(timeline(3000, [], []), trend('post-gc', 1000)), undefined, 'fewer than two values');
  });
});
