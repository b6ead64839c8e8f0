import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import { readCpuProfileFile, writeCpuProfileFile } from '../../src/core/model/cpu/profileFile';
import { assertBadInput } from '../support/badInput';
import { repoRoot } from '../support/paths';
import { loadFixtureProfile } from '../support/fixtureProfiles';
import { tempDir } from '../support/runCli';

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
