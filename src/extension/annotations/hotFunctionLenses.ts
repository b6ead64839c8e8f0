/**
 * A CodeLens above each hot function: its self and total time, and its hottest line's figure (in a
 * split editor the figure at the end of that line is often off-screen); clicking finds it in the flamegraph.
 */
import * as vscode from 'vscode';
import type { ProfileLibrary } from '../profile/profileLibrary';
import { functionFigures, hottestLineOf, lineFigure } from './hotFigures';
import { Commands } from '../contributions';

export class HotFunctionLenses implements vscode.CodeLensProvider {
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChangeCodeLenses = this.changed.event;

  constructor(
    private readonly library: ProfileLibrary,
    private readonly enabled: () => boolean,
  ) {
    library.onDidChange(() => this.changed.fire());
  }

  refresh(): void {
    this.changed.fire();
  }

  provideCodeLenses(document: vscode.TextDocument): vscode.CodeLens[] {
    if (!this.enabled()) return [];
    const heat = this.library.heatOf(document.uri.fsPath);
    if (!heat) return [];
    return heat.functions
      .filter((f) => f.location && f.location.line >= 1 && f.location.line <= document.lineCount)
      .map((f) => {
        const range = document.lineAt(f.location!.line - 1).range;
        const hottest = hottestLineOf(heat, f);
        return new vscode.CodeLens(range, {
          title: `$(flame) ${f.name}: ${functionFigures(f)}${hottest ? ` · hottest ${lineFigure(hottest)}` : ''}`,
          tooltip: 'Show this function in the FlameLens flamegraph',
          command: Commands.showFunction,
          arguments: [f.name],
        });
      });
  }
}
