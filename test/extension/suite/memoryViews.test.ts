// CPU and memory together in a real VS Code: record the leaking order server under load with the
// memory timeline and the allocation profile, watch the timeline live, then open what was saved —
// the timeline with its leak warning, and the allocation profile with the leaking code on top.
import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { sendOrders, portFrom } from '../../support/load';
import { fixtureApps } from '../../support/paths';
import { startTarget, type RunningTarget } from '../../support/targets';
import { closeAllEditors, eventually, flameLens, screenshotDir, setTheme } from './helpers';
import { bridgeAvailable, evaluateInWebview, queryWebview, screenshotPage, waitForWebview } from './webviewBridge';

const leakyServer = path.join(fixtureApps, 'leaky-server.js');
const timelinePage = '#app[data-page="timeline"]';
const allocationPage = '#app[data-page="allocations"]';

/**
 * Sends orders for at least `ms`, and on until the returned function is called: the load must
 * last until the recording stops, or the end of the timeline is flat and no leak is "still growing".
 */
function keepLoading(port: number, ms: number): { minimum: Promise<void>; stop(): Promise<void> } {
  let stopped = false;
  const running = (async () => {
    while (!stopped) await sendOrders(port, 150, 50);
  })();
  const minimum = new Promise<void>((resolve) => setTimeout(resolve, ms));
  return {
    minimum,
    async stop() {
      stopped = true;
      await running;
    },
  };
}

/** The labels of the timeline chart's time axis (its first axis: the bottom one) in the page `page`. */
function timeAxisLabels(page: string): Promise<string[]> {
  return evaluateInWebview<string[]>(
    "(s) => [...(document.querySelector(s)?.querySelector('svg.chart-svg g.axis')?.querySelectorAll('.tick text') ?? [])].map((t) => t.textContent)",
    page,
    { selector: page },
  );
}

/** Live timeline panels among the open tabs. */
function openLivePanels(): number {
  return vscode.window.tabGroups.all
    .flatMap((group) => group.tabs)
    .filter((tab) => tab.input instanceof vscode.TabInputWebview && tab.input.viewType.includes('liveMemory')).length;
}

function openTabsOf(viewType: string): vscode.TabInputCustom[] {
  return vscode.window.tabGroups.all
    .flatMap((group) => group.tabs.map((tab) => tab.input))
    .filter((input): input is vscode.TabInputCustom => input instanceof vscode.TabInputCustom && input.viewType === viewType);
}

