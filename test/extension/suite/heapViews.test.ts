// The heap views in a real VS Code, on real snapshots of a leaking server: the snapshot editor
// (constructors, filter, sort, objects, retainer path, source link), the comparison panel (the
// leak first, held by auditTrail), a truncated file's one-line error, and screenshots.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { HeapClient } from '../../../src/core/analysis/heapClient';
import { captureHeapSnapshot } from '../../../src/core/capture/heapSnapshot';
import { parseTargetAddress } from '../../../src/core/inspector/address';
import { resolveInspectorTarget } from '../../../src/core/inspector/attach';
import { connectInspector } from '../../../src/core/inspector/session';
import { showHeapComparison, type HeapComparisonView } from '../../../src/extension/heap/heapComparisonView';
import { portFrom, sendOrders } from '../../support/load';
import { fixtureApps } from '../../support/paths';
import { startTarget } from '../../support/targets';
import { closeAllEditors, eventually, flameLens, screenshotDir, setTheme } from './helpers';
import {
  bridgeAvailable,
  clickInWebview,
  evaluateInWebview,
  pressInWebview,
  queryWebview,
  screenshotPage,
  typeInWorkbench,
  waitForWebview,
} from './webviewBridge';

const leakyServer = path.join(fixtureApps, 'leaky-server.js');
const auditRow = '.ctor[data-class-name="AuditRecord"]';

/** Numbers as the view prints them ("5,020", "−3") back to numbers. */
const numberOf = (text: string) => Number(text.replace(/[,+\s]/g, '').replace('−', '-'));

