// Reading and writing .memory.json files: round trip, atomic write, one-sentence errors.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { MemoryTimeline } from '../../src/core/model/memory/savedTimeline';
import { readMemoryTimelineFile, writeMemoryTimelineFile } from '../../src/core/model/memory/timelineFile';
import { assertBadInput } from '../support/badInput';
import { tempDir } from '../support/runCli';

const timeline: MemoryTimeline = {
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

describe('memory timeline files', () => {
  let temp: ReturnType<typeof tempDir>;
  beforeEach(() => (temp = tempDir()));
  afterEach(() => temp.remove());

  it('writes atomically and reads back what it wrote', async () => {
    const file = path.join(temp.dir, 'nested', 'server.memory.json');
    await writeMemoryTimelineFile(file, timeline);
    assert.deepEqual(fs.readdirSync(path.dirname(file)), ['server.memory.json'], 'no .partial file is left behind');
    const read = await readMemoryTimelineFile(file);
    assert.equal(read.version, 1);
    assert.deepEqual({ ...read, version: undefined }, { ...timeline, version: undefined });
  });

  const cases: Array<[string, string, RegExp]> = [
    ['truncated', '', /ends in the middle of the timeline \(the file is truncated\)/],
    ['empty', ' ', /is empty/],
    ['not JSON', 'hello', /is not a FlameLens memory timeline: it is not JSON/],
    ['a CPU profile', JSON.stringify({ nodes: [], startTime: 0, endTime: 1 }), /is a CPU profile, not a memory timeline/],
    ['an allocation profile', JSON.stringify({ head: {}, samples: [] }), /is an allocation profile/],
    ['from a newer FlameLens', JSON.stringify({ ...timeline, version: 9 }), /newer FlameLens \(format 9\)/],
    ['with a damaged sample', JSON.stringify({ ...timeline, version: 1, samples: [{ t: 0 }] }), /malformed sample \(#1\)/],
    ['with an unknown GC kind', JSON.stringify({ ...timeline, version: 1, gcs: [{ t: 0, kind: 'huge', durationMs: 1, count: 1 }] }), /malformed GC mark/],
  ];
  for (const [label, text, message] of cases) {
    it(`rejects a file that is ${label} as bad input with one sentence`, async () => {
      const file = path.join(temp.dir, 'x.memory.json');
      const full = JSON.stringify({ version: 1, ...timeline });
      fs.writeFileSync(file, label === 'truncated' ? full.slice(0, full.length / 2) : text);
      await assertBadInput(readMemoryTimelineFile(file), message);
    });
  }

  it('says a missing file does not exist', async () => {
    await assertBadInput(readMemoryTimelineFile(path.join(temp.dir, 'nope.memory.json')), /does not exist/);
  });
});
