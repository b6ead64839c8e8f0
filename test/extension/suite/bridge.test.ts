// The webview bridge's helpers against a scripted webview of our own, so that a failure in a
// feature test is about the feature, not the harness.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { bridgeAvailable, clickInWebview, evaluateInWebview, pressInWebview, queryWebview, waitForWebview } from './webviewBridge';

const HTML = `<!DOCTYPE html><html><head><title>bridge probe</title></head><body>
<button id="btn" data-kind="probe">click me</button><span id="clicks">0</span>
<input id="field"><span id="last-key"></span>
<script>
  const clicks = document.getElementById('clicks');
  document.getElementById('btn').addEventListener('click', () => { clicks.textContent = String(Number(clicks.textContent) + 1); });
  document.getElementById('field').addEventListener('keydown', (e) => { document.getElementById('last-key').textContent = e.key; });
</script></body></html>`;

describe('webview bridge', function () {
  let panel: vscode.WebviewPanel | undefined;

  before(async function () {
    if (!bridgeAvailable()) this.skip(); // the bridge exists only under the offline launcher (@vscode/test-electron has none)
    panel = vscode.window.createWebviewPanel('flamelens.bridgeProbe', 'Bridge probe', vscode.ViewColumn.One, { enableScripts: true });
    panel.webview.html = HTML;
    await waitForWebview('#btn', 30_000, { title: 'bridge probe' });
  });
  after(() => panel?.dispose());

  it('queries texts and attributes', async () => {
    const r = await queryWebview('#btn', { attributes: ['data-kind', 'missing'] });
    assert.equal(r.count, 1);
    assert.deepEqual(r.texts, ['click me']);
    assert.deepEqual(r.attributes, [{ 'data-kind': 'probe', missing: null }]);
    assert.equal((await queryWebview('#nothing-like-this')).count, 0);
  });

  it('clicks, presses keys and evaluates in the webview', async () => {
    await clickInWebview('#btn');
    await clickInWebview('#btn');
    assert.deepEqual((await queryWebview('#clicks')).texts, ['2']);
    await pressInWebview('ArrowDown', { selector: '#field' });
    assert.deepEqual((await queryWebview('#last-key')).texts, ['ArrowDown']);
    const title = await evaluateInWebview<string>('(suffix) => document.title + suffix', '!', { selector: '#btn' });
    assert.equal(title, 'bridge probe!');
  });

  it('reports a clear error when no webview has the selector', async () => {
    await assert.rejects(clickInWebview('#nothing-like-this'), /no webview frame contains "#nothing-like-this"/);
  });
});