describe('heap views', function () {
  this.timeout(180_000);
  let dir: string;
  const snapshots: string[] = [];

  before(async () => {
    await closeAllEditors();
    await flameLens();
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'flamelens-heap-views-'));
    // Three snapshots in ONE inspector session: object ids are only comparable within a session.
    // Its own inspector port: SIGUSR1 would open 9229, which another process on the machine may hold.
    const server = await startTarget(leakyServer, ['--inspect=127.0.0.1:0']);
    try {
      const port = portFrom(server.readyLine);
      const target = await resolveInspectorTarget(parseTargetAddress(String(server.pid)), {});
      const session = await connectInspector(target.webSocketUrl);
      try {
        for (const name of ['baseline', 'after-load', 'after-more-load']) {
          if (snapshots.length > 0) await sendOrders(port, 50);
          snapshots.push((await captureHeapSnapshot(session, { out: path.join(dir, `${name}.heapsnapshot`) })).file);
        }
      } finally {
        await session.close();
      }
    } finally {
      server.kill();
    }
  });

  after(async () => {
    await closeAllEditors();
    await setTheme('Default Dark Modern');
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
  });

  describe('the snapshot editor', () => {
    before(async () => {
      await closeAllEditors();
      await vscode.commands.executeCommand('vscode.openWith', vscode.Uri.file(snapshots[2]), 'flamelens.heapSnapshot');
    });

    it('lists the constructors with their counts and sizes, AuditRecord among them', async function () {
      if (!bridgeAvailable()) this.skip(); // webviews are only reachable through the offline launcher
      await waitForWebview(auditRow, 90_000);
      const cells = await queryWebview(`${auditRow} .num`);
      assert.ok(numberOf(cells.texts[0]) >= 5000, `AuditRecord count ${cells.texts[0]}`);
      assert.match(cells.texts[2], /^[\d.]+ (kB|MB)\s*[\d.]+ %$/, `retained size with its share: ${cells.texts[2]}`);
      const where = await queryWebview(`${auditRow} button.link`);
      assert.equal(where.texts[0], 'leaky-server.js:7', 'the class links to where it is defined');
      const stats = await queryWebview('.header .stats');
      assert.match(stats.texts[0], /objects · [\d.]+ MB · \d+ constructors/);
    });

    it('sorts by a column header, and again the other way', async function () {
      if (!bridgeAvailable()) this.skip(); // webviews are only reachable through the offline launcher
      const counts = async () => (await queryWebview('.ctor .num:nth-child(4)')).texts.map(numberOf);
      await clickInWebview('.ctor-table button.sort:has-text("Count")');
      const descending = await counts();
      assert.ok(descending.length > 20, `${descending.length} rows`);
      assert.deepEqual(
        descending,
        [...descending].sort((a, b) => b - a),
        'largest count first',
      );
      const header = await queryWebview('.ctor-table [role="columnheader"][aria-sort="descending"]');
      assert.match(header.texts[0], /Count/);
      await clickInWebview('.ctor-table button.sort:has-text("Count")');
      const ascending = await counts();
      assert.deepEqual(
        ascending,
        [...ascending].sort((a, b) => a - b),
        'smallest count first',
      );
      await clickInWebview('.ctor-table button.sort:has-text("Retained size")'); // back to the default
    });

    it('filters constructors by a part of their name', async function () {
      if (!bridgeAvailable()) this.skip(); // webviews are only reachable through the offline launcher
      await clickInWebview('input.filter');
      await typeInWorkbench('auditrec');
      const names = await eventually(async () => {
        const q = await queryWebview('.ctor .name');
        return q.count > 0 && q.texts.every((t) => /auditrec/i.test(t)) ? q.texts : undefined;
      }, 'only matching constructors');
      assert.deepEqual(names, ['AuditRecord']);
      await evaluateInWebview("() => { const box = document.querySelector('input.filter'); box.value = ''; box.dispatchEvent(new Event('input')); }");
      await eventually(async () => ((await queryWebview('.ctor')).count > 1 ? true : undefined), 'all constructors back');
    });

    it('expands a constructor (keyboard) into its objects, 50 at a time', async function () {
      if (!bridgeAvailable()) this.skip(); // webviews are only reachable through the offline launcher
      await pressInWebview('ArrowRight', { selector: auditRow });
      const objects = await waitForWebview('.instance .name', 30_000);
      assert.equal(objects.count, 50);
      assert.match(objects.texts[0], /^AuditRecord @\d+$/);
      const more = await queryWebview('.instances .more');
      assert.match(more.texts[0], /more… \([\d,]+ not shown\)/);
      await clickInWebview('.instances .more');
      await eventually(async () => ((await queryWebview('.instance')).count === 100 ? true : undefined), '100 objects after "more…"');
    });

    it('shows what keeps a chosen object alive: auditTrail', async function () {
      if (!bridgeAvailable()) this.skip(); // webviews are only reachable through the offline launcher
      await pressInWebview('Enter', { selector: '.instance' });
      const vias = await waitForWebview('.retainer-path .step .via', 30_000);
      assert.ok(vias.texts.includes('auditTrail'), `retainer path: ${vias.texts.join(' ← ')}`);
      const selected = await queryWebview('.instance[aria-selected="true"]');
      assert.equal(selected.count, 1);
    });

    it('opens the source of a retainer step from its link', async function () {
      if (!bridgeAvailable()) this.skip(); // webviews are only reachable through the offline launcher
      await clickInWebview('.retainer-path .step button.link');
      const editor = await eventually(
        () => vscode.window.visibleTextEditors.find((e) => e.document.uri.fsPath === leakyServer),
        'leaky-server.js opened beside the view',
      );
      assert.ok(editor.selection.active.line >= 0);
      await vscode.commands.executeCommand('workbench.action.closeEditorsInOtherGroups');
    });

    it('looks right in dark and light themes (screenshots)', async function () {
      if (!bridgeAvailable()) this.skip(); // screenshots need the offline launcher's browser
      fs.mkdirSync(screenshotDir, { recursive: true });
      for (const [theme, name] of [
        ['Default Dark Modern', 'heap-view.png'],
        ['Default Light Modern', 'heap-view-light.png'],
      ]) {
        await setTheme(theme);
        const shot = await screenshotPage(path.join(screenshotDir, name));
        assert.ok(fs.statSync(shot).size > 10_000);
      }
      await setTheme('Default Dark Modern');
    });
  });

  describe('the comparison panel', () => {
    let heap: HeapClient;
    let view: HeapComparisonView;
    const deps = () => ({ extensionUri: vscode.extensions.getExtension('flamelens.flamelens')!.extensionUri, heap });

    before(async () => {
      await closeAllEditors();
      heap = new HeapClient();
      view = await showHeapComparison(deps(), snapshots);
    });
    after(() => {
      view?.dispose();
      heap?.dispose();
    });

    it('refuses fewer than two snapshots', async () => {
      await assert.rejects(showHeapComparison(deps(), [snapshots[0]]), /two or three heap snapshots/);
    });

    it('ranks AuditRecord first, held by auditTrail', async () => {
      const diff = await view.ready; // only resolves once the page has drawn the comparison
      assert.equal(diff.growth[0].name, 'AuditRecord');
      assert.ok(
        diff.growth[0].retainerPath.some((line) => line.startsWith('auditTrail')),
        diff.growth[0].retainerPath.join(' ← '),
      );
    });

    it('shows the leak in the page: headline, first growth row and its retainer path', async function () {
      if (!bridgeAvailable()) this.skip(); // webviews are only reachable through the offline launcher
      const headline = await waitForWebview('.headline-text', 30_000);
      assert.match(headline.texts[0], /^[\d,]+ AuditRecord objects holding [\d.]+ (kB|MB) are still alive — held by auditTrail in closure scope/);
      const first = await queryWebview('.growth-table .growth .name');
      assert.equal(first.texts[0], 'AuditRecord');
      const expanded = await queryWebview('.growth-table .growth', { attributes: ['aria-expanded'] });
      assert.equal(expanded.attributes![0]['aria-expanded'], 'true', 'the first row starts expanded');
      // Only the first row's lines: its group follows it.
      const path = await evaluateInWebview<string[]>(
        "() => [...document.querySelector('.growth-table .retainer-lines').querySelectorAll('.retainer-line .name')].map((line) => line.textContent)",
      );
      assert.ok(
        path.some((line) => /^. auditTrail in closure scope/.test(line)),
        `path: ${path.join(' ← ')}`,
      );
    });

    it('lists the plain per-constructor deltas, sortable', async function () {
      if (!bridgeAvailable()) this.skip(); // webviews are only reachable through the offline launcher
      const rows = await queryWebview('.delta-table .delta .name');
      assert.ok(rows.texts.includes('AuditRecord'));
      await clickInWebview('.delta-table button.sort:has-text("Deleted")');
      const deleted = (await queryWebview('.delta-table .delta .num:nth-child(3)')).texts.map(numberOf);
      assert.deepEqual(
        deleted,
        [...deleted].sort((a, b) => b - a),
        'most deleted first',
      );
      await clickInWebview('.delta-table button.sort:has-text("Δ Size")');
    });

    it('names the files once: a short tab title, the header lists them, the headline does not repeat them', async function () {
      assert.equal(view.panel.title, 'Heap comparison · 3 snapshots');
      if (!bridgeAvailable()) this.skip(); // webviews are only reachable through the offline launcher
      const names = ['baseline', 'after-load', 'after-more-load'];
      const listed = await waitForWebview('.header .snapshot-list .snapshot-name', 30_000);
      assert.deepEqual(
        listed.texts.map((t) => t.trim()),
        names.map((n) => `${n}.heapsnapshot`),
      );
      const page = await evaluateInWebview<string>("() => document.querySelector('#app')?.textContent ?? ''");
      for (const name of names) {
        const count = page.split(`${name}.heapsnapshot`).length - 1;
        assert.equal(count, 1, `${name}.heapsnapshot appears ${count} times in the page`);
      }
      const headline = await queryWebview('.headline');
      assert.doesNotMatch(headline.texts[0], /heapsnapshot/);
    });

    it('lists no constructor without a change (no rows of 0 / 0 B)', async function () {
      const diff = await view.ready;
      assert.ok(
        diff.constructors.every((r) => r.countDelta !== 0 || r.sizeDelta !== 0),
        diff.constructors
          .filter((r) => r.countDelta === 0 && r.sizeDelta === 0)
          .map((r) => r.name)
          .join(', '),
      );
      if (!bridgeAvailable()) this.skip(); // webviews are only reachable through the offline launcher
      const cells = await evaluateInWebview<string[][]>(
        "() => [...document.querySelectorAll('.delta-table .delta')].map((row) => [...row.querySelectorAll('.num')].slice(2).map((c) => c.textContent))",
      );
      assert.ok(cells.length > 0, 'the table has rows');
      const unchanged = cells.filter(([count, size]) => /^[+−-]?0$/.test(count ?? '') && /^[+−-]?0 B$/.test(size ?? ''));
      assert.deepEqual(unchanged, [], 'rows with no change in count and size');
    });

    it('looks right in dark and light themes (screenshots)', async function () {
      if (!bridgeAvailable()) this.skip(); // webviews are only reachable through the offline launcher
      fs.mkdirSync(screenshotDir, { recursive: true });
      for (const [theme, name] of [
        ['Default Dark Modern', 'heap-comparison.png'],
        ['Default Light Modern', 'heap-comparison-light.png'],
        ['Default Dark Modern', 'memory-comparison.png'],
        ['Default Light Modern', 'memory-comparison-light.png'],
        ['Default High Contrast', 'memory-comparison-hc.png'],
      ]) {
        await setTheme(theme);
        const shot = await screenshotPage(path.join(screenshotDir, name));
        assert.ok(fs.statSync(shot).size > 10_000);
      }
      await setTheme('Default Dark Modern');
    });
  });

  it('says in one line that a truncated snapshot is truncated', async function () {
    if (!bridgeAvailable()) this.skip(); // the message is shown in the webview
    await closeAllEditors();
    const whole = fs.readFileSync(snapshots[0]);
    const truncated = path.join(dir, 'truncated.heapsnapshot');
    fs.writeFileSync(truncated, whole.subarray(0, Math.floor(whole.length / 2)));
    await vscode.commands.executeCommand('vscode.openWith', vscode.Uri.file(truncated), 'flamelens.heapSnapshot');
    const error = await waitForWebview('.error[role="alert"]', 60_000);
    assert.match(error.texts[0], /truncated/);
    assert.doesNotMatch(error.texts[0], /\n|\bat \S+:\d+/, 'one sentence, no stack trace');
    const spinner = await queryWebview('.progress');
    assert.equal(spinner.count, 0, 'the progress is gone');
  });
});
