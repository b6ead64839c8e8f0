// The profile flamegraph in the real VS Code: its own hover card (figures in ms, never "samples"),
// a click that selects without opening anything, double-click and Enter that open the exact
// line, keyboard reach with a visible focus ring, the CPU-over-time band drawn by arrow keys,
// and screenshots with the card showing in dark, light and High Contrast.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { formatBytes, formatDuration, formatLocation, formatPercent } from '../../../src/format';
import type { FlameFrameDto } from '../../../src/protocol/shared/views';
import { fixtureApps } from '../../support/paths';
import { closeAllEditors, eventually, screenshotDir, setTheme } from './helpers';
import {
  bridgeAvailable,
  clickInWebview,
  evaluateInWebview,
  pressInWebview,
  queryWebview,
  screenshotPage,
  screenshotWebview,
  waitForWebview,
} from './webviewBridge';

/** A frame's data as the page drew it (d3 keeps each frame's datum on its element). */
interface Drawn {
  frame: FlameFrameDto;
  rootValue: number;
}

const checksumFrame = 'g.frame[name="checksum"]';

// Run inside the webview (sent as source text: the extension host has no DOM types).
// d3 keeps each frame's datum on its element as __data__.
const readFrameSource = `(selector) => {
  const frames = [...document.querySelectorAll('g.frame')].map((e) => e.__data__);
  const root = frames.find((d) => d.depth === 0);
  const { children, ...frame } = document.querySelector(selector).__data__.data;
  return { frame: { ...frame, children: [] }, rootValue: root.data.value };
}`;
const hoverSource = `(selector) => {
  const rect = document.querySelector(selector + ' rect');
  const box = rect.getBoundingClientRect();
  rect.dispatchEvent(new MouseEvent('mouseover', { bubbles: true, clientX: box.left + Math.min(box.width / 2, 40), clientY: box.top + box.height / 2 }));
}`;
const cardSource = `() => {
  const c = document.querySelector('.flame-card');
  const box = c.getBoundingClientRect();
  const inside = box.left >= 0 && box.top >= 0 && box.right <= window.innerWidth && box.bottom <= window.innerHeight;
  return { hidden: c.hidden || getComputedStyle(c).display === 'none', text: c.innerText, inside };
}`;
const dblclickSource = `(selector) => document.querySelector(selector + ' rect').dispatchEvent(new MouseEvent('dblclick', { bubbles: true }))`;
const focusSource = `() => ({ inChart: document.activeElement.classList.contains('flame-chart'), outline: getComputedStyle(document.activeElement).outlineStyle })`;
/** The root frame's name and its widest drawn callee's. */
const rootWalkSource = `() => {
  const all = [...document.querySelectorAll('g.frame')].map((e) => e.__data__);
  const start = all.find((d) => d.depth === 0);
  const callees = all.filter((d) => d.parent === start).sort((a, b) => (b.x1 - b.x0) - (a.x1 - a.x0));
  return { start: start.data.name, widest: callees[0].data.name };
}`;
const searchRingSource = `() => {
  const box = document.querySelector('input[type="search"]');
  const style = getComputedStyle(box);
  return { focused: document.activeElement === box, outline: style.outlineStyle, width: style.outlineWidth };
}`;
const bandSource = `() => {
  const sel = document.querySelector('.timeline-chart .selection');
  return {
    display: sel.style.display,
    x: Number(sel.getAttribute('x')),
    width: Number(sel.getAttribute('width')),
    chart: Number(document.querySelector('.timeline-chart svg').getAttribute('width')),
    label: document.querySelector('.range-label').textContent,
  };
}`;

/** Reads the checksum frame's DTO and the root's total out of the page (what the card must show). */
function readFrame(): Promise<Drawn> {
  return evaluateInWebview<Drawn>(readFrameSource, checksumFrame, { selector: checksumFrame });
}

/** Moves a (synthetic) pointer onto the frame's middle: what d3-flame-graph listens to. */
async function hover(selector: string): Promise<void> {
  await evaluateInWebview(hoverSource, selector, { selector });
}

function checksumEditors(file: string): readonly vscode.TextEditor[] {
  return vscode.window.visibleTextEditors.filter((e) => e.document.uri.fsPath === file);
}

async function closeTextTabs(): Promise<void> {
  const tabs = vscode.window.tabGroups.all.flatMap((g) => g.tabs).filter((t) => t.input instanceof vscode.TabInputText);
  await vscode.window.tabGroups.close(tabs);
}

