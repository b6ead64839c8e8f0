/**
 * The webview bridge's wire format, shared by the extension-host side (suite/webviewBridge.ts)
 * and the launcher side (launchers/bridgeServer.ts).
 *
 * Why a bridge: the extension host cannot see inside webviews, but the offline launcher drives
 * the browser that renders them. A test prints one request line through console.log (it reaches
 * the launcher via the workbench's codeAutomationLog); the launcher performs it with playwright
 * and answers by writing `<bridgeDir>/<id>.json`, which the test polls for.
 */

/** Prefix of a request line in the extension host's console output. */
export const BRIDGE_PREFIX = '[flamelens-bridge] ';
/** Env var of code-server's process (inherited by the extension host): where answers go. */
export const BRIDGE_DIR_ENV = 'FLAMELENS_BRIDGE_DIR';

/** Which frame to act in: the innermost frame whose document has `selector` (and matches the filters). */
export interface FrameFilter {
  /** Only frames whose URL contains this text. */
  frameUrl?: string;
  /** Only frames whose document.title contains this text. */
  title?: string;
}

export type BridgeRequest =
  | ({ action: 'query'; selector: string; attributes?: string[] } & FrameFilter)
  | ({ action: 'click'; selector: string } & FrameFilter)
  | ({ action: 'evaluate'; selector: string; source: string; arg?: unknown } & FrameFilter)
  | ({ action: 'press'; key: string; selector?: string } & FrameFilter)
  /** Types text with the page keyboard, into whatever has the focus (e.g. a quick pick). */
  | { action: 'type'; text: string }
  | ({ action: 'screenshot'; path: string; selector?: string } & FrameFilter);

export type BridgeRequestLine = BridgeRequest & { id: string };

export interface QueryResult {
  count: number;
  texts: string[];
  attributes?: Array<Record<string, string | null>>;
  /** URL of the frame that answered, handy in failure messages. */
  frameUrl?: string;
}

export type BridgeResponse = { id: string; ok: true; result: unknown } | { id: string; ok: false; error: string };
