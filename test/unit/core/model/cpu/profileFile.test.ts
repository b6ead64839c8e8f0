import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import * as fs from 'node:fs';
import { parseCpuProfile, readCpuProfileFile, writeCpuProfileFile } from '../../../../../src/core/model/cpu/profileFile';
import type { SavedCpuProfile } from '../../../../../src/core/model/cpu/savedProfile';
import { assertBadInput } from '../../../../support/badInput';
import { repoRoot } from '../../../../support/paths';
import { loadFixtureProfile } from '../../../../support/fixtureProfiles';
import { tempDir } from '../../../../support/runCli';

const invalid = (name: string) => path.join(repoRoot, 'test', 'fixtures', 'invalid', name);

describe('reading .cpuprofile files', () => {
  const cases: Array<[string, RegExp]> = [
    ['truncated.cpuprofile', /ends in the middle of the profile \(the file is truncated\)/],
    ['not-json.cpuprofile', /is not a CPU profile: it is not JSON/],
    ['empty.cpuprofile', /is empty/],
    ['tiny.heapsnapshot', /is a heap snapshot, not a CPU profile/],
    ['dangling-child.cpuprofile', /refers to node 7, which is not in the file/],
    ['missing.cpuprofile', /does not exist/],
  ];
  for (const [file, message] of cases) {
    it(`rejects ${file} as bad input with one clear sentence`, async () => {
      await assertBadInput(readCpuProfileFile(invalid(file)), message);
    });
  }

  it('reads profiles from node --cpu-prof and writes them back unchanged', async () => {
    const profile = loadFixtureProfile('node-20/cpu-burn.cpu-prof.cpuprofile');
    const temp = tempDir();
    try {
      const file = path.join(temp.dir, 'copy.cpuprofile');
      await writeCpuProfileFile(file, profile);
      assert.deepEqual(await readCpuProfileFile(file), profile);
    } finally {
      temp.remove();
    }
  });
});

/** A small valid profile: (root) → main → work, two samples; `change` damages a copy of it. */
function profileText(change: (p: any) => void = () => undefined): string {
  const frame = (functionName: string, lineNumber: number) => ({ functionName, scriptId: '1', url: 'file:///app/a.js', lineNumber, columnNumber: 0 });
  const p: any = {
    nodes: [
      { id: 1, callFrame: { functionName: '(root)', scriptId: '0', url: '', lineNumber: -1, columnNumber: -1 }, children: [2], locationId: 0 },
      { id: 2, callFrame: frame('main', 0), children: [3], hitCount: 1, locationId: 1, positionTicks: [{ line: 1, ticks: 1 }] },
      { id: 3, callFrame: frame('work', 4), hitCount: 1, locationId: 1 },
    ],
    startTime: 0,
    endTime: 3000,
    samples: [2, 3],
    timeDeltas: [1000, 1000],
    $vscode: {
      rootPath: '/app',
      locations: [{ callFrame: {}, locations: [] }, { locations: [{ lineNumber: 1, columnNumber: 1, source: { name: 'a.ts', path: '/app/a.ts' } }] }],
    },
    $flamelens: {
      version: 1,
      scripts: [
        {
          url: 'file:///app/a.js',
          functions: [
            [1, 1, 9, 1, -1, ''],
            [5, 1, 8, 2, 0, 'work'],
          ],
          lines: [[1, '/app/a.ts', 1]],
        },
      ],
    },
  };
  delete p.$vscode.locations[0].callFrame;
  change(p);
  return JSON.stringify(p);
}

