/**
 * What every FlameLens webview shares: serves its page under a nonce CSP (scripts and styles only
 * from dist/ and media/webview/), validates every message from it with the view's own parser,
 * queues posts until it says `webview/ready`, and opens only source files the view has shown.
 */
import { randomBytes } from 'node:crypto';
import * as vscode from 'vscode';
import type { FlameFrameDto, SourceLocationDto } from '../../protocol/profileViews';
import { openSourceLine } from '../openLocation';

/** One page: its bundle, its stylesheets and what it shows until its data arrives. */
export interface PageContent {
  /** The page's bundle in dist/. */
  readonly script: string;
  /** Stylesheets in media/webview/, in order. */
  readonly styles: readonly string[];
  readonly title: string;
  /** What #app says until the page has drawn its data. */
  readonly loading: string;
  /** Attributes of `<body>` and of `#app` (the page reads which page it is from one of them). */
  readonly bodyAttributes?: Readonly<Record<string, string>>;
  readonly appAttributes?: Readonly<Record<string, string>>;
}

/** The messages every page sends, which the channel answers itself. */
type ChannelMessage = { readonly type: 'webview/ready' } | { readonly type: 'editor/openLocation'; readonly file: string; readonly line: number };

/** The messages of a page the channel does not answer itself. */
export type PageRequest<Incoming> = Exclude<Incoming, { type: 'webview/ready' } | { type: 'editor/openLocation' }>;

export interface ChannelOptions<Host, Incoming> {
  readonly page: PageContent;
  /** The view's own validation of what the page sends (undefined: dropped). */
  parse(raw: unknown): Incoming | undefined;
  /** The view's answers to everything but `webview/ready` and `editor/openLocation`. */
  onRequest(message: PageRequest<Incoming>): Promise<void>;
  /** The post that shows an error, in the error's own (user-facing) words. */
  failure(message: string): Host;
  /** Whether a post still waiting for the page is stale once `next` is posted (it is dropped). */
  replaces?(waiting: Host, next: Host): boolean;
}

export class WebviewChannel<Host, Incoming extends { readonly type: string }> implements vscode.Disposable {
  private ready = false;
  private readonly queue: Host[] = [];
  /** Files this view has shown; only these may be opened on the webview's request. */
  private readonly knownFiles = new Set<string>();
  private readonly disposables: vscode.Disposable[] = [];

  constructor(
    readonly panel: vscode.WebviewPanel,
    extensionUri: vscode.Uri,
    private readonly options: ChannelOptions<Host, Incoming>,
  ) {
    const dist = vscode.Uri.joinPath(extensionUri, 'dist');
    const media = vscode.Uri.joinPath(extensionUri, 'media', 'webview');
    panel.webview.options = { enableScripts: true, localResourceRoots: [dist, media] };
    panel.webview.html = pageHtml(panel.webview, dist, media, options.page);
    this.disposables.push(
      panel.webview.onDidReceiveMessage((raw) => {
        const message = options.parse(raw);
        if (message) void this.handle(message).catch((error) => this.fail(error));
      }),
    );
  }

  post(message: Host): void {
    if (this.ready) {
      void this.panel.webview.postMessage(message);
      return;
    }
    const replaces = this.options.replaces;
    if (replaces) {
      const stale = this.queue.findIndex((waiting) => replaces(waiting, message));
      if (stale >= 0) this.queue.splice(stale, 1);
    }
    this.queue.push(message);
  }

  /** Says what went wrong in the view, in the error's own (user-facing) words. */
  fail(error: unknown): void {
    this.post(this.options.failure(error instanceof Error ? error.message : String(error)));
  }

  /** Lets the webview open this location's file (it is about to be shown); a string is `file:line`. */
  remember(location: SourceLocationDto | string | undefined): void {
    if (typeof location === 'string') {
      const colon = location.lastIndexOf(':');
      if (colon > 0) this.knownFiles.add(location.slice(0, colon));
    } else if (location) this.knownFiles.add(location.file);
  }

  /** Lets the webview open the files of a flamegraph frame and all below it. */
  rememberFlame(frame: FlameFrameDto): void {
    const stack = [frame];
    while (stack.length > 0) {
      const f = stack.pop()!;
      this.remember(f.location);
      stack.push(...f.children);
    }
  }

  dispose(): void {
    this.disposables.forEach((d) => d.dispose());
  }

  private async handle(message: Incoming): Promise<void> {
    const common = message as unknown as ChannelMessage;
    switch (common.type) {
      case 'webview/ready':
        this.ready = true;
        this.queue.splice(0).forEach((m) => void this.panel.webview.postMessage(m));
        return;
      case 'editor/openLocation':
        if (this.knownFiles.has(common.file)) await openSourceLine(common.file, common.line, { beside: true });
        return;
      default:
        return this.options.onRequest(message as PageRequest<Incoming>);
    }
  }
}

function pageHtml(webview: vscode.Webview, dist: vscode.Uri, media: vscode.Uri, page: PageContent): string {
  const nonce = randomBytes(16).toString('base64');
  const script = webview.asWebviewUri(vscode.Uri.joinPath(dist, page.script));
  const styles = page.styles.map((style) => `<link rel="stylesheet" href="${webview.asWebviewUri(vscode.Uri.joinPath(media, style))}">\n`).join('');
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
${styles}<title>${page.title}</title>
</head>
<body${attributes(page.bodyAttributes)}>
<div id="app"${attributes(page.appAttributes)} aria-busy="true"><p class="loading">${page.loading}</p></div>
<script nonce="${nonce}" src="${script}"></script>
</body>
</html>`;
}

function attributes(values: Readonly<Record<string, string>> | undefined): string {
  return Object.entries(values ?? {})
    .map(([name, value]) => ` ${name}="${value}"`)
    .join('');
}
