/**
 * What the heap snapshot editor and the heap comparison panel share: the heap page (served by
 * `WebviewChannel`, which queues posts until `webview/ready` and opens only files it has shown),
 * validated by the heap messages' own parser, and the progress a big snapshot reports.
 */
import * as vscode from 'vscode';
import { parseHeapWebviewMessage, type HeapHostMessage, type HeapWebviewMessage } from '../../protocol/heapMessages';
import { WebviewChannel, type PageRequest } from './webviewPage';

export type HeapPage = 'snapshot' | 'comparison';

/** Messages the channel does not answer itself. */
export type HeapRequest = PageRequest<HeapWebviewMessage>;

export class HeapWebview extends WebviewChannel<HeapHostMessage, HeapWebviewMessage> {
  constructor(panel: vscode.WebviewPanel, extensionUri: vscode.Uri, page: HeapPage, onRequest: (message: HeapRequest) => Promise<void>) {
    super(panel, extensionUri, {
      page: {
        script: 'heapWebview.js',
        styles: ['heap.css'],
        title: page === 'snapshot' ? 'FlameLens heap snapshot' : 'FlameLens heap comparison',
        loading: 'Opening…',
        bodyAttributes: { 'data-page': page },
      },
      parse: parseHeapWebviewMessage,
      onRequest,
      failure: (message) => ({ type: 'heap/failed', message }),
    });
  }
}

/**
 * Turns the worker's many progress reports into a few posts (every 100 ms, and on each new
 * phase), so a big snapshot does not flood the webview.
 */
export function throttledProgress(post: (fraction: number, phase: string) => void): (fraction: number, phase: string) => void {
  let lastAt = 0;
  let lastPhase = '';
  return (fraction, phase) => {
    const now = Date.now();
    if (phase === lastPhase && now - lastAt < 100) return;
    lastAt = now;
    lastPhase = phase;
    post(fraction, phase);
  };
}

/** The engine's phase names, in the user's words. */
export function phaseLabel(phase: string): string {
  switch (phase) {
    case 'reading':
      return 'Reading the snapshot';
    case 'retainers':
      return 'Finding what holds each object';
    case 'dominators':
      return 'Computing retained sizes';
    case 'classes':
      return 'Grouping objects by constructor';
    default:
      return phase;
  }
}
