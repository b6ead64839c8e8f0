/**
 * What every FlameLens webview shares: serves its page under a nonce CSP (scripts and styles only
 * from dist/ and media/webview/), checks every message from it with the parser its view's message
 * declaration gives, queues posts until it says `webview/ready`, opens only source files the view
 * has shown, and tells when the page has drawn (`webview/rendered`).
 */
import { randomBytes } from 'node:crypto';
import * as vscode from 'vscode';
import type { MessageSet } from '../../protocol/shared/defineMessages';
import type { SharedRequest } from '../../protocol/shared/messages';
import type { FlameFrameDto, SourceLocationDto } from '../../protocol/shared/views';
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
  /** Attributes of `#app` (the extension tests find the timeline and allocation pages by `#app[data-page]`). */
  readonly appAttributes?: Readonly<Record<string, string>>;
}

/** The messages of a page the channel does not answer itself: the view's own (the shared ones are the channel's). */
export type PageRequest<Incoming> = Exclude<Incoming, SharedRequest>;

/** What a view declares about its page once: everything the channel needs but the view's answers. */
export interface ViewPage<Host, Incoming extends { readonly type: string }> {
  readonly page: PageContent;
  /** The view's message declaration (its `defineViewMessages`): what the page may send, checked by its parser; the rest is dropped. */
  readonly requests: MessageSet<Incoming>;
  /** The post that shows an error, in the error's own (user-facing) words. */
  failure(message: string, file: string): Host;
  /** Whether a post still waiting for the page is stale once `next` is posted (it is dropped). */
  replaces?(waiting: Host, next: Host): boolean;
}

type Answer<Incoming> = (message: PageRequest<Incoming>) => Promise<void>;

/** The view's answers to its own messages: required exactly when its page has messages of its own. */
type Answers<Incoming> = [PageRequest<Incoming>] extends [never] ? { readonly onRequest?: never } : { readonly onRequest: Answer<Incoming> };

export type ChannelOptions<Host, Incoming extends { readonly type: string }> = ViewPage<Host, Incoming> & Answers<Incoming>;

export class WebviewChannel<Host, Incoming extends { readonly type: string }> implements vscode.Disposable {
  private ready = false;
  private readonly queue: Host[] = [];
  /** Files this view has shown; only these may be opened on the webview's request. */
  private readonly knownFiles = new Set<string>();
  private readonly disposables: vscode.Disposable[] = [];
  private readonly renderedListeners = new vscode.EventEmitter<void>();
  /** The page has drawn what it was sent (it says `webview/rendered`). */
  readonly onDidRender = this.renderedListeners.event;

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
        const message = options.requests.parse(raw);
        if (message) void this.handle(message).catch((error) => this.fail(error));
      }),
      this.renderedListeners,
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
    // The panel's title is the file's name for an editor: the failure page's header names it.
    this.post(this.options.failure(error instanceof Error ? error.message : String(error), this.panel.title));
  }

  /** Lets the webview open this location's file (it is about to be shown). */
  remember(location: SourceLocationDto | undefined): void {
    if (location) this.knownFiles.add(location.file);
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
    const shared = message as SharedRequest;
    switch (shared.type) {
      case 'webview/ready':
        this.ready = true;
        this.queue.splice(0).forEach((m) => void this.panel.webview.postMessage(m));
        return;
      case 'webview/rendered':
        return this.renderedListeners.fire();
      case 'editor/openLocation':
        if (this.knownFiles.has(shared.file)) await openSourceLine(shared.file, shared.line, { beside: true });
        return;
      case 'failure/action':
        return (await import('../recording/failureActions')).runFailureAction(shared.action);
      default: {
        // Present exactly when the page has messages of its own (see Answers).
        const { onRequest } = this.options as { readonly onRequest?: Answer<Incoming> };
        return onRequest?.(message as PageRequest<Incoming>);
      }
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
<body>
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
