// The whole capability in a real VS Code: profile a real TypeScript program through the API,
// see the flamegraph in the webview, click a frame to reach the .ts line, and the annotations.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { startTarget } from '../../support/targets';
import { fixtureApps } from '../../support/paths';
import { checksumHotLine, checksumTs, closeAllEditors, eventually, flameLens, screenshotDir, setTheme, tsService } from './helpers';
import { bridgeAvailable, clickInWebview, pressInWebview, queryWebview, screenshotPage, waitForWebview } from './webviewBridge';

/** Attaching by pid opens the inspector with SIGUSR1: on a random port with this, not on 9229 (maybe taken). */
const noInspectorYet = ['--inspect-port=0'];

describe('profiling a TypeScript program in VS Code', function () {
  this.timeout(120_000);
  let file: string;

  before(async () => {
    await closeAllEditors();
    const api = await flameLens();
    ({ file } = await api.profile({ command: ['node', path.join(tsService, 'dist', 'main.js')], cwd: tsService }, { durationMs: 0 }));
  });
  after(closeAllEditors);

  it('saves the profile in the output folder with a readable name', () => {
    assert.ok(fs.existsSync(file), file);
    assert.match(path.basename(file), /^main-\d{8}-\d{6}\.cpuprofile$/);
    const saved = JSON.parse(fs.readFileSync(file, 'utf8'));
    assert.ok(saved.$vscode && saved.$flamelens, 'source locations are saved with the profile');
  });

  it('annotates the hot lines of the .ts source', async () => {
    const api = await flameLens();
    const lines = await eventually(() => (api.hotLines(checksumTs).length > 0 ? api.hotLines(checksumTs) : undefined), 'hot lines');
    const hottest = [...lines].sort((a, b) => b.selfMs - a.selfMs)[0];
    assert.ok([checksumHotLine, checksumHotLine - 1].includes(hottest.line), `hottest line ${hottest.line}, expected ${checksumHotLine}`);
    assert.ok(hottest.selfPct > 20);

    await vscode.commands.executeCommand('flamelens.toggleAnnotations');
    assert.deepEqual(api.hotLines(checksumTs), [], 'toggled off');
    await vscode.commands.executeCommand('flamelens.toggleAnnotations');
    assert.ok(api.hotLines(checksumTs).length > 0, 'toggled on again');
  });

  it('shows the hot CodeLens on the function in the .ts file', async () => {
    const document = await vscode.workspace.openTextDocument(checksumTs);
    const lenses = await eventually(async () => {
      const found = await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', document.uri);
      return found?.find((l) => l.command?.title.includes('checksum'));
    }, 'the checksum CodeLens');
    assert.equal(lenses.range.start.line + 1, 7);
    assert.match(lenses.command!.title, /\d(\.\d+)? m?s self \(\d+\.\d %\)/);
  });

  it('explains a hot line on hover, with the function’s callers as links', async () => {
    const document = await vscode.workspace.openTextDocument(checksumTs);
    const hovers = await vscode.commands.executeCommand<vscode.Hover[]>(
      'vscode.executeHoverProvider',
      document.uri,
      new vscode.Position(checksumHotLine - 1, 4),
    );
    const text = hovers
      .flatMap((h) => h.contents)
      .map((c) => (typeof c === 'string' ? c : 'value' in c ? c.value : ''))
      .join('\n');
    assert.match(text, /FlameLens.*this line: .* self/);
    assert.match(text, /\*\*Called by\*\*/);
    assert.match(text, /command:flamelens\.openLocation\?/);
  });

  it('renders the flamegraph of that profile in the webview', async function () {
    if (!bridgeAvailable()) this.skip(); // webviews are only reachable through the offline launcher
    const frames = await waitForWebview('g.frame', 30_000);
    assert.ok(frames.count > 5, `${frames.count} frames`);
    const names = await queryWebview('g.frame', { attributes: ['name'] });
    assert.ok(
      names.attributes!.some((a) => a.name === 'checksum'),
      'a checksum frame is drawn',
    );
    const rows = await queryWebview('.table [role="treeitem"] .name');
    assert.equal(rows.texts[0], 'checksum', 'bottom-up table starts with the hottest function');
  });

  it('expands a bottom-up row into its callers and callees', async function () {
    if (!bridgeAvailable()) this.skip(); // webviews are only reachable through the offline launcher
    await clickInWebview('.table [role="treeitem"] .twisty');
    const groups = await waitForWebview('.relations .relation-title');
    assert.ok(
      groups.texts.some((t) => /Called by/.test(t)),
      JSON.stringify(groups.texts),
    );
    const callers = await queryWebview('.relations .relation .name');
    assert.ok(callers.count > 0, 'checksum has at least one caller row');
  });

  it('opens the exact .ts line on Enter after a frame is clicked (a click only selects)', async function () {
    if (!bridgeAvailable()) this.skip(); // webviews are only reachable through the offline launcher
    await clickInWebview('g.frame[name="checksum"] rect');
    await pressInWebview('Enter', { selector: '.flame-chart' });
    const editor = await eventually(
      () => vscode.window.visibleTextEditors.find((e) => e.document.uri.fsPath === checksumTs && e.selection.active.line === 6),
      'checksum.ts opened at line 7',
    );
    assert.equal(editor.selection.active.line + 1, 7);
  });

  it('looks right in dark and light themes (screenshots)', async function () {
    if (!bridgeAvailable()) this.skip(); // screenshots need the offline launcher's browser
    fs.mkdirSync(screenshotDir, { recursive: true });
    await vscode.commands.executeCommand('vscode.openWith', vscode.Uri.file(file), 'flamelens.cpuProfile');
    await waitForWebview('g.frame');
    await vscode.window.showTextDocument(vscode.Uri.file(checksumTs), { viewColumn: vscode.ViewColumn.Beside, preserveFocus: true });
    for (const [theme, name] of [
      ['Default Dark Modern', 'profile-dark.png'],
      ['Default Light Modern', 'profile-light.png'],
    ]) {
      await setTheme(theme);
      const shot = await screenshotPage(path.join(screenshotDir, name));
      assert.ok(fs.statSync(shot).size > 10_000);
    }
    await setTheme('Default Dark Modern');
  });
});

