/**
 * What the memory timeline view and the allocation profile view share: the memory page (served
 * by `WebviewChannel`, which queues posts until `webview/ready` and opens only files it has
 * shown), validated by the memory messages' own parser; a live timeline keeps only its newest
 * post while the page is not ready.
 */
import * as vscode from 'vscode';
import { parseMemoryWebviewMessage, type MemoryHostMessage, type MemoryWebviewMessage } from '../../protocol/memoryMessages';
import { WebviewChannel, type PageRequest } from './webviewPage';

export type MemoryPage = 'timeline' | 'allocations';

/** Messages the channel does not answer itself. */
export type MemoryRequest = PageRequest<MemoryWebviewMessage>;

export class MemoryWebview extends WebviewChannel<MemoryHostMessage, MemoryWebviewMessage> {
  constructor(panel: vscode.WebviewPanel, extensionUri: vscode.Uri, page: MemoryPage, onRequest: (message: MemoryRequest) => Promise<void>) {
    super(panel, extensionUri, {
      page: {
        script: 'memoryWebview.js',
        styles: ['panel.css', 'memory.css'],
        title: page === 'timeline' ? 'FlameLens memory timeline' : 'FlameLens allocation profile',
        loading: page === 'timeline' ? 'Reading the memory timeline…' : 'Reading the allocation profile…',
        appAttributes: { 'data-page': page },
      },
      parse: parseMemoryWebviewMessage,
      onRequest,
      failure: (message) => ({ type: 'memory/failed', message }),
      // Each timeline post carries the whole session: an older one waiting in the queue is stale.
      replaces: (waiting, next) => next.type === 'memory/timeline' && waiting.type === 'memory/timeline',
    });
  }
}
