// The memory pages' one channel to the extension host, typed by the memory protocol.
import type { MemoryWebviewMessage } from '../../../src/protocol/memoryMessages';

interface VsCodeApi {
  postMessage(message: MemoryWebviewMessage): void;
}

declare function acquireVsCodeApi(): VsCodeApi;

const api = acquireVsCodeApi();

export function postToHost(message: MemoryWebviewMessage): void {
  api.postMessage(message);
}
