// Reading and writing .memory.json files: round trip, atomic write, one-sentence errors.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { readMemoryTimelineFile, writeMemoryTimelineFile } from '../../../../../src/core/model/timeline/timelineFile';
import { assertBadInput } from '../../../../support/badInput';
import { tempDir } from '../../../../support/runCli';
import { sampleMemoryTimeline } from '../../../../support/sampleMemoryTimeline';

const timeline = sampleMemoryTimeline();

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
