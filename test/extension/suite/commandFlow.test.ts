// "FlameLens: Profile Process" from the command palette, answered the way a user answers it:
// typing into the quick picks (through the offline launcher's keyboard).
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { fixtureApps } from '../../support/paths';
import { startTarget } from '../../support/targets';
import { closeAllEditors, eventually } from './helpers';
import { bridgeAvailable, queryWebview, screenshotPage, typeInWorkbench } from './webviewBridge';

describe('FlameLens: Profile Process (command palette)', function () {
  this.timeout(120_000);
  after(closeAllEditors);

  it('picks a running process by pid, records 3 seconds, and opens its flamegraph', async function () {
    if (!bridgeAvailable()) this.skip(); // answering quick picks needs the offline launcher's keyboard
    // --inspect-port=0: the inspector that attaching by pid opens gets a random port, not 9229 (maybe taken).
    const script = path.join(fixtureApps, 'busy-server.js');
    const target = await startTarget(script, ['--inspect-port=0']);
    try {
      const before = new Set(vscode.window.tabGroups.all.flatMap((g) => g.tabs.map((t) => t.label)));
      void vscode.commands.executeCommand('flamelens.profileProcess');
      await new Promise((resolve) => setTimeout(resolve, 2000)); // the process list loads
      await typeInWorkbench(String(target.pid), 'Enter');
      await new Promise((resolve) => setTimeout(resolve, 800));
      await typeInWorkbench('CPU', 'Enter');
      await new Promise((resolve) => setTimeout(resolve, 800));
      await typeInWorkbench('Custom', 'Enter');
      await new Promise((resolve) => setTimeout(resolve, 800));
      await typeInWorkbench('3', 'Enter');
      await new Promise((resolve) => setTimeout(resolve, 1500));
      await screenshotPage('out/screenshots/recording.png');

      // A recording is named after the program the process runs (its script), not its pid.
      const tab = await eventually(
        () => vscode.window.tabGroups.all.flatMap((g) => g.tabs).find((t) => !before.has(t.label) && t.label.startsWith(`${path.basename(script, '.js')}-`)),
        'the profile editor',
        30_000,
      );
      const file = (tab.input as vscode.TabInputCustom).uri.fsPath;
      assert.ok(fs.existsSync(file));
      const frames = await eventually(async () => {
        const q = await queryWebview('g.frame', { attributes: ['name'] });
        return q.attributes?.some((a) => a.name === 'handleRequest') ? q : undefined;
      }, 'the handleRequest frame').catch(async (error) => {
        await screenshotPage('out/screenshots/command-flow-failure.png');
        console.log('frames seen:', JSON.stringify(await queryWebview('g.frame', { attributes: ['name'] }).catch((e) => e.message)).slice(0, 600));
        throw error;
      });
      assert.ok(frames.count > 3);
      assert.equal(target.child.exitCode, null, 'the attached process keeps running');
    } finally {
      target.kill();
    }
  });
});
