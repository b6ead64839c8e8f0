/**
 * The page's one channel to the extension host. VS Code lets a page call `acquireVsCodeApi()`
 * once only, so it is called here and nowhere else; each page types what it may send.
 */
interface VsCodeApi {
  postMessage(message: unknown): void;
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
