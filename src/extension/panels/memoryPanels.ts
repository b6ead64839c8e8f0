/**
 * Memory timelines are shown by a read-only custom editor for `*.memory.json` files, and — while
 * a recording with memory runs — by a live panel beside the editor. When the recording is saved,
 * its `.memory.json` opens where the live panel was and the live panel closes.
 */
import * as vscode from 'vscode';
import type { LiveMemory } from '../recording/liveMemory';
import { MemoryTimelineView } from './memoryView';

export class MemoryPanels implements vscode.CustomReadonlyEditorProvider, vscode.Disposable {
  static readonly editorViewType = 'flamelens.memoryTimeline';
  static readonly liveViewType = 'flamelens.liveMemory';
  private readonly views = new Set<MemoryTimelineView>();
  private livePanel: vscode.WebviewPanel | undefined;

  constructor(private readonly extensionUri: vscode.Uri) {}

  openCustomDocument(uri: vscode.Uri): vscode.CustomDocument {
    return { uri, dispose: () => undefined };
  }

  resolveCustomEditor(document: vscode.CustomDocument, panel: vscode.WebviewPanel): void {
    this.track(new MemoryTimelineView(panel, { kind: 'file', file: document.uri.fsPath }, this.extensionUri));
  }

  /** Opens the live memory panel of a recording that just started. */
  showLive(live: LiveMemory): void {
    this.livePanel?.dispose();
    const panel = vscode.window.createWebviewPanel(
      MemoryPanels.liveViewType,
      `Memory · ${live.label}`,
      { viewColumn: vscode.ViewColumn.Beside, preserveFocus: true },
      { retainContextWhenHidden: true },
    );
    panel.iconPath = vscode.Uri.joinPath(this.extensionUri, 'media', 'flamelens.svg');
    this.livePanel = panel;
    panel.onDidDispose(() => {
      if (this.livePanel === panel) this.livePanel = undefined;
    });
    this.track(new MemoryTimelineView(panel, { kind: 'live', live }, this.extensionUri));
  }

  /** Opens a saved timeline, in place of the live panel when there is one. */
  async openSaved(file: string): Promise<void> {
    const live = this.livePanel;
    const viewColumn = live?.viewColumn ?? vscode.ViewColumn.Beside;
    await vscode.commands.executeCommand('vscode.openWith', vscode.Uri.file(file), MemoryPanels.editorViewType, { viewColumn, preserveFocus: true });
    live?.dispose();
  }

  dispose(): void {
    this.views.forEach((view) => view.dispose());
    this.views.clear();
    this.livePanel?.dispose();
  }

  private track(view: MemoryTimelineView): void {
    this.views.add(view);
    view.panel.onDidDispose(() => {
      view.dispose();
      this.views.delete(view);
    });
  }
}
