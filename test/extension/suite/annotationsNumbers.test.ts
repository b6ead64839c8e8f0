// Issue 11, items 10 and 11 in a real VS Code: one function's figures read the same in the
// bottom-up table, its CodeLens and its hover; hovers show names as written (no "\(anonymous\)");
// the hottest line's figure travels in the CodeLens and the hover; screenshots in three themes.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { checksumHotLine, checksumTs, closeAllEditors, eventually, flameLens, screenshotDir, setTheme, tsService } from './helpers';
import { bridgeAvailable, queryWebview, screenshotPage, waitForWebview } from './webviewBridge';

/** main.ts's top-level code, which V8 names "(anonymous)": a name Markdown would escape. */
const mainTs = path.join(tsService, 'src', 'main.ts');

async function hoverText(file: string, line: number): Promise<string> {
  const document = await vscode.workspace.openTextDocument(file);
  const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', document.uri, new vscode.Position(line - 1, 4));
  return hovers
    .flatMap((h) => h.contents)
    .map((c) => (typeof c === 'string' ? c : 'value' in c ? c.value : ''))
    .join('\n');
}

async function lensOf(file: string, name: string): Promise<vscode.CodeLens> {
  const document = await vscode.workspace.openTextDocument(file);
  return eventually(async () => {
    const found = await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', document.uri);
    return found?.find((l) => l.command?.title.startsWith(`$(flame) ${name}:`));
  }, `the ${name} CodeLens`);
}

async function lensTitle(file: string, name: string): Promise<string> {
  return (await lensOf(file, name)).command!.title;
}

describe('numbers and annotations', function () {
  this.timeout(120_000);

  before(async () => {
    await closeAllEditors();
    const api = await flameLens();
    await api.profile({ command: ['node', path.join(tsService, 'dist', 'main.js')], cwd: tsService }, { durationMs: 0 });
    await eventually(() => api.hotLines(checksumTs).length > 0, 'hot lines in checksum.ts');
  });
  after(closeAllEditors);

  it('gives a function the same figures in the bottom-up table, its CodeLens and its hover', async function () {
    const lens = await lensTitle(checksumTs, 'checksum');
    const hover = await hoverText(checksumTs, 7);
    const figures = /: (\S+ \S+ self \(\S+ %\) · \S+ \S+ total \(\S+ %\))/.exec(lens)?.[1];
    assert.ok(figures, `CodeLens without self and total figures: ${lens}`);
    assert.ok(hover.includes(`\`checksum\`: ${figures}`), `hover does not repeat the CodeLens figures "${figures}":\n${hover}`);
    if (!bridgeAvailable()) return; // the table is only reachable through the offline launcher
    await waitForWebview('.table [role="treeitem"] .name');
    const row = '.table [role="treeitem"][data-key] > .row';
    const name = await queryWebview(`${row} .name`);
    assert.equal(name.texts[0], 'checksum', 'the bottom-up table starts with checksum');
    // A cell's title carries the exact figure when the column writes its own unit (durationColumn).
    const cell = async (cls: string) => {
      const found = await queryWebview(`${row} .num.${cls}`, { attributes: ['title'] });
      return found.attributes?.[0]?.title || found.texts[0];
    };
    const [self, selfPct, total, totalPct] = [await cell('self'), await cell('self-pct'), await cell('total'), await cell('total-pct')];
    assert.equal(`${self} self (${selfPct}) · ${total} total (${totalPct})`, figures, 'table row vs CodeLens');
  });

  it('writes function names as they are in the hover (no Markdown escapes inside code)', async () => {
    const lens = await lensOf(mainTs, '(anonymous)');
    const hover = await hoverText(mainTs, lens.range.start.line + 1);
    assert.match(hover, /`\(anonymous\)`: /, hover);
    assert.doesNotMatch(hover, /`[^`]*\\[^`]*`/, 'a backslash inside a code span is shown as a backslash');
  });

  it('carries the hottest line’s figure in the CodeLens and in the hover on the function', async () => {
    const api = await flameLens();
    const hottest = [...api.hotLines(checksumTs)].sort((a, b) => b.selfMs - a.selfMs)[0];
    assert.ok([checksumHotLine, checksumHotLine - 1].includes(hottest.line), `hottest line ${hottest.line}`);
    const lens = await lensTitle(checksumTs, 'checksum');
    const hottestText = new RegExp(`hottest line ${hottest.line}: \\S+ \\S+ \\(\\S+ %\\)`);
    assert.match(lens, hottestText);
    assert.match(await hoverText(checksumTs, 7), hottestText);
  });

  it('looks right in dark, light and high contrast (hover and CodeLens screenshots)', async function () {
    if (!bridgeAvailable()) this.skip(); // screenshots need the offline launcher's browser
    fs.mkdirSync(screenshotDir, { recursive: true });
    // Below the line, so the hover does not cover the CodeLens it is compared with.
    const hoverSettings = vscode.workspace.getConfiguration('editor.hover');
    await hoverSettings.update('above', false, vscode.ConfigurationTarget.Global);
    await closeAllEditors();
    const editor = await vscode.window.showTextDocument(vscode.Uri.file(checksumTs));
    const at = new vscode.Position(checksumHotLine - 1, 8);
    editor.selection = new vscode.Selection(at, at);
    for (const [theme, name] of [
      ['Default Dark Modern', 'annotations-dark.png'],
      ['Default Light Modern', 'annotations-light.png'],
      ['Default High Contrast', 'annotations-hc.png'],
    ]) {
      await setTheme(theme);
      await vscode.commands.executeCommand('editor.action.showHover');
      await new Promise((resolve) => setTimeout(resolve, 1500));
      const shot = await screenshotPage(path.join(screenshotDir, name));
      assert.ok(fs.statSync(shot).size > 10_000);
    }
    await setTheme('Default Dark Modern');
    await hoverSettings.update('above', undefined, vscode.ConfigurationTarget.Global);
  });
});
