/**
 * Takes one heap snapshot with a progress notification: percent while V8 walks the heap, then MB
 * written, and a Cancel button that stops the transfer and keeps nothing.
 */
import * as vscode from 'vscode';
import type { SnapshotTarget } from './snapshotTarget';

export async function takeSnapshotWithProgress(target: SnapshotTarget, file: string, title: string): Promise<string> {
  const { captureHeapSnapshot, estimateSnapshotBytes } = await import('../../core/capture/heapSnapshot');
  const expected = await estimateSnapshotBytes(target.session);
  return vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title, cancellable: true }, async (progress, token) => {
    const abort = new AbortController();
    const onCancel = token.onCancellationRequested(() => abort.abort());
    let shown = 0;
    let written = 0;
    let lastReport = 0;
    try {
      const saved = await captureHeapSnapshot(target.session, {
        out: file,
        signal: abort.signal,
        // Progress from bytes written against an estimate: V8's own progress makes it walk
        // the heap twice. The bar stops short of the end until the file is complete.
        onChunk: (chunk) => {
          written += chunk.length;
          const now = Date.now();
          if (now - lastReport < 250) return;
          lastReport = now;
          const percent = expected ? Math.min(95, Math.floor((written / expected) * 100)) : 0;
          progress.report({ increment: Math.max(0, percent - shown), message: `${(written / 1e6).toFixed(0)} MB written` });
          shown = Math.max(shown, percent);
        },
      });
      return saved.file;
    } finally {
      onCancel.dispose();
    }
  });
}
