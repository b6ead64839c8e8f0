/**
 * The one read-only custom editor: a file of one kind shown by one view. Files the user opens,
 * files FlameLens saves and the API all go through it, so one file has one view, and the view
 * lives exactly as long as its editor.
 */
import * as vscode from 'vscode';

/** How an editor kind shows a file: its view type (package.json's) and the view it creates. */
export interface EditorKind<View extends vscode.Disposable> {
  readonly viewType: string;
  /** Creates the view showing `file` in `panel`. */
  create(panel: vscode.WebviewPanel, file: string): View;
}

export class ReadonlyEditor<View extends vscode.Disposable> implements vscode.CustomReadonlyEditorProvider, vscode.Disposable {
  /** Each open view and the file it shows. */
  private readonly views = new Map<View, string>();
  /** Files FlameLens is opening itself (after a recording, from a command or the API). */
  private readonly openingOurselves = new Set<string>();
  private readonly opened = new vscode.EventEmitter<{ file: string; byUser: boolean }>();
  /** A view opened `file`; `byUser` when the user opened it (a double-click, Reopen With), not FlameLens. */
  readonly onDidOpen = this.opened.event;

  constructor(private readonly kind: EditorKind<View>) {}

  get viewType(): string {
    return this.kind.viewType;
  }

  /** The view showing `file`, if one is open. */
  viewOf(file: string): View | undefined {
    let found: View | undefined;
    for (const [view, shown] of this.views) if (shown === file) found = view;
    return found;
  }

  /** Opens `file` in this editor (where `options` say; by default the active group). */
  async open(file: string, options?: vscode.TextDocumentShowOptions): Promise<void> {
    this.openingOurselves.add(file);
    try {
      await vscode.commands.executeCommand('vscode.openWith', vscode.Uri.file(file), this.kind.viewType, ...(options ? [options] : []));
    } finally {
      this.openingOurselves.delete(file);
    }
  }

  openCustomDocument(uri: vscode.Uri): vscode.CustomDocument {
    return { uri, dispose: () => undefined };
  }

  resolveCustomEditor(document: vscode.CustomDocument, panel: vscode.WebviewPanel): void {
    const view = this.kind.create(panel, document.uri.fsPath);
    this.views.set(view, document.uri.fsPath);
    this.opened.fire({ file: document.uri.fsPath, byUser: !this.openingOurselves.has(document.uri.fsPath) });
    panel.onDidDispose(() => {
      view.dispose();
      this.views.delete(view);
    });
  }

  /** Registers this editor with VS Code; views keep their state while hidden. */
  register(): vscode.Disposable {
    return vscode.window.registerCustomEditorProvider(this.kind.viewType, this, {
      webviewOptions: { retainContextWhenHidden: true },
      supportsMultipleEditorsPerDocument: false,
    });
  }

  dispose(): void {
    this.views.forEach((_file, view) => view.dispose());
    this.views.clear();
    this.opened.dispose();
  }
}
