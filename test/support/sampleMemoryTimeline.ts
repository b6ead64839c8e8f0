// A short memory timeline with every optional field present, shared by the file tests and the fuzz seeds.
import type { MemoryTimeline } from '../../src/core/model/timeline/savedTimeline';

/** Two samples 500 ms apart (the second with event-loop delay), one major GC mark. */
export function sampleMemoryTimeline(): MemoryTimeline {
  return {
    startedAt: '2026-01-01T00:00:00.000Z',
    intervalMs: 500,
    sampleIntervalMs: 500,
    durationMs: 1000,
    samples: [
      { t: 0, rss: 5e7, heapTotal: 1e7, heapUsed: 8e6, external: 1e6, arrayBuffers: 1e4 },
      { t: 500, rss: 5e7, heapTotal: 1e7, heapUsed: 9e6, external: 1e6, arrayBuffers: 1e4, loopDelayP50Ms: 0.1, loopDelayP99Ms: 2, loopDelayMaxMs: 3 },
    ],
    gcs: [{ t: 250, kind: 'major', durationMs: 3.2, heapAfter: 7e6, count: 1 }],
    gcCount: 1,
    gcTotalMs: 3.2,
    capabilities: { gcMarks: true, loopDelay: true },
  };
}
