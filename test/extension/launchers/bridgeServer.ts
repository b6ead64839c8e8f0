/**
 * Launcher side of the webview bridge (protocol in ../shared/bridgeProtocol.ts): answers the
 * request lines that tests print in the extension host, using playwright on the page that
 * renders the webviews. Webviews are nested iframes, so a request names a selector and we act in
 * the innermost frame whose document contains it.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Frame, Page } from 'playwright-core';
import { BRIDGE_PREFIX, BridgeRequestLine, BridgeResponse, FrameFilter, QueryResult } from '../shared/bridgeProtocol';

const ACTION_TIMEOUT_MS = 10_000;

export class BridgeServer {
  /** Requests run one at a time, in the order the tests printed them. */
  private queue: Promise<void> = Promise.resolve();

  constructor(
    private readonly page: Page,
    private readonly bridgeDir: string,
  ) {}

  /** Returns true (and handles it) when a log line is a bridge request, so it is not printed. */
  handleLine(line: string): boolean {
    const at = line.indexOf(BRIDGE_PREFIX);
    if (at < 0) return false;
    let request: BridgeRequestLine;
    try {
      request = JSON.parse(line.slice(at + BRIDGE_PREFIX.length));
    } catch {
      console.error(`webview bridge: unreadable request line: ${line}`);
      return true;
    }
    if (!/^[\w-]+$/.test(String(request.id))) {
      console.error(`webview bridge: request without a usable id: ${line}`);
      return true;
    }
    this.queue = this.queue.then(() => this.answer(request));
    return true;
  }

  private async answer(request: BridgeRequestLine): Promise<void> {
    let response: BridgeResponse;
    try {
      response = { id: request.id, ok: true, result: await this.perform(request) };
    } catch (err) {
      response = { id: request.id, ok: false, error: err instanceof Error ? err.message : String(err) };
    }
    // Write then rename, so the polling test never reads half a file.
    const file = path.join(this.bridgeDir, `${request.id}.json`);
    fs.writeFileSync(`${file}.tmp`, JSON.stringify(response));
    fs.renameSync(`${file}.tmp`, file);
  }

  private async perform(r: BridgeRequestLine): Promise<unknown> {
    const viewport: unknown = r;
    if (isViewportRequest(viewport)) {
      // The whole workbench page: tests size it so a webview is e.g. 376 px or 2,560 px wide.
      await this.page.setViewportSize({ width: viewport.width, height: viewport.height });
      return this.page.viewportSize();
    }
    const drag: unknown = r;
    if (isDragRequest(drag)) {
      // A real pointer drag (down, move in steps, up) from the middle of the element, by (dx, dy) page px.
      const box = await (await this.requireFrame(drag.selector, drag)).locator(drag.selector).first().boundingBox({ timeout: ACTION_TIMEOUT_MS });
      if (!box) throw new Error(`${drag.selector} is not visible`);
      const [x, y] = [box.x + box.width / 2, box.y + box.height / 2];
      await this.page.mouse.move(x, y);
      await this.page.mouse.down();
      await this.page.mouse.move(x + drag.dx, y + drag.dy, { steps: 8 });
      await this.page.mouse.up();
      return { dragged: true };
    }
    switch (r.action) {
      case 'query': {
        const frame = await this.findFrame(r.selector, r);
        if (!frame) return { count: 0, texts: [] } satisfies QueryResult;
        const all = frame.locator(r.selector);
        const texts = await all.evaluateAll((els: any[]) => els.map((el) => (el.textContent ?? '').trim()));
        const result: QueryResult = { count: texts.length, texts, frameUrl: frame.url() };
        if (r.attributes?.length) {
          result.attributes = await all.evaluateAll(
            (els: any[], names: string[]) => els.map((el) => Object.fromEntries(names.map((n) => [n, el.getAttribute(n) as string | null]))),
            r.attributes,
          );
        }
        return result;
      }
      case 'click':
        await (await this.requireFrame(r.selector, r)).locator(r.selector).first().click({ timeout: ACTION_TIMEOUT_MS });
        return { clicked: true };
      case 'evaluate': {
        const frame = await this.requireFrame(r.selector, r);
        return { value: await frame.evaluate(`(${r.source})(${JSON.stringify(r.arg ?? null)})`) };
      }
      case 'press':
        if (r.selector) {
          await (await this.requireFrame(r.selector, r)).locator(r.selector).first().press(r.key, { timeout: ACTION_TIMEOUT_MS });
        } else {
          await this.page.keyboard.press(r.key);
        }
        return { pressed: r.key };
      case 'type':
        await this.page.keyboard.type(r.text, { delay: 20 });
        return { typed: r.text };
      case 'screenshot':
        fs.mkdirSync(path.dirname(r.path), { recursive: true });
        if (r.selector) {
          const frame = await this.requireFrame(r.selector, r);
          await frame.locator(r.selector).first().screenshot({ path: r.path, timeout: ACTION_TIMEOUT_MS });
        } else {
          await this.page.screenshot({ path: r.path });
        }
        return { path: r.path };
      default:
        throw new Error(`unknown action ${JSON.stringify((r as { action?: unknown }).action)}`);
    }
  }

  private async requireFrame(selector: string, filter: FrameFilter): Promise<Frame> {
    const frame = await this.findFrame(selector, filter);
    if (frame) return frame;
    const urls = this.page
      .frames()
      .map((f) => `  ${f.url().slice(0, 160)}`)
      .join('\n');
    throw new Error(`no webview frame contains ${JSON.stringify(selector)}${describe(filter)}; frames:\n${urls}`);
  }

  /** The innermost frame (not the workbench itself) that matches the filter and contains `selector`. */
  private async findFrame(selector: string, filter: FrameFilter): Promise<Frame | undefined> {
    let best: Frame | undefined;
    let bestDepth = -1;
    for (const frame of this.page.frames()) {
      if (frame === this.page.mainFrame() || frame.isDetached()) continue;
      if (filter.frameUrl && !frame.url().includes(filter.frameUrl)) continue;
      try {
        if (filter.title && !(await frame.title()).includes(filter.title)) continue;
        if ((await frame.locator(selector).count()) === 0) continue;
      } catch {
        continue; // the frame navigated or went away while we looked
      }
      const depth = depthOf(frame);
      if (depth > bestDepth) [best, bestDepth] = [frame, depth];
    }
    return best;
  }
}

/** Resizes the workbench page (not in bridgeProtocol's union yet: sent by webviewBridge's setViewport). */
export interface ViewportRequest {
  action: 'viewport';
  width: number;
  height: number;
}

function isViewportRequest(r: unknown): r is ViewportRequest {
  const v = r as Partial<ViewportRequest>;
  return v.action === 'viewport' && Number.isInteger(v.width) && Number.isInteger(v.height);
}

/** Drags an element of a webview with the page's mouse (sent by webviewBridge's dragInWebview). */
export interface DragRequest extends FrameFilter {
  action: 'drag';
  selector: string;
  dx: number;
  dy: number;
}

function isDragRequest(r: unknown): r is DragRequest {
  const v = r as Partial<DragRequest>;
  return v.action === 'drag' && typeof v.selector === 'string' && Number.isFinite(v.dx) && Number.isFinite(v.dy);
}

function depthOf(frame: Frame): number {
  let depth = 0;
  for (let f = frame.parentFrame(); f; f = f.parentFrame()) depth++;
  return depth;
}

function describe(filter: FrameFilter): string {
  const parts = [filter.frameUrl && `url~${filter.frameUrl}`, filter.title && `title~${filter.title}`].filter(Boolean);
  return parts.length ? ` (${parts.join(', ')})` : '';
}