describe('memory views', function () {
  this.timeout(240_000);
  let target: RunningTarget & { readyLine: string };
  let files: { file: string; memoryFile?: string; allocationsFile?: string };
  const live: { samples: number[]; banner?: string; axisLabels: string[][] } = { samples: [], axisLabels: [] };
  /** The editor groups right after the recording stopped and opened what it saved. */
  let groupsAfterStop: { viewColumn: number; viewTypes: string[]; labels: string[] }[] = [];

  before(async () => {
    await closeAllEditors();
    // Full GCs every second (see the fixture), so the leak trend does not hang on V8's timing.
    // --inspect-port=0: attaching by pid opens the inspector on a random port, not 9229 (maybe taken).
    target = await startTarget(leakyServer, ['--expose-gc', '--inspect-port=0']);
    const port = portFrom(target.readyLine);
    const api = await flameLens();
    const recording = api.profile({ pid: target.pid }, { durationMs: 0, memory: true, allocations: true });
    const load = keepLoading(port, 12_000);
    if (bridgeAvailable()) {
      // The live panel: its sample count grows while the recording runs.
      const selector = `${timelinePage}[data-live="true"] path.series-heapUsed`;
      await waitForWebview(selector, 30_000);
      for (let i = 0; i < 3; i++) {
        // The time axis early in the recording, when its domain is a second or two.
        live.axisLabels.push(await timeAxisLabels(`${timelinePage}[data-live="true"]`));
        const count = await evaluateInWebview<number>('(s) => Number(document.querySelector(s)?.dataset.samples ?? 0)', `${timelinePage}[data-live="true"]`, {
          selector,
        });
        live.samples.push(count);
        await new Promise((resolve) => setTimeout(resolve, 1500));
      }
      await load.minimum;
      live.banner = (await waitForWebview(`${timelinePage}[data-live="true"] .leak-banner`)).texts[0];
      await screenshotPage(path.join(screenshotDir, 'memory-live.png'));
    }
    await load.minimum;
    await vscode.commands.executeCommand('flamelens.stopProfiling');
    files = await recording;
    // VS Code's tab model catches up with a closed panel a moment later: give it up to 5 s.
    for (let waited = 0; waited < 5000 && openLivePanels() > 0; waited += 250) await new Promise((resolve) => setTimeout(resolve, 250));
    groupsAfterStop = vscode.window.tabGroups.all.map((group) => ({
      viewColumn: group.viewColumn,
      viewTypes: group.tabs.map((tab) =>
        tab.input instanceof vscode.TabInputCustom ? tab.input.viewType : tab.input instanceof vscode.TabInputWebview ? tab.input.viewType : 'text',
      ),
      labels: group.tabs.map((tab) => tab.label),
    }));
    await load.stop();
  });
  after(async () => {
    target?.kill();
    await closeAllEditors();
  });

  it('saves the memory timeline and the allocation profile beside the CPU profile', () => {
    assert.ok(files.memoryFile && files.allocationsFile, JSON.stringify(files));
    const base = files.file.replace(/\.cpuprofile$/, '');
    assert.equal(files.memoryFile, `${base}.memory.json`);
    assert.equal(files.allocationsFile, `${base}.heapprofile`);
    const timeline = JSON.parse(fs.readFileSync(files.memoryFile!, 'utf8'));
    assert.ok(timeline.samples.length > 10, `${timeline.samples.length} samples`);
    assert.ok(
      timeline.gcs.some((g: { kind: string }) => g.kind === 'major'),
      'major GCs are marked',
    );
    assert.ok(JSON.parse(fs.readFileSync(files.allocationsFile!, 'utf8')).head, 'a V8 heap profile');
  });

  it('showed the timeline live while recording, with the leak banner', function () {
    if (!bridgeAvailable()) this.skip(); // webviews are only reachable through the offline launcher
    assert.ok(live.samples[0] > 0, `live samples: ${live.samples.join(', ')}`);
    assert.ok(live.samples[2] > live.samples[0], `the live timeline grows: ${live.samples.join(', ')}`);
    assert.match(live.banner ?? '', /heap/i);
  });

  it('opens the saved timeline in the memory editor, in place of the live panel, with the leak warning', async function () {
    const tab = await eventually(() => openTabsOf('flamelens.memoryTimeline').find((t) => t.uri.fsPath === files.memoryFile), 'the memory timeline editor');
    assert.ok(tab);
    assert.ok(
      openTabsOf('flamelens.cpuProfile').some((t) => t.uri.fsPath === files.file),
      'the CPU profile is open too',
    );
    if (!bridgeAvailable()) return; // the rest looks into the webview
    const banner = await waitForWebview(`${timelinePage}[data-live="false"] .leak-banner.warning`, 30_000).catch(async (error: Error) => {
      // Say what the page and the editor groups showed instead: this has failed once in a while.
      const page = await queryWebview(timelinePage, { attributes: ['data-live', 'aria-busy'] });
      const groups = vscode.window.tabGroups.all.map(
        (g) => `group ${g.viewColumn}: ` + g.tabs.map((t) => `${t.label}${t.isActive ? ' (active)' : ''}`).join(', '),
      );
      throw new Error(
        `${error.message}; timeline pages: ${JSON.stringify(page.attributes)} ${JSON.stringify(page.texts.map((t) => t.slice(0, 200)))}; ${groups.join('; ')}`,
      );
    });
    assert.match(banner.texts[0], /keeps growing/);
    assert.match(banner.texts[0], /MB\/min/);
    const livePanels = await queryWebview(`${timelinePage}[data-live="true"]`);
    assert.equal(livePanels.count, 0, 'the live panel closed once the timeline was saved');
    const series = await queryWebview(`${timelinePage} path.series`, { attributes: ['data-series'] });
    assert.deepEqual(series.attributes!.map((a) => a['data-series']).sort(), ['arrayBuffers', 'external', 'heapTotal', 'heapUsed', 'rss']);
    const majors = await queryWebview(`${timelinePage} line.gc-major`);
    assert.ok(majors.count >= 2, `${majors.count} major GC marks`);
    const trend = await queryWebview(`${timelinePage} .trend.warning .trend-line`);
    assert.equal(trend.count, 1, 'the fitted leak trend is drawn in the warning style');
  });

  it('opens what the recording saved in ONE editor group: CPU profile, allocation profile and timeline, no live panel left', () => {
    const describe = groupsAfterStop.map((g) => `group ${g.viewColumn}: ${g.labels.join(', ')} [${g.viewTypes.join(', ')}]`).join('; ');
    const holding = (viewType: string) => groupsAfterStop.filter((g) => g.viewTypes.includes(viewType)).map((g) => g.viewColumn);
    assert.deepEqual(holding('flamelens.memoryTimeline'), holding('flamelens.cpuProfile'), describe);
    assert.deepEqual(holding('flamelens.heapProfile'), holding('flamelens.cpuProfile'), describe);
    assert.equal(holding('flamelens.cpuProfile').length, 1, describe);
    assert.ok(
      groupsAfterStop.every((g) => !g.viewTypes.some((t) => t.includes('liveMemory'))),
      `the live panel closed: ${describe}`,
    );
  });

  it('never repeats a time axis label, early in the live recording or in the saved timeline', async function () {
    if (!bridgeAvailable()) this.skip(); // webviews are only reachable through the offline launcher
    assert.ok(live.axisLabels.length === 3 && live.axisLabels.every((labels) => labels.length >= 2), JSON.stringify(live.axisLabels));
    for (const labels of live.axisLabels) assert.equal(new Set(labels).size, labels.length, `live axis: ${labels.join(' ')}`);
    await closeAllEditors();
    await vscode.commands.executeCommand('vscode.openWith', vscode.Uri.file(files.memoryFile!), 'flamelens.memoryTimeline');
    await waitForWebview(`${timelinePage}[data-live="false"] path.series-heapUsed`, 30_000);
    const saved = await timeAxisLabels(`${timelinePage}[data-live="false"]`);
    assert.ok(saved.length >= 2, saved.join(' '));
    assert.equal(new Set(saved).size, saved.length, `saved axis: ${saved.join(' ')}`);
  });

  it('opens the allocation profile with the leaking code among the top allocators', async function () {
    // Fresh and in front: the recording opened it already, possibly in a background group.
    await closeAllEditors();
    await vscode.commands.executeCommand('vscode.openWith', vscode.Uri.file(files.allocationsFile!), 'flamelens.heapProfile');
    if (!bridgeAvailable()) return;
    const rows = await waitForWebview(`${allocationPage} .alloc-row[data-name]`, 30_000, {});
    const names = (await queryWebview(`${allocationPage} .alloc-row[data-name]`, { attributes: ['data-name'] })).attributes!.map((a) => a['data-name']);
    assert.ok(rows.count > 3);
    assert.ok(
      names.slice(0, 5).some((n) => n === 'handleOrder' || n === 'AuditRecord'),
      `top allocators: ${names.slice(0, 8).join(', ')}`,
    );
    const frames = await queryWebview(`${allocationPage} g.frame`, { attributes: ['name'] });
    assert.ok(
      frames.attributes!.some((a) => a.name === 'handleOrder'),
      'handleOrder is in the allocation flamegraph',
    );
    const header = await queryWebview(`${allocationPage} .stats`);
    assert.match(header.texts[0], /\d[\d.,]* (kB|MB|GB) allocated .* includes objects that were garbage-collected/);
  });

  it('annotates the allocating functions of leaky-server.js with bytes allocated', async () => {
    await vscode.commands.executeCommand('vscode.openWith', vscode.Uri.file(files.allocationsFile!), 'flamelens.heapProfile');
    const document = await vscode.workspace.openTextDocument(leakyServer);
    const lens = await eventually(async () => {
      const lenses = await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', document.uri);
      return lenses?.find((l) => /^\$\(database\) (handleOrder|AuditRecord): [\d.]+ [kMG]?B allocated/.test(l.command?.title ?? ''));
    }, 'an allocation CodeLens');
    const line = document.lineAt(lens.range.start.line).text;
    assert.match(line, /function handleOrder|constructor|class AuditRecord/);
  });

  it('looks right: timeline and allocation flamegraph (screenshots)', async function () {
    if (!bridgeAvailable()) this.skip(); // screenshots need the offline launcher's browser
    fs.mkdirSync(screenshotDir, { recursive: true });
    await setTheme('Default Dark Modern');
    await vscode.commands.executeCommand('workbench.action.closeSidebar'); // the views get the width
    await closeAllEditors();
    await vscode.commands.executeCommand('vscode.openWith', vscode.Uri.file(files.memoryFile!), 'flamelens.memoryTimeline');
    await waitForWebview(`${timelinePage} .leak-banner.warning`, 30_000);
    await new Promise((resolve) => setTimeout(resolve, 1000));
    const timelineShot = await screenshotPage(path.join(screenshotDir, 'memory-timeline.png'));
    assert.ok(fs.statSync(timelineShot).size > 10_000);

    await closeAllEditors();
    await vscode.commands.executeCommand('vscode.openWith', vscode.Uri.file(files.allocationsFile!), 'flamelens.heapProfile');
    await waitForWebview(`${allocationPage} g.frame`, 30_000);
    await vscode.window.showTextDocument(vscode.Uri.file(leakyServer), {
      viewColumn: vscode.ViewColumn.Beside,
      preserveFocus: true,
      selection: new vscode.Range(14, 0, 14, 0),
    });
    await new Promise((resolve) => setTimeout(resolve, 1500));
    const flameShot = await screenshotPage(path.join(screenshotDir, 'allocation-flamegraph.png'));
    assert.ok(fs.statSync(flameShot).size > 10_000);

    await setTheme('Default Light Modern');
    await screenshotPage(path.join(screenshotDir, 'allocation-light.png'));
    await closeAllEditors();
    await vscode.commands.executeCommand('vscode.openWith', vscode.Uri.file(files.memoryFile!), 'flamelens.memoryTimeline');
    await waitForWebview(`${timelinePage} .leak-banner.warning`, 30_000);
    await new Promise((resolve) => setTimeout(resolve, 1000));
    await screenshotPage(path.join(screenshotDir, 'memory-light.png'));
    await setTheme('Default High Contrast');
    await screenshotPage(path.join(screenshotDir, 'memory-hc.png'));
    await setTheme('Default Dark Modern');
    await vscode.commands.executeCommand('workbench.view.explorer');
  });
});

