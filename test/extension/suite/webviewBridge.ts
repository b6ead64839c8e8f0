/**
 * Extension-host side of the webview bridge (protocol in ../shared/bridgeProtocol.ts): lets tests
 * look into and act on webviews, which the extension host cannot reach itself. Only the offline
 * launcher (code-server + Chromium) answers; under @vscode/test-electron there is no browser to
 * drive, so every helper fails with a clear message — guard webview assertions with
 * bridgeAvailable() (e.g. `if (!bridgeAvailable()) this.skip()`).
 */
import { randomUUID } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { repoRoot } from '../../support/paths';
import { BRIDGE_DIR_ENV, BRIDGE_PREFIX, BridgeRequest, BridgeResponse, FrameFilter, QueryResult } from '../shared/bridgeProtocol';

export type { FrameFilter, QueryResult };

/** Resizes the browser page that shows the workbench (answered by the launcher's bridgeServer). */
interface ViewportRequest {
  action: 'viewport';
  width: number;
  height: number;
}

/** Drags an element with the page's mouse (answered by the launcher's bridgeServer). */
interface DragRequest extends FrameFilter {
  action: 'drag';
  selector: string;
  dx: number;
  dy: number;
}
export interface BridgeOptions extends FrameFilter {
  /** How long to wait for the launcher's answer (default 15 s). */
  timeoutMs?: number;
}

export function bridgeAvailable(): boolean {
  const dir = process.env[BRIDGE_DIR_ENV];
  return !!dir && fs.existsSync(dir);
}

/** Sends one request and waits for the launcher's answer file. */
async function request<T>(req: BridgeRequest | ViewportRequest | DragRequest, timeoutMs = 15_000): Promise<T> {
  const dir = process.env[BRIDGE_DIR_ENV];
  if (!dir || !fs.existsSync(dir)) {
    throw new Error(`webview bridge needs the offline launcher (node out/test/extension/launchers/offline.js): ${BRIDGE_DIR_ENV} is not set`);
  }
  const id = randomUUID();
  const answer = path.join(dir, `${id}.json`);
  console.log(BRIDGE_PREFIX + JSON.stringify({ id, ...req }));
  const deadline = Date.now() + timeoutMs;
  while (!fs.existsSync(answer)) {
    if (Date.now() > deadline) {
      throw new Error(`webview bridge: no answer to ${req.action} ${JSON.stringify(req)} within ${timeoutMs} ms`);
    }
    await new Promise((r) => setTimeout(r, 50));
  }
  const response = JSON.parse(fs.readFileSync(answer, 'utf8')) as BridgeResponse;
  fs.rmSync(answer, { force: true });
  if (!response.ok) throw new Error(`webview bridge: ${req.action} failed: ${response.error}`);
  return response.result as T;
}

const filterOf = (o: BridgeOptions = {}): FrameFilter => ({ frameUrl: o.frameUrl, title: o.title });

/** Count, trimmed textContent and (optionally) attributes of the elements matching `selector`. */
export function queryWebview(selector: string, opts: BridgeOptions & { attributes?: string[] } = {}): Promise<QueryResult> {
  return request({ action: 'query', selector, attributes: opts.attributes, ...filterOf(opts) }, opts.timeoutMs);
}

/** Retries queryWebview until something matches (webviews load asynchronously). */
export async function waitForWebview(selector: string, timeoutMs = 20_000, opts: BridgeOptions = {}): Promise<QueryResult> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const result = await queryWebview(selector, opts);
    if (result.count > 0) return result;
    if (Date.now() > deadline) throw new Error(`webview bridge: no webview shows ${JSON.stringify(selector)} after ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 250));
  }
}

/** Clicks the first element matching `selector` in the webview that contains it. */
export async function clickInWebview(selector: string, opts: BridgeOptions = {}): Promise<void> {
  await request({ action: 'click', selector, ...filterOf(opts) }, opts.timeoutMs);
}

/**
 * Runs `fn(arg)` in the webview frame that contains `opts.selector` (default `body`: the
 * innermost frame) and returns its JSON-serialisable result. Pass the function as source text or
 * as a function (it is sent as its source, so it cannot close over test variables).
 */
export async function evaluateInWebview<T = unknown>(
  fn: string | ((arg: any) => T),
  arg?: unknown,
  opts: BridgeOptions & { selector?: string } = {},
): Promise<T> {
  const source = typeof fn === 'string' ? fn : fn.toString();
  const r = await request<{ value: T }>({ action: 'evaluate', selector: opts.selector ?? 'body', source, arg, ...filterOf(opts) }, opts.timeoutMs);
  return r.value;
}

/** Presses a key (playwright names: 'Enter', 'ArrowDown', 'Control+F'), on `selector` if given. */
export async function pressInWebview(key: string, opts: BridgeOptions & { selector?: string } = {}): Promise<void> {
  await request({ action: 'press', key, selector: opts.selector, ...filterOf(opts) }, opts.timeoutMs);
}

/** Types into whatever has the workbench's focus (a quick pick, an input box), then optionally presses a key. */
export async function typeInWorkbench(text: string, then?: string): Promise<void> {
  await request({ action: 'type', text });
  if (then) await request({ action: 'press', key: then });
}

/** Screenshot of the whole workbench page (relative paths are against the repo root). */
export async function screenshotPage(filePath: string, opts: BridgeOptions = {}): Promise<string> {
  const target = path.resolve(repoRoot, filePath);
  await request({ action: 'screenshot', path: target }, opts.timeoutMs ?? 30_000);
  return target;
}

/** Screenshot of the first element matching `selector` inside a webview. */
export async function screenshotWebview(selector: string, filePath: string, opts: BridgeOptions = {}): Promise<string> {
  const target = path.resolve(repoRoot, filePath);
  await request({ action: 'screenshot', path: target, selector, ...filterOf(opts) }, opts.timeoutMs ?? 30_000);
  return target;
}

/**
 * Resizes the browser page that renders the workbench (playwright's page.setViewportSize), so a
 * test can look at a view at 376 px or 2,560 px. Returns the page's new size. Tests that change it
 * put it back (e.g. 1280×800) in an `after` hook so later tests see the usual size.
 */
export async function setViewport(width: number, height: number): Promise<{ width: number; height: number }> {
  return request({ action: 'viewport', width, height });
}

/**
 * Resizes the page so the webview that contains `selector` is `width` CSS px wide (the workbench
 * around it — activity bar, side bar, other editor groups — keeps its width).
 */
export async function setWebviewWidth(selector: string, width: number, height = 900, opts: BridgeOptions = {}): Promise<number> {
  const inner = () => evaluateInWebview<number>('() => window.innerWidth', undefined, { ...opts, selector });
  let page = await setViewport(width + 400, height);
  for (let attempt = 0; attempt < 3; attempt++) {
    await new Promise((r) => setTimeout(r, 400)); // the workbench lays out again
    const now = await inner();
    if (now === width) return now;
    page = await setViewport(Math.max(200, page.width + (width - now)), height);
  }
  await new Promise((r) => setTimeout(r, 400));
  return inner();
}

/** Drags the first element matching `selector` in a webview by (dx, dy) CSS px with the real mouse (down, move, up). */
export async function dragInWebview(selector: string, dx: number, dy: number, opts: BridgeOptions = {}): Promise<void> {
  await request({ action: 'drag', selector, dx, dy, ...filterOf(opts) }, opts.timeoutMs);
}
