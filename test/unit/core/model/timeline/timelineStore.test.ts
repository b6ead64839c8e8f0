// The timeline store keeps the whole session in bounded space, and spikes survive downsampling.
import * as assert from 'node:assert/strict';
import type { MemoryTimelineDto } from '../../../../../src/protocol/timeline/views';
import type { GcMark, MemorySample, MemoryTimeline } from '../../../../../src/core/model/timeline/savedTimeline';
import { TimelineStore } from '../../../../../src/core/model/timeline/timelineStore';

const mb = 1e6;
function sample(t: number, heapUsed: number, extra: Partial<MemorySample> = {}): MemorySample {
  return { t, rss: heapUsed + 40 * mb, heapTotal: heapUsed + 5 * mb, heapUsed, external: mb, arrayBuffers: 0, ...extra };
}

describe('memory timeline store', () => {
  it('keeps the whole session within its size by halving the resolution', () => {
    const store = new TimelineStore({ startedAt: '2026-01-01T00:00:00.000Z', sampleIntervalMs: 500, maxSamples: 64 });
    for (let i = 0; i < 1000; i++) store.addSample(sample(i * 500, 10 * mb + (i % 7) * mb));
    const timeline = store.timeline();
    assert.ok(timeline.samples.length <= 64, `${timeline.samples.length} points kept`);
    assert.ok(timeline.samples.length >= 16, `only ${timeline.samples.length} points left`);
    assert.equal(timeline.samples[0].t, 0, 'the start of the session is kept');
    assert.ok(timeline.samples[timeline.samples.length - 1].t >= 990 * 500, 'the end of the session is kept');
    assert.equal(timeline.intervalMs, 500 * 16, 'the stored interval says how coarse the points are');
    assert.equal(timeline.sampleIntervalMs, 500);
    for (let i = 1; i < timeline.samples.length; i++) assert.ok(timeline.samples[i].t > timeline.samples[i - 1].t, 'points stay in time order');
  });

  it('keeps a one-sample spike and the floor through downsampling', () => {
    const store = new TimelineStore({ startedAt: 'x', sampleIntervalMs: 100, maxSamples: 16 });
    for (let i = 0; i < 500; i++) {
      const spike = i === 333 ? { rss: 900 * mb, loopDelayMaxMs: 250 } : { loopDelayMaxMs: 1 };
      store.addSample(sample(i * 100, i === 100 ? 3 * mb : 20 * mb, spike));
    }
    const timeline = store.timeline();
    assert.ok(timeline.samples.length <= 16);
    assert.equal(Math.max(...timeline.samples.map((s) => s.rss)), 900 * mb, 'the RSS spike survives');
    assert.equal(Math.max(...timeline.samples.map((s) => s.loopDelayMaxMs ?? 0)), 250, 'the loop-delay spike survives');
    assert.equal(Math.min(...timeline.samples.map((s) => s.heapUsedMin ?? s.heapUsed)), 3 * mb, 'the lowest heap survives');
  });

  it('thins minor GCs first, keeps every major one, and still counts them all', () => {
    const store = new TimelineStore({ startedAt: 'x', sampleIntervalMs: 500, maxGcs: 100 });
    let majors = 0;
    for (let i = 0; i < 2000; i++) {
      const major = i % 50 === 49;
      if (major) majors++;
      const mark: GcMark = { t: i * 10, kind: major ? 'major' : 'minor', durationMs: major ? 5 : 0.5, heapAfter: major ? 10 * mb + i : 20 * mb, count: 1 };
      store.addGc(mark);
    }
    const timeline = store.timeline();
    assert.ok(timeline.gcs.length <= 100, `${timeline.gcs.length} marks kept`);
    assert.equal(timeline.gcs.filter((g) => g.kind === 'major').length, majors, 'every major GC is kept');
    assert.equal(timeline.gcCount, 2000);
    assert.equal(
      timeline.gcs.reduce((n, g) => n + g.count, 0),
      2000,
      'merged marks say how many they stand for',
    );
    assert.equal(Math.round(timeline.gcTotalMs), Math.round(majors * 5 + (2000 - majors) * 0.5));
  });

  it('serves a copy: later samples do not change a timeline already handed out', () => {
    const store = new TimelineStore({ startedAt: 'x', sampleIntervalMs: 500 });
    store.addSample(sample(0, mb));
    const before = store.timeline();
    store.addSample(sample(500, 2 * mb));
    assert.equal(before.samples.length, 1);
    assert.equal(store.timeline().samples.length, 2);
    assert.equal(store.timeline().durationMs, 500);
  });

  it('has the shape the memory views receive', () => {
    const timeline: MemoryTimeline = new TimelineStore({ startedAt: 'x', sampleIntervalMs: 500 }).timeline();
    const dto: MemoryTimelineDto = timeline; // a compile-time check: the saved format is the view's
    assert.ok(dto);
  });
});
