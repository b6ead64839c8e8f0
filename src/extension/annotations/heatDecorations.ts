/**
 * Line heat in editors: a gutter mark and a background tint in five steps scaled by self time
 * (relative to the hottest line of the profile), and a short figure at the end of hot lines.
 * Colours are theme colours (`flamelens.heat1`…`5`), so themes and users can change them.
 */
import * as vscode from 'vscode';
import { formatDuration, formatPercent } from '../../format';
import type { FileHeatDto } from '../../protocol/profile/views';

const levels = 5;

export class HeatDecorations implements vscode.Disposable {
  private readonly heatTypes: vscode.TextEditorDecorationType[];
  private readonly figureType = vscode.window.createTextEditorDecorationType({
    after: { margin: '0 0 0 2em', color: new vscode.ThemeColor('editorCodeLens.foreground') },
    rangeBehavior: vscode.DecorationRangeBehavior.ClosedClosed,
  });

  constructor(extensionUri: vscode.Uri) {
    this.heatTypes = Array.from({ length: levels }, (_, i) =>
      vscode.window.createTextEditorDecorationType({
        isWholeLine: true,
        backgroundColor: new vscode.ThemeColor(`flamelens.heat${i + 1}`),
        overviewRulerColor: new vscode.ThemeColor(`flamelens.heat${i + 1}`),
        overviewRulerLane: vscode.OverviewRulerLane.Right,
        gutterIconPath: vscode.Uri.joinPath(extensionUri, 'media', 'annotations', `heat-${i + 1}.svg`),
        gutterIconSize: 'contain',
      }),
    );
  }

  /** Paints `heat` on the editor (or clears it when undefined). `maxSelfMs` is the hottest line of the profile. */
  apply(editor: vscode.TextEditor, heat: FileHeatDto | undefined, maxSelfMs: number): void {
    const byLevel: vscode.Range[][] = Array.from({ length: levels }, () => []);
    const figures: vscode.DecorationOptions[] = [];
    for (const line of heat?.lines ?? []) {
      if (line.line < 1 || line.line > editor.document.lineCount) continue;
      const range = editor.document.lineAt(line.line - 1).range;
      const level = Math.min(levels, Math.max(1, Math.ceil((line.selfMs / (maxSelfMs || 1)) * levels)));
      byLevel[level - 1].push(range);
      figures.push({ range, renderOptions: { after: { contentText: `${formatDuration(line.selfMs)} · ${formatPercent(line.selfPct)}` } } });
    }
    this.heatTypes.forEach((type, i) => editor.setDecorations(type, byLevel[i]));
    editor.setDecorations(this.figureType, figures);
  }

  dispose(): void {
    this.heatTypes.forEach((t) => t.dispose());
    this.figureType.dispose();
  }
}
