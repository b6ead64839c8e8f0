// `flamelens report` on saved files: real profiles from other tools, and broken files.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { materializeFixtureProfile } from '../support/fixtureProfiles';
import { fixtureApps, repoRoot } from '../support/paths';
import { readJson, runCli, tempDir } from '../support/runCli';

describe('flamelens report', function () {
  this.timeout(30_000);
  let temp: ReturnType<typeof tempDir>;
  beforeEach(() => (temp = tempDir()));
  afterEach(() => temp.remove());

  it('summarises a node --cpu-prof profile with .ts locations from the source maps on disk', async () => {
    const file = materializeFixtureProfile('node-20/ts-service.cpu-prof.cpuprofile', temp.dir);
    const json = path.join(temp.dir, 'summary.json');
    const html = path.join(temp.dir, 'report.html');
    const result = await runCli(['report', file, '--json', json, '--html', html, '--top', '3']);
    assert.equal(result.code, 0, result.stderr);
    const summary = readJson(json);
    assert.equal(summary.hotFunctions.length, 3);
    assert.equal(summary.hotFunctions[0].file, path.join(fixtureApps, 'ts-service', 'src', 'checksum.ts'));
    assert.match(fs.readFileSync(html, 'utf8'), /checksum/);
  });

  it('answers a truncated profile with exit code 2 and one line', async () => {
    const result = await runCli(['report', path.join(repoRoot, 'test', 'fixtures', 'invalid', 'truncated.cpuprofile')]);
    assert.equal(result.code, 2);
    assert.equal(result.stderr.trim().split('\n').length, 1, result.stderr);
    assert.match(result.stderr, /truncated/);
  });

  it('answers unknown commands and flags with exit code 2', async () => {
    assert.equal((await runCli(['frobnicate'])).code, 2);
    const badFlag = await runCli(['report', 'x.cpuprofile', '--bogus']);
    assert.equal(badFlag.code, 2);
    assert.match(badFlag.stderr, /--bogus/);
  });
});
