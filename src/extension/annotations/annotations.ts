/**
 * Hot-path annotations in every visible editor, following the most recently opened profile:
 * heat decorations, CodeLens and hover. Toggled by command; the setting gives the default.
 */
import * as vscode from 'vscode';
import type { ProfileLibrary } from '../profile/profileLibrary';
import { settings } from '../settings';
import { HeatDecorations } from './heatDecorations';
import { HotFunctionLenses } from './hotFunctionLenses';
import { HotLineHover } from './hotLineHover';

export class Annotations implements vscode.Disposable {
  private enabled = settings.annotationsEnabled();
  private readonly decorations: HeatDecorations;
  private readonly lenses: HotFunctionLenses;
  private readonly disposables: vscode.Disposable[] = [];

  constructor(
    private readonly library: ProfileLibrary,
    extensionUri: vscode.Uri,
  ) {
    this.decorations = new HeatDecorations(extensionUri);
    this.lenses = new HotFunctionLenses(library, () => this.enabled);
    const files = [{ scheme: 'file' }];
    this.disposables.push(
      this.decorations,
      vscode.languages.registerCodeLensProvider(files, this.lenses),
      vscode.languages.registerHoverProvider(files, new HotLineHover(library, () => this.enabled)),
      library.onDidChange(() => this.paintAll()),
      vscode.window.onDidChangeVisibleTextEditors(() => this.paintAll()),
      vscode.workspace.onDidChangeConfiguration((event) => {
        if (event.affectsConfiguration('flamelens.annotations.enabled')) this.setEnabled(settings.annotationsEnabled());
        if (event.affectsConfiguration('flamelens.annotations.threshold')) void library.refreshHeat();
      }),
    );
  }

  get isEnabled(): boolean {
    return this.enabled;
  }

  toggle(): boolean {
    this.setEnabled(!this.enabled);
    return this.enabled;
  }

  /** The lines annotated now in `file` (empty when annotations are off). */
  hotLines(file: string): Array<{ line: number; selfMs: number; selfPct: number }> {
    if (!this.enabled) return [];
    return (this.library.heatOf(file)?.lines ?? []).map(({ line, selfMs, selfPct }) => ({ line, selfMs, selfPct }));
  }

  dispose(): void {
    this.disposables.forEach((d) => d.dispose());
  }

  private setEnabled(enabled: boolean): void {
    this.enabled = enabled;
    this.lenses.refresh();
    this.paintAll();
  }

  private paintAll(): void {
    const maxSelfMs = this.library.maxLineSelfMs();
    for (const editor of vscode.window.visibleTextEditors) {
      const heat = this.enabled && editor.document.uri.scheme === 'file' ? this.library.heatOf(editor.document.uri.fsPath) : undefined;
      this.decorations.apply(editor, heat, maxSelfMs);
    }
  }
}