describe('memory views: files from elsewhere and broken files', function () {
  this.timeout(60_000);
  after(closeAllEditors);

  it('opens a node --heap-prof profile (live objects only) in the allocation view', async function () {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'flamelens-heap-prof-'));
    const script = path.join(dir, 'keep.js');
    // Kept on globalThis: node --heap-prof records only what is still alive when the program ends.
    fs.writeFileSync(
      script,
      'globalThis.kept = [];\nfunction keepOrders() { for (let i = 0; i < 200000; i++) kept.push({ id: i, note: "order " + i }); }\nkeepOrders();\n',
    );
    execFileSync(process.execPath, ['--heap-prof', `--heap-prof-dir=${dir}`, script], { env: { ...process.env, ELECTRON_RUN_AS_NODE: '1' } });
    const profile = fs.readdirSync(dir).find((f) => f.endsWith('.heapprofile'));
    assert.ok(profile, `node wrote no .heapprofile in ${dir}`);
    await vscode.commands.executeCommand('vscode.openWith', vscode.Uri.file(path.join(dir, profile)), 'flamelens.heapProfile');
    if (!bridgeAvailable()) return;
    const header = await waitForWebview(`${allocationPage} .stats`, 30_000);
    assert.match(header.texts.join(' '), /only objects still alive/);
    const names = await queryWebview(`${allocationPage} .alloc-row[data-name]`, { attributes: ['data-name'] });
    assert.ok(
      names.attributes!.slice(0, 5).some((a) => a['data-name'] === 'keepOrders'),
      JSON.stringify(names.attributes!.slice(0, 5)),
    );
  });

  it('says clearly what is wrong with a truncated memory timeline', async function () {
    if (!bridgeAvailable()) this.skip(); // the message is shown in the webview
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'flamelens-memory-')), 'cut.memory.json');
    fs.writeFileSync(file, '{"version":1,"startedAt":"2026-01-01T00:00:00.000Z","intervalMs":500,"samples":[{"t":0,');
    await vscode.commands.executeCommand('vscode.openWith', vscode.Uri.file(file), 'flamelens.memoryTimeline');
    const error = await waitForWebview(`${timelinePage} .error[role="alert"]`);
    assert.match(error.texts[0], /truncated/);
  });
});
