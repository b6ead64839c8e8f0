/**
 * Heap snapshots are shown by a read-only custom editor for .heapsnapshot files: snapshots the
 * user opens and the ones FlameLens takes all go through it, so one file has one view. The
 * snapshot lives in the heap worker only while its editor is open.
 */
import * as vscode from 'vscode';
import type { HeapClient } from '../../core/analysis/heapClient';
import { HeapSnapshotView } from './heapSnapshotView';

export class HeapSnapshotPanels implements vscode.CustomReadonlyEditorProvider, vscode.Disposable {
  static readonly editorViewType = 'flamelens.heapSnapshot';
  private readonly views = new Map<string, HeapSnapshotView>();

  constructor(
    private readonly heap: HeapClient,
    private readonly extensionUri: vscode.Uri,
  ) {}

  /** The view showing `file`, if one is open. */
  viewOf(file: string): HeapSnapshotView | undefined {
    return this.views.get(file);
  }

  openCustomDocument(uri: vscode.Uri): vscode.CustomDocument {
    return { uri, dispose: () => undefined };
  }

  resolveCustomEditor(document: vscode.CustomDocument, panel: vscode.WebviewPanel): void {
    const file = document.uri.fsPath;
    const view = new HeapSnapshotView(panel, this.heap, file, this.extensionUri);
    this.views.set(file, view);
    panel.onDidDispose(() => {
      view.dispose();
      if (this.views.get(file) === view) this.views.delete(file);
    });
  }

  dispose(): void {
    this.views.forEach((view) => view.dispose());
    this.views.clear();
  }
}
