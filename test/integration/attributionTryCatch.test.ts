// Issue 11, item 11: heat on `try {` / `} catch {` lines is a mapping smell. A compiled
// TypeScript program (test/fixtures/apps/attribution/try-catch) does its work inside
// try/catch/finally blocks; by construction its CPU time is on the HOT lines of `checksumOf`, and
// the lines marked STRUCTURE only open and close blocks. Recorded with the real CLI on every
// supported Node: the hot function and lines are the right ones and no STRUCTURE line is hot.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { AttributionSummary } from '../support/attributionChecks';
import { attributionApps } from '../support/attributionTruth';
import { nodeVersions, type NodeVersion } from '../support/nodeVersions';
import { readJson, runCli, tempDir } from '../support/runCli';

const app = path.join(attributionApps, 'try-catch');
const records = path.join(app, 'src', 'records.ts');
/** Lines of records.ts carrying a marker, read from the source (1-based). */
const marked = (marker: string) =>
  fs
    .readFileSync(records, 'utf8')
    .split('\n')
    .flatMap((text, i) => (text.includes(`// ${marker}`) ? [i + 1] : []));
const hotLines = marked('HOT');
const structureLines = marked('STRUCTURE');
/** A line that only structures code may hold a stray sample or two, never a real share. */
const structureMaxPct = 2;

let versions: NodeVersion[] = [];
let missingVersions: Error | undefined;
try {
  versions = nodeVersions();
} catch (error) {
  missingVersions = error as Error;
}

describe('attribution: work inside try/catch blocks (issue 11)', function () {
  this.timeout(60_000);

  it('marks the fixture’s lines', () => {
    assert.equal(hotLines.length, 1);
    assert.ok(structureLines.length >= 7, `${structureLines.length} STRUCTURE lines`);
  });

  if (missingVersions) {
    it('has every Node version of the matrix installed', () => {
      throw missingVersions;
    });
  }

  for (const node of versions) {
    it(`Node ${node.major}: the time is on checksumOf's loop, not on try/catch lines`, async () => {
      const temp = tempDir();
      try {
        const json = path.join(temp.dir, 'summary.json');
        const result = await runCli(['record', '--json', json, '--', node.binary, 'dist/main.js'], { cwd: app, env: { FIXTURE_MS: '1200' } });
        assert.equal(result.code, 0, result.stderr);
        const summary = readJson<AttributionSummary>(json);
        const top = summary.hotFunctions[0];
        assert.deepEqual([top.name, top.file], ['checksumOf', records], `top function ${top.name} ${top.file}:${top.line}`);
        const inRecords = summary.hotLines.filter((l) => l.file === records);
        const hottest = [...inRecords].sort((a, b) => b.selfPct - a.selfPct)[0];
        // The loop header lines around the HOT line share its time on some versions (Node 22 charges the loop to its header).
        assert.ok(hottest && hottest.line >= hotLines[0] - 2 && hottest.line <= hotLines[0], `hottest line ${hottest?.line}, HOT is ${hotLines[0]}`);
        const smells = inRecords.filter((l) => structureLines.includes(l.line) && l.selfPct > structureMaxPct);
        assert.deepEqual(
          smells.map((l) => `${l.line}: ${l.selfPct} %`),
          [],
          'try/catch/finally lines with time of their own',
        );
      } finally {
        temp.remove();
      }
    });
  }
});