describe('checking .cpuprofile files before use (hostile files)', () => {
  it('reads the valid profile these cases damage', () => {
    const profile: SavedCpuProfile = parseCpuProfile(profileText(), 'ok.cpuprofile');
    assert.equal(profile.nodes.length, 3);
  });

  it('accepts fields it does not know, and the optional $flamelens fields when well-formed', () => {
    const text = profileText((p) => {
      p.futureField = { anything: [1, 'x'] };
      p.$flamelens.workerThreads = 2;
      p.$flamelens.futureField = true;
      const script = p.$flamelens.scripts[0];
      Object.assign(script, { calls: [[], [6, 0, 0]], starts: [1, 1, 5, 14], codeLines: [[9], [5, 6]], origins: [null, ['/app/a.ts', 5]], future: 1 });
    });
    assert.equal(parseCpuProfile(text, 'extra.cpuprofile').nodes.length, 3);
  });

  const cases: Array<[string, (p: any) => void, RegExp]> = [
    ['children that are not a list', (p) => (p.nodes[0].children = 2), /node 1 whose "children" is not a list/],
    ['a child that is not an id', (p) => (p.nodes[0].children = ['2']), /a child of node 1 that is not a node id/],
    ['a url that is not text', (p) => (p.nodes[1].callFrame.url = 7), /call frame in node 2 \(the url is not text\)/],
    ['a numeric function name', (p) => (p.nodes[2].callFrame.functionName = 12), /call frame in node 3 \(the function name is not text\)/],
    ['a line number that is text', (p) => (p.nodes[2].callFrame.lineNumber = '4'), /line or column is not a number/],
    ['a $vscode location id out of range', (p) => (p.nodes[2].locationId = 2), /node 3 pointing at a source location that is not in its "\$vscode" block/],
    ['a $vscode location without positions', (p) => (p.$vscode.locations[1].locations = {}), /malformed "\$vscode" location \(#2\)/],
    ['positionTicks that are not a list', (p) => (p.nodes[1].positionTicks = { line: 1, ticks: 1 }), /malformed "positionTicks" in node 2/],
    ['a negative tick count', (p) => (p.nodes[1].positionTicks = [{ line: 1, ticks: -5 }]), /malformed "positionTicks" in node 2/],
    ['$flamelens lines that are not lists', (p) => (p.$flamelens.scripts[0].lines = [5]), /malformed line origin in "\$flamelens" \(script #1, entry #1\)/],
    ['a $flamelens script url that is not text', (p) => (p.$flamelens.scripts[0].url = null), /malformed "\$flamelens" script \(#1/],
    [
      'a function range whose parent comes after it',
      (p) => (p.$flamelens.scripts[0].functions[0][4] = 1),
      /malformed function range in "\$flamelens" \(script #1, function #1\)/,
    ],
    ['a function range with a numeric name', (p) => (p.$flamelens.scripts[0].functions[1][5] = 3), /malformed function range/],
    ['calls pointing at a function that does not exist', (p) => (p.$flamelens.scripts[0].calls = [[], [6, 0, 9]]), /malformed "calls"/],
    ['a newer $flamelens version', (p) => (p.$flamelens.version = 2), /newer FlameLens/],
    ['a huge time delta', (p) => (p.timeDeltas[1] = 1e300), /impossible time delta \(#2\)/],
    ['a time delta that is not a number', (p) => (p.timeDeltas[0] = '1000'), /impossible time delta \(#1\)/],
    ['an absurd start time', (p) => (p.startTime = 1e300), /impossible "startTime" or "endTime"/],
    ['a fractional hit count', (p) => (p.nodes[1].hitCount = 0.5), /impossible "hitCount" in node 2/],
    ['a node listed twice', (p) => p.nodes.push({ ...p.nodes[2] }), /node 3 twice/],
    ['a node that calls itself', (p) => (p.nodes[2].children = [3]), /node 3 called from two places \(or from itself\)/],
    ['a node with two callers', (p) => (p.nodes[2].children = [2]), /node 2 called from two places/],
    [
      'a circle detached from the root',
      (p) => p.nodes.push({ id: 8, callFrame: p.nodes[2].callFrame, children: [9] }, { id: 9, callFrame: p.nodes[2].callFrame, children: [8] }),
      /2 nodes outside the call tree/,
    ],
    ['nodes that all call each other', (p) => (p.nodes[2].children = [1]), /no root node/],
    ['a sample of a node that is not there', (p) => (p.samples[1] = 42), /sample of node 42, which is not in the file/],
    ['samples that are not a list', (p) => ((p.samples = 'x'), (p.timeDeltas = 'y')), /malformed "samples" or "timeDeltas"/],
  ];
  for (const [label, change, message] of cases) {
    it(`rejects ${label} as bad input with one sentence`, async () => {
      const temp = tempDir();
      try {
        const file = path.join(temp.dir, 'hostile.cpuprofile');
        fs.writeFileSync(file, profileText(change));
        await assertBadInput(readCpuProfileFile(file), message);
      } finally {
        temp.remove();
      }
    });
  }

  it('accepts the small negative deltas V8 writes when it reorders samples', () => {
    assert.equal(
      parseCpuProfile(
        profileText((p) => (p.timeDeltas = [1000, -12])),
        'reordered.cpuprofile',
      ).timeDeltas![1],
      -12,
    );
  });
});
