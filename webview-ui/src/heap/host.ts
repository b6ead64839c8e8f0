// The heap page's one channel to the extension host, typed by the heap protocol.
import type { HeapWebviewMessage } from '../../../src/protocol/heapMessages';

interface VsCodeApi {
  postMessage(message: HeapWebviewMessage): void;
}

declare function acquireVsCodeApi(): VsCodeApi;

const api = acquireVsCodeApi();

export function postToHost(message: HeapWebviewMessage): void {
  api.postMessage(message);
}
