/**
 * Profiles are shown by a read-only custom editor for .cpuprofile files: recorded profiles,
 * files opened by the user and the API all go through it, so one profile has one view.
 */
import * as vscode from 'vscode';
import type { ProfileLibrary } from '../profileLibrary';
import { ProfileView } from './profileView';

export class ProfilePanels implements vscode.CustomReadonlyEditorProvider, vscode.Disposable {
  static readonly editorViewType = 'flamelens.cpuProfile';
  private readonly views = new Map<string, ProfileView>();

  constructor(
    private readonly library: ProfileLibrary,
    private readonly extensionUri: vscode.Uri,
  ) {}

  /** The view showing `file`, if one is open. */
  viewOf(file: string): ProfileView | undefined {
    return this.views.get(file);
  }

  openCustomDocument(uri: vscode.Uri): vscode.CustomDocument {
    return { uri, dispose: () => undefined };
  }

  resolveCustomEditor(document: vscode.CustomDocument, panel: vscode.WebviewPanel): void {
    this.bind(document.uri.fsPath, panel);
  }

  dispose(): void {
    this.views.forEach((view) => view.dispose());
    this.views.clear();
  }

  private bind(file: string, panel: vscode.WebviewPanel): ProfileView {
    const view = new ProfileView(panel, this.library.openProfile(file), this.extensionUri);
    this.views.set(file, view);
    panel.onDidDispose(() => {
      view.dispose();
      if (this.views.get(file) === view) this.views.delete(file);
    });
    return view;
  }
}
