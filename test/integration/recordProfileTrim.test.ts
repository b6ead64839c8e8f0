// The capture's clean-up of a recorded profile, on a profile built by hand so the answer is
// known by construction: our bootloader's samples out, the profile starting after them, and a
// program that ended measured to its last busy sample.
import * as assert from 'node:assert/strict';
import type { Protocol } from 'devtools-protocol';
import { programTimeOnly } from '../../src/core/capture/cpuProfile';

const bootloader = 'file:///install/out/src/core/inspector/bootloader.js';
const frame = (functionName: string, url = '') => ({ functionName, url, scriptId: '0', lineNumber: -1, columnNumber: -1 });
// root ─ bootloader ─ waitForDebugger;  root ─ main ─ work;  root ─ (idle);  root ─ (program)
const nodes: Protocol.Profiler.ProfileNode[] = [
  { id: 1, callFrame: frame('(root)'), children: [2, 4, 6, 7] },
  { id: 2, callFrame: frame('', bootloader), children: [3] },
  { id: 3, callFrame: frame('waitForDebugger') },
  { id: 4, callFrame: frame('', 'file:///app/main.js'), children: [5] },
  { id: 5, callFrame: frame('work', 'file:///app/main.js') },
  { id: 6, callFrame: frame('(idle)') },
  { id: 7, callFrame: frame('(program)') },
];
// Sample i is taken at (i + 1) ms: two waits for us, (program), work, work, our exit handler,
// work, then the idle tail until we noticed the end.
const samples = [3, 3, 7, 5, 5, 3, 5, 6, 6, 7];
const profile: Protocol.Profiler.Profile = { nodes, startTime: 0, endTime: 12_000, samples, timeDeltas: samples.map(() => 1000) };

describe("capture: the program's time only", () => {
  it('removes our samples, starts after them and ends at the last busy sample of a program that ended', () => {
    const trimmed = programTimeOnly(profile, new Set([bootloader]), true);
    assert.deepEqual(trimmed.samples, [7, 5, 5, 5]);
    // Kept samples keep their times (3, 4, 5 and 7 ms); the profile ends when the next sample came (8 ms).
    assert.equal(trimmed.startTime, 3000);
    assert.deepEqual(trimmed.timeDeltas, [0, 1000, 1000, 2000]);
    assert.equal(trimmed.endTime, 8000);
    assert.deepEqual(trimmed.nodes.map((n) => n.id).sort(), [1, 4, 5, 7]);
    assert.equal(trimmed.nodes.find((n) => n.id === 5)!.hitCount, 3);
    assert.deepEqual(trimmed.nodes.find((n) => n.id === 1)!.children, [4, 7]);
  });

  it('keeps the idle end of a recording that was stopped, not ended', () => {
    const trimmed = programTimeOnly(profile, new Set([bootloader]), false);
    assert.deepEqual(trimmed.samples, [7, 5, 5, 5, 6, 6, 7]);
    assert.equal(trimmed.endTime, 12_000);
  });

  it('leaves an attached profile alone when nothing is ours and it was stopped', () => {
    assert.equal(programTimeOnly(profile, new Set(), false), profile);
  });

  it('keeps an all-idle recording of a program that ended as it was (no zero-length profile)', () => {
    const idle = { ...profile, samples: [6, 6, 7], timeDeltas: [1000, 1000, 1000], endTime: 4000 };
    const trimmed = programTimeOnly(idle, new Set([bootloader]), true);
    assert.deepEqual(trimmed.samples, [6, 6, 7]);
    assert.ok(trimmed.endTime > trimmed.startTime);
  });
});
