/**
 * Allocation profiles are shown by a read-only custom editor for `*.heapprofile` files (recorded
 * by FlameLens, `node --heap-prof` or Chrome DevTools); opening one also points the editor
 * annotations at it.
 */
import * as vscode from 'vscode';
import type { AllocationAnnotations } from '../annotations/allocationAnnotations';
import { AllocationView } from './allocationView';

export class AllocationPanels implements vscode.CustomReadonlyEditorProvider, vscode.Disposable {
  static readonly editorViewType = 'flamelens.heapProfile';
  private readonly views = new Set<AllocationView>();

  constructor(
    private readonly extensionUri: vscode.Uri,
    private readonly annotations: AllocationAnnotations,
  ) {}

  openCustomDocument(uri: vscode.Uri): vscode.CustomDocument {
    return { uri, dispose: () => undefined };
  }

  resolveCustomEditor(document: vscode.CustomDocument, panel: vscode.WebviewPanel): void {
    const view = new AllocationView(panel, document.uri.fsPath, this.extensionUri, (opened) => this.annotations.show(opened));
    this.views.add(view);
    panel.onDidDispose(() => {
      view.dispose();
      this.views.delete(view);
    });
  }

  /** Opens a saved allocation profile beside the active editor. */
  async open(file: string, viewColumn: vscode.ViewColumn = vscode.ViewColumn.Beside): Promise<void> {
    await vscode.commands.executeCommand('vscode.openWith', vscode.Uri.file(file), AllocationPanels.editorViewType, { viewColumn, preserveFocus: true });
  }

  dispose(): void {
    this.views.forEach((view) => view.dispose());
    this.views.clear();
  }
}
