/**
 * What the heap snapshot editor and the heap comparison panel share: serves the heap page under
 * a nonce CSP (scripts and styles only from dist/ and media/webview/), validates every message
 * from it, queues posts until it says `webview/ready`, and opens only source files it has shown.
 */
import { randomBytes } from 'node:crypto';
import * as vscode from 'vscode';
import { parseHeapWebviewMessage, type HeapHostMessage, type HeapWebviewMessage } from '../../protocol/heapMessages';
import type { SourceLocationDto } from '../../protocol/profileViews';
import { openSourceLine } from '../openLocation';

export type HeapPage = 'snapshot' | 'comparison';

/** Messages the channel does not answer itself. */
export type HeapRequest = Exclude<HeapWebviewMessage, { type: 'webview/ready' } | { type: 'editor/openLocation' }>;

export class HeapWebview implements vscode.Disposable {
  private ready = false;
  private readonly queue: HeapHostMessage[] = [];
  /** Files this view has shown; only these may be opened on the webview's request. */
  private readonly knownFiles = new Set<string>();
  private readonly disposables: vscode.Disposable[] = [];

  constructor(
    readonly panel: vscode.WebviewPanel,
    extensionUri: vscode.Uri,
    page: HeapPage,
    private readonly onRequest: (message: HeapRequest) => Promise<void>,
  ) {
    const dist = vscode.Uri.joinPath(extensionUri, 'dist');
    const media = vscode.Uri.joinPath(extensionUri, 'media', 'webview');
    panel.webview.options = { enableScripts: true, localResourceRoots: [dist, media] };
    panel.webview.html = heapPageHtml(panel.webview, dist, media, page);
    this.disposables.push(
      panel.webview.onDidReceiveMessage((raw) => {
        const message = parseHeapWebviewMessage(raw);
        if (message) void this.handle(message).catch((error) => this.fail(error));
      }),
    );
  }

  post(message: HeapHostMessage): void {
    if (this.ready) void this.panel.webview.postMessage(message);
    else this.queue.push(message);
  }

  /** Says what went wrong in the view, in the error's own (user-facing) words. */
  fail(error: unknown): void {
    this.post({ type: 'heap/failed', message: error instanceof Error ? error.message : String(error) });
  }

  /** Lets the webview open this location's file (it is about to be shown). */
  remember(location: SourceLocationDto | undefined): void {
    if (location) this.knownFiles.add(location.file);
  }

  dispose(): void {
    this.disposables.forEach((d) => d.dispose());
  }

  private async handle(message: HeapWebviewMessage): Promise<void> {
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

/**
 * Turns the worker's many progress reports into a few posts (every 100 ms, and on each new
 * phase), so a big snapshot does not flood the webview.
 */
export function throttledProgress(post: (fraction: number, phase: string) => void): (fraction: number, phase: string) => void {
  let lastAt = 0;
  let lastPhase = '';
  return (fraction, phase) => {
    const now = Date.now();
    if (phase === lastPhase && now - lastAt < 100) return;
    lastAt = now;
    lastPhase = phase;
    post(fraction, phase);
  };
}

/** The engine's phase names, in the user's words. */
export function phaseLabel(phase: string): string {
  switch (phase) {
    case 'reading':
      return 'Reading the snapshot';
    case 'retainers':
      return 'Finding what holds each object';
    case 'dominators':
      return 'Computing retained sizes';
    case 'classes':
      return 'Grouping objects by constructor';
    default:
      return phase;
  }
}

function heapPageHtml(webview: vscode.Webview, dist: vscode.Uri, media: vscode.Uri, page: HeapPage): string {
  const nonce = randomBytes(16).toString('base64');
  const script = webview.asWebviewUri(vscode.Uri.joinPath(dist, 'heapWebview.js'));
  const style = webview.asWebviewUri(vscode.Uri.joinPath(media, 'heap.css'));
  const csp = [
    "default-src 'none'",
    `style-src ${webview.cspSource}`,
    `script-src 'nonce-${nonce}'`,
    `img-src ${webview.cspSource} data:`,
    `font-src ${webview.cspSource}`,
  ].join('; ');
  const title = page === 'snapshot' ? 'FlameLens heap snapshot' : 'FlameLens heap comparison';
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="${csp}">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<link rel="stylesheet" href="${style}">
<title>${title}</title>
</head>
<body data-page="${page}">
<div id="app" aria-busy="true"><p class="loading">Opening…</p></div>
<script nonce="${nonce}" src="${script}"></script>
</body>
</html>`;
}
