// The profile view's layout in a real VS Code (issue 11, items 4–7): it fits the window from
// 376 px to 2,560 px without cutting a number, the splitter moves with the keyboard, the table
// headers stay in view, both tables put their columns in one order, and expanding a row opens
// no editor while Enter does.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { checksumTs, closeAllEditors, eventually, flameLens, screenshotDir, setTheme, tsService } from './helpers';
import {
  bridgeAvailable,
  clickInWebview,
  dragInWebview,
  evaluateInWebview,
  pressInWebview,
  queryWebview,
  screenshotPage,
  setViewport,
  setWebviewWidth,
  waitForWebview,
} from './webviewBridge';

/** The columns as DevTools users read them, written here rather than taken from the page. */
const columns = ['Function', 'Source', 'Self', 'Self %', 'Total', 'Total %'];

/** Number cells (shown ones) whose text is wider than the cell, as "text (scroll/client)". */
const cutNumbers = `() => [...document.querySelectorAll('.row .num')]
  .filter((cell) => cell.getClientRects().length > 0 && cell.textContent.trim() !== '')
  .map((cell) => ({ text: cell.textContent.trim(), scroll: cell.scrollWidth, client: cell.clientWidth }))`;

function openEditorCount(): number {
  return vscode.window.tabGroups.all.reduce((n, group) => n + group.tabs.filter((tab) => tab.input instanceof vscode.TabInputText).length, 0);
}

