// A launched program that fails, as VS Code shows it: an error naming its exit code and its
// last output instead of a profile of Node's start-up; a profile when its code did run.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { fixtureApps } from '../../support/paths';
import { closeAllEditors, flameLens } from './helpers';

const apps = path.join(fixtureApps, 'lifecycle');

describe('a launched program that fails', function () {
  this.timeout(60_000);
  after(closeAllEditors);

  it('fails before running its code: an error with the exit code and its last output, no profile', async () => {
    const api = await flameLens();
    await assert.rejects(api.profile({ command: ['node', path.join(apps, 'throws-at-once.js')], cwd: apps }, { durationMs: 0 }), (error: Error) => {
      assert.match(
        error.message,
        /exited with code 1; nothing was profiled\. Its last output: .*throws-at-once: starting.*Error: throws-at-once: broken configuration/,
      );
      return true;
    });
  });

  it('a script that does not exist: one sentence, no profile', async () => {
    const api = await flameLens();
    const missing = path.join(os.tmpdir(), `flamelens-no-such-script-${process.pid}.js`);
    await assert.rejects(
      api.profile({ command: ['node', missing], cwd: apps }, { durationMs: 0 }),
      new RegExp(`exited with code 1 because its script "${missing.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}" does not exist; nothing was profiled`),
    );
  });

  it('ran its code, then exited with code 3: the profile is kept and opened', async () => {
    const api = await flameLens();
    const { file } = await api.profile({ command: ['node', path.join(apps, 'exit-3.js')], cwd: apps }, { durationMs: 0 });
    const saved = JSON.parse(fs.readFileSync(file, 'utf8'));
    assert.ok(
      saved.nodes.some((n: any) => n.callFrame.functionName === 'work'),
      'work() is not in the profile',
    );
  });
});
