/**
 * Binds a webview (a panel or a custom editor) to one open profile: serves the page under a
 * nonce CSP, validates every message from it, answers with data computed in the worker, and
 * queues posts until the page says `webview/ready`.
 */
import { randomBytes } from 'node:crypto';
import * as vscode from 'vscode';
import type { OpenProfile } from '../../core/analysis/analysisClient';
import { parseWebviewMessage, type HostMessage, type WebviewMessage } from '../../protocol/messages';
import type { FlameFrameDto, SourceLocationDto, TimeRangeDto } from '../../protocol/profileViews';
import { openSourceLine } from '../openLocation';

export class ProfileView implements vscode.Disposable {
  private ready = false;
  private readonly queue: HostMessage[] = [];
  private range: TimeRangeDto | null = null;
  /** Files this view has shown; only these may be opened on the webview's request. */
  private readonly knownFiles = new Set<string>();
  private readonly disposables: vscode.Disposable[] = [];

  constructor(
    readonly panel: vscode.WebviewPanel,
    private readonly opening: Promise<OpenProfile>,
    extensionUri: vscode.Uri,
  ) {
    const dist = vscode.Uri.joinPath(extensionUri, 'dist');
    const media = vscode.Uri.joinPath(extensionUri, 'media', 'webview');
    panel.webview.options = { enableScripts: true, localResourceRoots: [dist, media] };
    panel.webview.html = pageHtml(panel.webview, dist, media);
    this.disposables.push(
      panel.webview.onDidReceiveMessage((raw) => {
        const message = parseWebviewMessage(raw);
        if (message) void this.handle(message).catch((error) => this.fail(error));
      }),
    );
    void this.load();
  }

  /** Puts a function into the search box (from a CodeLens). */
  search(query: string): void {
    this.post({ type: 'view/search', query });
    this.panel.reveal(undefined, true);
  }

  dispose(): void {
    this.disposables.forEach((d) => d.dispose());
  }

  private profile!: OpenProfile;

  private async load(): Promise<void> {
    try {
      this.profile = await this.opening;
      this.post({ type: 'profile/loaded', overview: await this.profile.call('overview') });
      await this.sendViews();
    } catch (error) {
      this.fail(error);
    }
  }

  private async sendViews(): Promise<void> {
    const [flame, roots, functions] = await Promise.all([
      this.profile.call('flame', this.range),
      this.profile.call('treeChildren', this.range, 0),
      this.profile.call('functions', this.range),
    ]);
    this.rememberFlame(flame);
    [...roots, ...functions].forEach((row) => this.remember(row.location));
    this.post({ type: 'views/data', range: this.range, flame, roots, functions });
  }

  private async handle(message: WebviewMessage): Promise<void> {
    if (message.type !== 'webview/ready') await this.opening;
    switch (message.type) {
      case 'webview/ready':
        this.ready = true;
        this.queue.splice(0).forEach((m) => void this.panel.webview.postMessage(m));
        return;
      case 'editor/openLocation':
        if (this.knownFiles.has(message.file)) await openSourceLine(message.file, message.line, { beside: true });
        return;
      case 'range/select':
        this.range = message.range;
        return this.sendViews();
      case 'flame/expand': {
        const frame = await this.profile.call('flame', this.range, message.nodeId);
        this.rememberFlame(frame);
        return this.post({ type: 'flame/subtree', frame });
      }
      case 'tree/expand': {
        const rows = await this.profile.call('treeChildren', this.range, message.nodeId);
        rows.forEach((row) => this.remember(row.location));
        return this.post({ type: 'tree/children', parentId: message.nodeId, rows });
      }
      case 'function/expand': {
        const relations = await this.profile.call('relations', this.range, message.key);
        [...relations.callers, ...relations.callees].forEach((r) => this.remember(r.location));
        return this.post({ type: 'function/relations', relations });
      }
      default: {
        const unhandled: never = message;
        return unhandled;
      }
    }
  }

  private post(message: HostMessage): void {
    if (this.ready) void this.panel.webview.postMessage(message);
    else this.queue.push(message);
  }

  private fail(error: unknown): void {
    this.post({ type: 'profile/failed', message: error instanceof Error ? error.message : String(error) });
  }

  private remember(location: SourceLocationDto | undefined): void {
    if (location) this.knownFiles.add(location.file);
  }

  private rememberFlame(frame: FlameFrameDto): void {
    const stack = [frame];
    while (stack.length > 0) {
      const f = stack.pop()!;
      const colon = f.location.lastIndexOf(':');
      if (colon > 0) this.knownFiles.add(f.location.slice(0, colon));
      stack.push(...f.children);
    }
  }
}

function pageHtml(webview: vscode.Webview, dist: vscode.Uri, media: vscode.Uri): string {
  const nonce = randomBytes(16).toString('base64');
  const script = webview.asWebviewUri(vscode.Uri.joinPath(dist, 'webview.js'));
  const style = webview.asWebviewUri(vscode.Uri.joinPath(media, 'panel.css'));
  const csp = [
    "default-src 'none'",
    `style-src ${webview.cspSource}`,
    `script-src 'nonce-${nonce}'`,
    `img-src ${webview.cspSource} data:`,
    `font-src ${webview.cspSource}`,
  ].join('; ');
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="${csp}">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<link rel="stylesheet" href="${style}">
<title>FlameLens</title>
</head>
<body>
<div id="app" aria-busy="true"><p class="loading">Reading the profile…</p></div>
<script nonce="${nonce}" src="${script}"></script>
</body>
</html>`;
}