describe('profile layout', function () {
  this.timeout(180_000);
  let file: string;

  before(async function () {
    if (!bridgeAvailable()) this.skip(); // the layout is only reachable through the offline launcher
    await closeAllEditors();
    const api = await flameLens();
    ({ file } = await api.profile({ command: ['node', path.join(tsService, 'dist', 'main.js')], cwd: tsService }, { durationMs: 0 }));
    await waitForWebview('.table [role="treeitem"]', 30_000);
  });
  after(async () => {
    if (bridgeAvailable()) await setViewport(1400, 900);
    await setTheme('Default Dark Modern');
    await closeAllEditors();
  });

  it('gives top-down the same column headers as bottom-up, in the same order', async () => {
    const bottomUp = await queryWebview('.table > .row.header > *');
    const topDown = await queryWebview('.tree > .row.header > *');
    assert.deepEqual(bottomUp.texts.filter(Boolean), columns);
    assert.deepEqual(topDown.texts.filter(Boolean), columns);
  });

  it('lists no "(root)" row, and leaves a category of no time out of the legend', async () => {
    const names = await queryWebview('.table .name, .tree .name');
    assert.ok(names.count > 3 && !names.texts.includes('(root)'), JSON.stringify(names.texts));
    const legend = await queryWebview('.legend li');
    assert.ok(legend.count > 0);
    assert.deepEqual(
      legend.texts.filter((t) => /(^|\s)0(\.0)? %$/.test(t)),
      [],
      'a legend entry of no time',
    );
  });

  for (const width of [376, 2560]) {
    it(`cuts no number at ${width} px, in either table`, async () => {
      assert.equal(await setWebviewWidth('.table', width), width);
      for (const tab of ['Bottom-up', 'Top-down']) {
        await clickInWebview(`[role="tab"]:text-is("${tab}")`);
        const cells = await evaluateInWebview<Array<{ text: string; scroll: number; client: number }>>(cutNumbers, undefined, { selector: '.split' });
        assert.ok(cells.length >= 4, `${tab}: only ${cells.length} number cells shown`);
        const cut = cells.filter((c) => c.scroll > c.client);
        assert.deepEqual(cut, [], `${tab} at ${width} px: cut number cells`);
      }
      const pageScroll = await evaluateInWebview<number>('() => document.documentElement.scrollWidth - window.innerWidth', undefined, { selector: '.split' });
      assert.ok(pageScroll <= 0, `the page scrolls sideways by ${pageScroll} px`);
      // It fits the window: the flame graph and the tables scroll in their panes, the page does not.
      const overflow = await evaluateInWebview<number>(
        "() => { const app = document.getElementById('app'); return Math.max(document.documentElement.scrollHeight - window.innerHeight, app.scrollHeight - app.clientHeight); }",
        undefined,
        { selector: '.split' },
      );
      assert.ok(overflow <= 0, `the page is ${overflow} px taller than the window`);
      await clickInWebview('[role="tab"]:text-is("Bottom-up")');
    });
  }

  it('moves the splitter with the keyboard', async () => {
    await setViewport(1400, 900);
    const before = await queryWebview('[role="separator"]', { attributes: ['aria-valuenow'] });
    const start = Number(before.attributes![0]['aria-valuenow']);
    const heightOfTop = () =>
      evaluateInWebview<number>("() => document.querySelector('.split-top').getBoundingClientRect().height", undefined, { selector: '.split' });
    const topBefore = await heightOfTop();
    await pressInWebview('ArrowDown', { selector: '[role="separator"]' });
    const after = await queryWebview('[role="separator"]', { attributes: ['aria-valuenow'] });
    assert.equal(Number(after.attributes![0]['aria-valuenow']), start + 5);
    assert.ok((await heightOfTop()) > topBefore + 10, 'the flame graph pane grew');
    await pressInWebview('ArrowUp', { selector: '[role="separator"]' });
    const back = await queryWebview('[role="separator"]', { attributes: ['aria-valuenow'] });
    assert.equal(Number(back.attributes![0]['aria-valuenow']), start);
  });

  it('moves the splitter with the mouse', async () => {
    const valueNow = async () => Number((await queryWebview('[role="separator"]', { attributes: ['aria-valuenow'] })).attributes![0]['aria-valuenow']);
    const start = await valueNow();
    await dragInWebview('[role="separator"]', 0, 120);
    const dragged = await valueNow();
    assert.ok(dragged > start, `the splitter stayed at ${dragged} % after dragging down from ${start} %`);
    await dragInWebview('[role="separator"]', 0, -120);
    assert.ok(Math.abs((await valueNow()) - start) <= 2, 'dragged back');
  });

  it('keeps the table headers in view after scrolling the rows', async () => {
    await setViewport(1400, 600);
    // Enough rows to scroll: every row listed and expanded, the tables' pane at its smallest.
    await clickInWebview('.table .row.more');
    const expanders = await queryWebview('.table > [role="treeitem"] > .row .twisty');
    const expanded = Math.min(expanders.count, 6);
    for (let i = 1; i <= expanded; i++) await clickInWebview(`.table > [role="treeitem"]:nth-child(${i + 1}) > .row .twisty`);
    await pressInWebview('End', { selector: '[role="separator"]' });
    await new Promise((r) => setTimeout(r, 500));
    const place = await evaluateInWebview<{ scrolled: number; gap: number }>(
      `() => {
        const panes = document.querySelector('.panes');
        panes.scrollTop = 120;
        const header = document.querySelector('.table > .row.header');
        return { scrolled: panes.scrollTop, gap: Math.abs(header.getBoundingClientRect().top - panes.getBoundingClientRect().top) };
      }`,
      undefined,
      { selector: '.split' },
    );
    assert.ok(place.scrolled > 0, 'the rows did not scroll: too few to test');
    assert.ok(place.gap <= 1, `the header is ${place.gap} px from the top of the scrolled rows`);
    // Back to the first layout: rows collapsed, 45 % = Home (15 %) and six steps of 5 %.
    for (let i = 1; i <= expanded; i++) await clickInWebview(`.table > [role="treeitem"]:nth-child(${i + 1}) > .row .twisty`);
    await pressInWebview('Home', { selector: '[role="separator"]' });
    for (let i = 0; i < 6; i++) await pressInWebview('ArrowDown', { selector: '[role="separator"]' });
    await evaluateInWebview("() => { document.querySelector('.panes').scrollTop = 0; }", undefined, { selector: '.split' });
    await setViewport(1400, 900);
  });

  it('reaches the rows by keyboard: ↓, End, Home move the focus', async () => {
    const focused = () =>
      evaluateInWebview<string>("() => document.activeElement.getAttribute('aria-label') || document.activeElement.textContent.trim()", undefined, {
        selector: '.table',
      });
    // The rows a user can reach: those shown (a collapsed row's children are not), in page order.
    const names = await evaluateInWebview<string[]>(
      "() => [...document.querySelectorAll('.table [data-row]')].filter((r) => r.offsetParent !== null).map((r) => r.getAttribute('aria-label') || r.textContent.trim())",
      undefined,
      { selector: '.table' },
    );
    assert.ok(names.length >= 3 && names.slice(0, 3).every((n) => /; self .*; total /.test(n)), JSON.stringify(names.slice(0, 3)));
    await clickInWebview('.table > [role="treeitem"] .name');
    assert.equal(await focused(), names[0]);
    await pressInWebview('ArrowDown', { selector: '.table > [role="treeitem"]:focus' });
    assert.equal(await focused(), names[1]);
    await pressInWebview('End', { selector: '.table > [role="treeitem"]:focus' });
    assert.equal(await focused(), names[names.length - 1]);
    await pressInWebview('Home', { selector: '.table > [role="treeitem"]:focus' });
    assert.equal(await focused(), names[0]);
    // → expands the focused row, ← collapses it.
    const expanded = async () => (await queryWebview('.table > [role="treeitem"]:focus', { attributes: ['aria-expanded'] })).attributes![0]['aria-expanded'];
    await pressInWebview('ArrowRight', { selector: '.table > [role="treeitem"]:focus' });
    assert.equal(await expanded(), 'true');
    await pressInWebview('ArrowLeft', { selector: '.table > [role="treeitem"]:focus' });
    assert.equal(await expanded(), 'false');
    // ←/→ on the tabs switch between the two views.
    await pressInWebview('ArrowRight', { selector: '[role="tab"][aria-selected="true"]' });
    const selected = await queryWebview('[role="tab"][aria-selected="true"]');
    assert.deepEqual(selected.texts, ['Top-down']);
    await pressInWebview('ArrowLeft', { selector: '[role="tab"][aria-selected="true"]' });
    assert.deepEqual((await queryWebview('[role="tab"][aria-selected="true"]')).texts, ['Bottom-up']);
  });

  it('expands a row without opening an editor; Enter opens the source', async () => {
    const first = '.table > [role="treeitem"]:nth-child(2)'; // after the header row
    const editorsBefore = openEditorCount();
    await clickInWebview(`${first} .name`); // select
    const state = await queryWebview(first, { attributes: ['aria-expanded'] });
    if (state.attributes![0]['aria-expanded'] === 'true') await clickInWebview(`${first} > .row .twisty`); // collapse
    await clickInWebview(`${first} > .row .twisty`); // expand
    await waitForWebview(`${first}[aria-expanded="true"] .relation`);
    await new Promise((r) => setTimeout(r, 1500)); // an editor opening on click would be there by now
    assert.equal(openEditorCount(), editorsBefore, 'a click on a row or its expander opened an editor');

    const name = await queryWebview(`${first} > .row .name`);
    assert.equal(name.texts[0], 'checksum', 'the hottest function is listed first');
    await pressInWebview('Enter', { selector: first });
    await eventually(() => vscode.window.visibleTextEditors.find((e) => e.document.uri.fsPath === checksumTs), 'checksum.ts opened by Enter');
  });

  it('looks right at 376 px and 2,560 px in dark, light and high contrast (screenshots)', async () => {
    fs.mkdirSync(screenshotDir, { recursive: true });
    await closeAllEditors();
    await vscode.commands.executeCommand('vscode.openWith', vscode.Uri.file(file), 'flamelens.cpuProfile');
    await waitForWebview('.table [role="treeitem"]');
    await clickInWebview('.table > [role="treeitem"] .twisty'); // a selected, expanded row in the shots
    for (const [theme, kind] of [
      ['Default Dark Modern', 'dark'],
      ['Default Light Modern', 'light'],
      ['Default High Contrast', 'hc'],
    ]) {
      await setTheme(theme);
      for (const width of [376, 2560]) {
        await setWebviewWidth('.table', width);
        // The pointer rests where the last click was, over the flame graph: its hover card would cover the shot.
        await evaluateInWebview("() => document.querySelectorAll('.tooltip').forEach((t) => (t.hidden = true))", undefined, { selector: '.split' });
        const shot = await screenshotPage(path.join(screenshotDir, `profile-layout-${kind}-${width}.png`));
        assert.ok(fs.statSync(shot).size > 10_000);
      }
    }
    // Top-down, narrow, with a row expanded and the focus on its first child.
    await setTheme('Default Dark Modern');
    await setWebviewWidth('.table', 376);
    await clickInWebview('[role="tab"]:text-is("Top-down")');
    await clickInWebview('.tree > [role="treeitem"] .twisty');
    await waitForWebview('.tree > [role="treeitem"] > [role="group"] [role="treeitem"]');
    await pressInWebview('ArrowDown', { selector: '.tree > [role="treeitem"]' });
    await evaluateInWebview("() => document.querySelectorAll('.tooltip').forEach((t) => (t.hidden = true))", undefined, { selector: '.split' });
    await screenshotPage(path.join(screenshotDir, 'profile-layout-dark-376-topdown.png'));
  });
});
