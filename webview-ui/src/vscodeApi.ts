// The one channel to the extension host; typed by the shared protocol.
import type { WebviewMessage } from '../../src/protocol/messages';

interface VsCodeApi {
  postMessage(message: WebviewMessage): void;
}

declare function acquireVsCodeApi(): VsCodeApi;

const api = acquireVsCodeApi();

export function postToHost(message: WebviewMessage): void {
  api.postMessage(message);
}
