// A file FlameLens cannot show gets a page laid out like the views — a header, the one sentence,
// and the next step as a button — not bare red text; pressing the button asks the host for it.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { closeAllEditors, flameLens, screenshotDir, setTheme } from './helpers';
import { deleteOldRecordings, newestKept } from '../../../src/extension/recording/pruneRecordings';
import { bridgeAvailable, clickInWebview, queryWebview, screenshotPage, typeInWorkbench, waitForWebview } from './webviewBridge';

const themes: Array<[string, string]> = [
  ['dark', 'Default Dark Modern'],
  ['light', 'Default Light Modern'],
  ['hc', 'Default High Contrast'],
];

describe('data kept', function () {
  this.timeout(120_000);
  let folder: string;
  before(async () => {
    await flameLens();
    folder = fs.mkdtempSync(path.join(os.tmpdir(), 'flamelens-broken-'));
  });
  after(async () => {
    await closeAllEditors();
    await setTheme('Default Dark Modern');
    fs.rmSync(folder, { recursive: true, force: true });
  });

  it('shows a broken profile as a page with its sentence and an "Open another file…" button, in every theme', async function () {
    if (!bridgeAvailable()) this.skip(); // webviews are only reachable through the offline launcher
    const broken = path.join(folder, 'server-20261129-081205.cpuprofile');
    fs.writeFileSync(broken, '{"nodes": [');
    await vscode.commands.executeCommand('vscode.openWith', vscode.Uri.file(broken), 'flamelens.cpuProfile');
    await waitForWebview('.failure-page .failure-action');
    const sentence = await queryWebview('.failure-page .failure-sentence');
    assert.equal(sentence.count, 1);
    assert.match(sentence.texts[0], /truncated|not JSON|could not/i, `one sentence about the file: ${sentence.texts[0]}`);
    assert.equal((await queryWebview('.failure-page .header h1')).count, 1, 'the page has the views’ header');
    assert.deepEqual((await queryWebview('.failure-page button.failure-action')).texts, ['Open another file…']);
    fs.mkdirSync(screenshotDir, { recursive: true });
    for (const [name, theme] of themes) {
      await setTheme(theme);
      await screenshotPage(path.join(screenshotDir, `error-page-${name}.png`));
    }
    // The button asks the host, which answers with VS Code's open dialog (a quick input in the browser).
    await clickInWebview('.failure-page button.failure-action');
    await new Promise((resolve) => setTimeout(resolve, 1500));
    await screenshotPage(path.join(screenshotDir, 'error-page-open-dialog.png'));
    await vscode.commands.executeCommand('workbench.action.closeQuickOpen');
  });

  it('deletes old recordings from a list that ticks all but the newest, with their timeline files', async function () {
    if (!bridgeAvailable()) this.skip(); // the quick pick is driven through the offline launcher
    const recordings = path.join(folder, 'recordings');
    fs.mkdirSync(recordings);
    const names = Array.from({ length: newestKept + 2 }, (_, i) => `server-2026112${i}-0812`);
    names.forEach((name, i) => {
      for (const ext of ['.cpuprofile', '.memory.json']) {
        const file = path.join(recordings, name + ext);
        fs.writeFileSync(file, '{}');
        const when = new Date(Date.UTC(2026, 10, 20 + i));
        fs.utimesSync(file, when, when);
      }
    });
    const asked: string[] = [];
    const deleting = deleteOldRecordings(recordings, async (question) => (asked.push(question), true));
    await new Promise((resolve) => setTimeout(resolve, 1500));
    await screenshotPage(path.join(screenshotDir, 'delete-old-recordings.png'));
    await typeInWorkbench('', 'Enter'); // accept what is ticked: the two oldest
    const deleted = await deleting;
    assert.deepEqual(asked, ['Move 2 recordings (8 B) to the trash?']);
    assert.deepEqual(deleted.map((file) => path.basename(file)).sort(), [`${names[0]}.cpuprofile`, `${names[1]}.cpuprofile`]);
    const left = fs.readdirSync(recordings).sort();
    assert.deepEqual(
      left,
      names
        .slice(2)
        .flatMap((name) => [`${name}.cpuprofile`, `${name}.memory.json`])
        .sort(),
    );
  });
});
