/**
 * Takes one heap snapshot with a progress notification: percent while V8 walks the heap, then MB
 * written, and a Cancel button that stops the transfer and keeps nothing.
 */
import * as vscode from 'vscode';
import type { SnapshotTarget } from './snapshotTarget';

export async function takeSnapshotWithProgress(target: SnapshotTarget, file: string, title: string): Promise<string> {
  const { captureHeapSnapshot } = await import('../../core/capture/heapSnapshot');
  return vscode.window.withProgress(
    { location: vscode.ProgressLocation.Notification, title, cancellable: true },
    async (progress, token) => {
      const abort = new AbortController();
      const onCancel = token.onCancellationRequested(() => abort.abort());
      let shown = 0;
      let written = 0;
      let lastReport = 0;
      try {
        const saved = await captureHeapSnapshot(target.session, {
          out: file,
          signal: abort.signal,
          onProgress: (done, total) => {
            // The walk is the first half of the bar, writing the file the second.
            const percent = total > 0 ? Math.floor((done / total) * 50) : 0;
            if (percent > shown) progress.report({ increment: percent - shown, message: `${percent * 2} % of the heap walked` });
            shown = Math.max(shown, percent);
          },
          onChunk: (chunk) => {
            written += chunk.length;
            const now = Date.now();
            if (now - lastReport < 250) return;
            lastReport = now;
            progress.report({ message: `${(written / 1e6).toFixed(0)} MB written` });
          },
        });
        return saved.file;
      } finally {
        onCancel.dispose();
      }
    },
  );
}
