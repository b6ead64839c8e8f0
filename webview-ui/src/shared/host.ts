/**
 * The page's one channel to the extension host. VS Code lets a page call `acquireVsCodeApi()`
 * once only, so it is called here and nowhere else; each page types what it may send.
 */
interface VsCodeApi {
  postMessage(message: unknown): void;
  getState(): unknown;
  setState(state: unknown): void;
}

declare function acquireVsCodeApi(): VsCodeApi;

export interface HostChannel<Out extends { readonly type: string }> {
  post(message: Out): void;
}

let api: VsCodeApi | undefined;

export function hostChannel<Out extends { readonly type: string }>(): HostChannel<Out> {
  api ??= acquireVsCodeApi();
  const vscode = api;
  return { post: (message) => vscode.postMessage(message) };
}

/**
 * What the page keeps while its tab is hidden or moved (VS Code's getState/setState), such as
 * where the user put a splitter. Each key is one setting; `set` keeps the others.
 */
export function pageState(): { get(key: string): unknown; set(key: string, value: unknown): void } {
  api ??= acquireVsCodeApi();
  const vscode = api;
  const all = (): Record<string, unknown> => {
    const state = vscode.getState();
    return state && typeof state === 'object' ? (state as Record<string, unknown>) : {};
  };
  return { get: (key) => all()[key], set: (key, value) => vscode.setState({ ...all(), [key]: value }) };
}