describe('flamegraph interaction', function () {
  this.timeout(90_000);
  let drawn: Drawn;

  before(async function () {
    if (!bridgeAvailable()) this.skip(); // everything here looks into the webview (offline launcher only)
    const source = path.join(fixtureApps, '..', 'profiles', 'node-20', 'ts-service.cpu-prof.cpuprofile');
    const repo = vscode.Uri.file(path.resolve(fixtureApps, '..', '..', '..')).toString();
    const copy = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'flamelens-flame-')), 'flamegraph.cpuprofile');
    fs.writeFileSync(copy, fs.readFileSync(source, 'utf8').replaceAll('file:///FLAMELENS_REPO', repo));
    await closeAllEditors();
    await setTheme('Default Dark Modern');
    await vscode.commands.executeCommand('vscode.openWith', vscode.Uri.file(copy), 'flamelens.cpuProfile');
    await waitForWebview(checksumFrame, 30_000);
    drawn = await readFrame();
    assert.ok(drawn.frame.location, 'the checksum frame has a source location');
  });

  after(async () => {
    await setTheme('Default Dark Modern');
    await closeAllEditors();
  });

  it("shows its own hover card with the frame's figures in ms, its share and file:line", async () => {
    await hover(checksumFrame);
    const card = await evaluateInWebview<{ hidden: boolean; text: string; inside: boolean }>(cardSource);
    const { frame, rootValue } = drawn;
    assert.equal(card.hidden, false, 'the card shows');
    assert.ok(card.inside, 'the card is inside the webview');
    assert.match(card.text, /^checksum\n/);
    assert.ok(card.text.includes(`Self ${formatDuration(frame.self)} · ${formatPercent((frame.self / rootValue) * 100)}`), card.text);
    assert.ok(card.text.includes(`Total ${formatDuration(frame.value)} · ${formatPercent((frame.value / rootValue) * 100)}`), card.text);
    assert.ok(card.text.includes(formatLocation(frame.location!.file, frame.location!.line)), card.text);
    assert.doesNotMatch(card.text, /samples/);
    const titles = await queryWebview('.flame svg title');
    assert.equal(titles.count, 0, "no native SVG title competes with the card (the library's 'samples' text)");
  });

  it('selects a frame on a click without opening its source', async () => {
    const before = vscode.window.visibleTextEditors.map((e) => e.document.uri.toString());
    await clickInWebview(`${checksumFrame} rect`);
    const selected = await eventually(async () => {
      const q = await queryWebview('g.frame.selected', { attributes: ['name'] });
      return q.count === 1 ? q : undefined;
    }, 'a selected frame');
    assert.equal(selected.attributes![0].name, 'checksum');
    const line = await queryWebview('.flame-selection');
    assert.match(line.texts[0], /^checksum · Self /);
    await new Promise((r) => setTimeout(r, 1500)); // an editor would have opened by now
    assert.deepEqual(
      vscode.window.visibleTextEditors.map((e) => e.document.uri.toString()),
      before,
    );
  });

  it('opens the exact file:line on Enter in the graph', async () => {
    const { file, line } = drawn.frame.location!;
    await pressInWebview('Enter', { selector: '.flame-chart' });
    const editor = await eventually(() => checksumEditors(file).find((e) => e.selection.active.line === line - 1), `${file}:${line} opened`);
    assert.equal(editor.selection.active.line + 1, line);
    await closeTextTabs();
  });

  it('opens the exact file:line on a double-click', async () => {
    const { file, line } = drawn.frame.location!;
    assert.equal(checksumEditors(file).length, 0, 'closed after the last test');
    await evaluateInWebview(dblclickSource, checksumFrame, { selector: checksumFrame });
    const editor = await eventually(() => checksumEditors(file).find((e) => e.selection.active.line === line - 1), `${file}:${line} opened`);
    assert.equal(editor.selection.active.line + 1, line);
    await closeTextTabs();
  });

  it('is reached by Tab, walked with arrow keys, announced, and drawn with a focus ring', async () => {
    await pressInWebview('Escape', { selector: '.flame-chart' }); // reset the zoom of the earlier clicks
    await pressInWebview('Tab', { selector: 'button.reset-zoom' });
    const focus = await evaluateInWebview<{ inChart: boolean; outline: string }>(focusSource);
    assert.ok(focus.inChart, 'Tab after "Reset zoom" lands in the flame graph');
    assert.notEqual(focus.outline, 'none', 'the focused graph has a visible ring');
    await pressInWebview('Home', { selector: '.flame-chart' });
    // The root, then its widest callee (callers are drawn on top by default).
    const walk = await evaluateInWebview<{ start: string; widest: string }>(rootWalkSource);
    const selectedName = async () => (await queryWebview('g.frame.selected', { attributes: ['name'] })).attributes?.[0]?.name;
    assert.equal(await selectedName(), walk.start);
    await pressInWebview('ArrowDown', { selector: '.flame-chart' });
    assert.equal(await selectedName(), walk.widest);
    const spoken = await queryWebview('.flame [aria-live="polite"]');
    assert.match(spoken.texts[0], new RegExp(`^${walk.widest.replace(/[()[\]\\.*+?^$|{}]/g, '\\$&')}, Self `));
    await pressInWebview('ArrowUp', { selector: '.flame-chart' });
    assert.equal(await selectedName(), walk.start);
  });

  it('shows a focus ring on the search box', async () => {
    await pressInWebview('End', { selector: 'input[type="search"]' });
    const ring = await evaluateInWebview<{ focused: boolean; outline: string; width: string }>(searchRingSource);
    assert.ok(ring.focused);
    assert.notEqual(ring.outline, 'none');
    assert.notEqual(ring.width, '0px');
    fs.mkdirSync(screenshotDir, { recursive: true });
    await screenshotWebview('.toolbar', path.join(screenshotDir, 'flamegraph-search-focus-dark.png'));
  });

  it('draws the band that arrow keys select on CPU over time', async () => {
    await pressInWebview('ArrowRight', { selector: '.timeline-chart' });
    const band = await evaluateInWebview<{ display: string; x: number; width: number; chart: number; label: string }>(bandSource);
    assert.notEqual(band.display, 'none', 'the band is drawn');
    // The first press selects the second tenth of the recording (rangeKeys: a tenth, moved a tenth).
    assert.ok(Math.abs(band.x - band.chart / 10) <= 1, JSON.stringify(band));
    assert.ok(Math.abs(band.width - band.chart / 10) <= 1, JSON.stringify(band));
    assert.notEqual(band.label, 'Whole recording');
    fs.mkdirSync(screenshotDir, { recursive: true });
    await new Promise((r) => setTimeout(r, 800)); // the range's data arrives and the frames grow into place
    await screenshotPage(path.join(screenshotDir, 'flamegraph-keyboard-dark.png')); // the band and the strip's focus ring
    await pressInWebview('Escape', { selector: '.timeline-chart' });
    const cleared = await evaluateInWebview<string>(`() => document.querySelector('.timeline-chart .selection').style.display`);
    assert.equal(cleared, 'none', 'Escape takes the band away');
  });

  it("shows the allocation flamegraph's card in bytes, from a .heapprofile made for the test", async () => {
    // By construction: allocate() allocated 3 MB itself and 1 MB through fill(), out of 4 MB.
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'flamelens-alloc-'));
    const script = path.join(dir, 'alloc.js');
    fs.writeFileSync(script, '// allocates\n'.repeat(20));
    const url = vscode.Uri.file(script).toString();
    const frame = (id: number, functionName: string, lineNumber: number, selfSize: number, children: unknown[] = []) => ({
      id,
      selfSize,
      children,
      callFrame: { functionName, scriptId: '1', url: functionName === '(root)' ? '' : url, lineNumber, columnNumber: 2 },
    });
    const head = frame(1, '(root)', -1, 0, [frame(2, 'allocate', 8, 3_000_000, [frame(3, 'fill', 14, 1_000_000)])]);
    const file = path.join(dir, 'made.heapprofile');
    fs.writeFileSync(file, JSON.stringify({ head, samples: [] }));
    await vscode.commands.executeCommand('vscode.openWith', vscode.Uri.file(file), 'flamelens.heapProfile');
    const allocate = 'g.frame[name="allocate"]';
    await waitForWebview(allocate, 30_000);
    await hover(allocate);
    const card = await evaluateInWebview<{ hidden: boolean; text: string }>(cardSource, undefined, { selector: allocate });
    assert.equal(card.hidden, false, 'the card shows');
    assert.ok(card.text.includes(`Self ${formatBytes(3_000_000)} · ${formatPercent(75)} of the total`), card.text);
    assert.ok(card.text.includes(`Total ${formatBytes(4_000_000)} · ${formatPercent(100)} of the total`), card.text);
    assert.ok(card.text.includes(formatLocation(script, 9)), card.text);
    assert.doesNotMatch(card.text, /samples|ms\b/);
    fs.mkdirSync(screenshotDir, { recursive: true });
    await screenshotPage(path.join(screenshotDir, 'flamegraph-allocation-dark.png'));
    await vscode.commands.executeCommand('workbench.action.closeActiveEditor');
  });

  it('looks right with the card showing in dark, light and High Contrast (screenshots)', async () => {
    fs.mkdirSync(screenshotDir, { recursive: true });
    for (const [theme, name] of [
      ['Default Dark Modern', 'flamegraph-dark.png'],
      ['Default Light Modern', 'flamegraph-light.png'],
      ['Default High Contrast', 'flamegraph-hc.png'],
      ['Default High Contrast Light', 'flamegraph-hc-light.png'],
    ]) {
      await setTheme(theme);
      await waitForWebview(checksumFrame);
      await hover(checksumFrame);
      const shot = await screenshotPage(path.join(screenshotDir, name));
      assert.ok(fs.statSync(shot).size > 10_000);
    }
    // Zoomed by a real click in High Contrast: the callers above become outlined frames, the card follows the pointer.
    await clickInWebview(`${checksumFrame} rect`);
    await new Promise((r) => setTimeout(r, 600)); // the zoom's transition
    await screenshotPage(path.join(screenshotDir, 'flamegraph-hc-light-zoomed.png'));
  });
});
