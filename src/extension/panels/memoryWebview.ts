/**
 * What the memory timeline view and the allocation profile view share: serves the memory page
 * under a nonce CSP (scripts and styles only from dist/ and media/webview/), validates every
 * message from it, queues posts until it says `webview/ready` (a live timeline keeps only its
 * newest post while waiting), and opens only source files it has shown.
 */
import { randomBytes } from 'node:crypto';
import * as vscode from 'vscode';
import { parseMemoryWebviewMessage, type MemoryHostMessage, type MemoryWebviewMessage } from '../../protocol/memoryMessages';
import type { SourceLocationDto } from '../../protocol/profileViews';
import { openSourceLine } from '../openLocation';

export type MemoryPage = 'timeline' | 'allocations';

/** Messages the channel does not answer itself. */
export type MemoryRequest = Exclude<MemoryWebviewMessage, { type: 'webview/ready' } | { type: 'editor/openLocation' }>;

export class MemoryWebview implements vscode.Disposable {
  private ready = false;
  private readonly queue: MemoryHostMessage[] = [];
  /** Files this view has shown; only these may be opened on the webview's request. */
  private readonly knownFiles = new Set<string>();
  private readonly disposables: vscode.Disposable[] = [];

  constructor(
    readonly panel: vscode.WebviewPanel,
    extensionUri: vscode.Uri,
    page: MemoryPage,
    private readonly onRequest: (message: MemoryRequest) => Promise<void>,
  ) {
    const dist = vscode.Uri.joinPath(extensionUri, 'dist');
    const media = vscode.Uri.joinPath(extensionUri, 'media', 'webview');
    panel.webview.options = { enableScripts: true, localResourceRoots: [dist, media] };
    panel.webview.html = memoryPageHtml(panel.webview, dist, media, page);
    this.disposables.push(
      panel.webview.onDidReceiveMessage((raw) => {
        const message = parseMemoryWebviewMessage(raw);
        if (message) void this.handle(message).catch((error) => this.fail(error));
      }),
    );
  }

  post(message: MemoryHostMessage): void {
    if (this.ready) {
      void this.panel.webview.postMessage(message);
      return;
    }
    // Each timeline post carries the whole session: an older one waiting in the queue is stale.
    if (message.type === 'memory/timeline') {
      const stale = this.queue.findIndex((m) => m.type === 'memory/timeline');
      if (stale >= 0) this.queue.splice(stale, 1);
    }
    this.queue.push(message);
  }

  /** Says what went wrong in the view, in the error's own (user-facing) words. */
  fail(error: unknown): void {
    this.post({ type: 'memory/failed', message: error instanceof Error ? error.message : String(error) });
  }

  /** Lets the webview open this location's file (it is about to be shown). */
  remember(location: SourceLocationDto | string | undefined): void {
    if (typeof location === 'string') {
      const colon = location.lastIndexOf(':');
      if (colon > 0) this.knownFiles.add(location.slice(0, colon));
    } else if (location) this.knownFiles.add(location.file);
  }

  dispose(): void {
    this.disposables.forEach((d) => d.dispose());
  }

  private async handle(message: MemoryWebviewMessage): Promise<void> {
    switch (message.type) {
      case 'webview/ready':
        this.ready = true;
        this.queue.splice(0).forEach((m) => void this.panel.webview.postMessage(m));
        return;
      case 'editor/openLocation':
        if (this.knownFiles.has(message.file)) await openSourceLine(message.file, message.line, { beside: true });
        return;
      default:
        return this.onRequest(message);
    }
  }
}

function memoryPageHtml(webview: vscode.Webview, dist: vscode.Uri, media: vscode.Uri, page: MemoryPage): string {
  const nonce = randomBytes(16).toString('base64');
  const script = webview.asWebviewUri(vscode.Uri.joinPath(dist, 'memoryWebview.js'));
  const base = webview.asWebviewUri(vscode.Uri.joinPath(media, 'panel.css'));
  const style = webview.asWebviewUri(vscode.Uri.joinPath(media, 'memory.css'));
  const csp = [
    "default-src 'none'",
    `style-src ${webview.cspSource}`,
    `script-src 'nonce-${nonce}'`,
    `img-src ${webview.cspSource} data:`,
    `font-src ${webview.cspSource}`,
  ].join('; ');
  const title = page === 'timeline' ? 'FlameLens memory timeline' : 'FlameLens allocation profile';
  const loading = page === 'timeline' ? 'Reading the memory timeline…' : 'Reading the allocation profile…';
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="${csp}">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<link rel="stylesheet" href="${base}">
<link rel="stylesheet" href="${style}">
<title>${title}</title>
</head>
<body>
<div id="app" data-page="${page}" aria-busy="true"><p class="loading">${loading}</p></div>
<script nonce="${nonce}" src="${script}"></script>
</body>
</html>`;
}