describe('opening saved profiles', function () {
  this.timeout(60_000);
  after(closeAllEditors);

  it('opens a node --cpu-prof file in the profile editor', async function () {
    const source = path.join(fixtureApps, '..', 'profiles', 'node-20', 'ts-service.cpu-prof.cpuprofile');
    const text = fs.readFileSync(source, 'utf8').replaceAll('file:///FLAMELENS_REPO', vscode.Uri.file(path.resolve(fixtureApps, '..', '..', '..')).toString());
    const copy = path.join(fs.mkdtempSync(path.join(require('node:os').tmpdir(), 'flamelens-ext-')), 'from-cpu-prof.cpuprofile');
    fs.writeFileSync(copy, text);
    const api = await flameLens();
    await api.openProfile(copy);
    assert.ok(api.hotLines(checksumTs).length > 0, 'annotations follow the opened profile');
    if (!bridgeAvailable()) return; // the rest looks into the webview (offline launcher only)
    const names = await eventually(async () => {
      const q = await queryWebview('g.frame', { attributes: ['name'] });
      return q.attributes?.some((a) => a.name === 'checksum') ? q : undefined;
    }, 'the checksum frame');
    assert.ok(names.count > 0);
  });

  it('says that worker threads ran and are not in the profile', async function () {
    if (!bridgeAvailable()) this.skip(); // the note is shown in the webview
    const source = path.join(fixtureApps, '..', 'profiles', 'node-20', 'ts-service.cpu-prof.cpuprofile');
    const profile = JSON.parse(fs.readFileSync(source, 'utf8'));
    const copy = path.join(fs.mkdtempSync(path.join(require('node:os').tmpdir(), 'flamelens-ext-')), 'with-workers.cpuprofile');
    fs.writeFileSync(copy, JSON.stringify({ ...profile, $flamelens: { version: 1, scripts: [], workerThreads: 2 } }));
    await vscode.commands.executeCommand('vscode.openWith', vscode.Uri.file(copy), 'flamelens.cpuProfile');
    const note = await waitForWebview('.notice[role="note"]');
    assert.match(note.texts[0], /2 worker threads ran during the recording; this profile shows the main thread only/);
    fs.mkdirSync(screenshotDir, { recursive: true });
    await screenshotPage(path.join(screenshotDir, 'worker-threads-note.png'));
  });

  it('says clearly what is wrong with a truncated file', async function () {
    if (!bridgeAvailable()) this.skip(); // the message is shown in the webview
    const truncated = path.join(fixtureApps, '..', 'invalid', 'truncated.cpuprofile');
    await vscode.commands.executeCommand('vscode.openWith', vscode.Uri.file(truncated), 'flamelens.cpuProfile');
    const error = await waitForWebview('.error[role="alert"]');
    assert.match(error.texts[0], /truncated/);
  });
});

describe('recording failures and control', function () {
  this.timeout(60_000);

  it('reports a target that exits mid-capture, and does not hang', async () => {
    const api = await flameLens();
    const target = await startTarget(path.join(fixtureApps, 'busy-server.js'), noInspectorYet);
    const recording = api.profile({ pid: target.pid }, { durationMs: 0 });
    await new Promise((resolve) => setTimeout(resolve, 1500));
    target.kill('SIGKILL');
    await assert.rejects(recording, /exited or closed the inspector connection while the CPU profile was being recorded; nothing was saved/);
  });

  it('stops on "FlameLens: Stop Profiling" and keeps the profile', async () => {
    const api = await flameLens();
    const target = await startTarget(path.join(fixtureApps, 'busy-server.js'), noInspectorYet);
    try {
      const recording = api.profile({ pid: target.pid }, { durationMs: 0 });
      await new Promise((resolve) => setTimeout(resolve, 1500));
      await vscode.commands.executeCommand('flamelens.stopProfiling');
      const { file } = await recording;
      assert.ok(JSON.parse(fs.readFileSync(file, 'utf8')).samples.length > 100);
      assert.equal(target.child.exitCode, null, 'an attached process keeps running');
    } finally {
      target.kill();
      await closeAllEditors();
    }
  });

  it('discards on "FlameLens: Cancel Profiling"', async () => {
    const api = await flameLens();
    const target = await startTarget(path.join(fixtureApps, 'busy-server.js'), noInspectorYet);
    try {
      const recording = api.profile({ pid: target.pid }, { durationMs: 0 });
      await new Promise((resolve) => setTimeout(resolve, 1500));
      await vscode.commands.executeCommand('flamelens.cancelProfiling');
      await assert.rejects(recording, /cancelled; nothing was saved/);
    } finally {
      target.kill();
    }
  });
});
