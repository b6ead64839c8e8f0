/**
 * Bytes allocated, at the end of each allocating function's first line ("12.3 MB allocated ·
 * 41.0 %"): the sampling heap profiler records the allocating function, not the line.
 */
import * as vscode from 'vscode';
import { formatBytes, formatPercent } from '../../format';
import type { FileAllocationsDto } from '../../protocol/allocation/views';

export class AllocationDecorations implements vscode.Disposable {
  private readonly figureType = vscode.window.createTextEditorDecorationType({
    after: { margin: '0 0 0 2em', color: new vscode.ThemeColor('editorCodeLens.foreground'), fontStyle: 'italic' },
    rangeBehavior: vscode.DecorationRangeBehavior.ClosedClosed,
  });

  /** Paints `allocations` on the editor (or clears it when undefined). */
  apply(editor: vscode.TextEditor, allocations: FileAllocationsDto | undefined, minPct: number): void {
    const figures: vscode.DecorationOptions[] = [];
    for (const line of allocations?.lines ?? []) {
      if (line.line < 1 || line.line > editor.document.lineCount || line.selfPct < minPct) continue;
      const range = editor.document.lineAt(line.line - 1).range;
      figures.push({
        range,
        renderOptions: { after: { contentText: `${formatBytes(line.selfBytes)} allocated · ${formatPercent(line.selfPct)}` } },
        hoverMessage: 'Bytes allocated by the function that starts on this line (FlameLens allocation profile; V8 samples functions, not lines).',
      });
    }
    editor.setDecorations(this.figureType, figures);
  }

  dispose(): void {
    this.figureType.dispose();
  }
}
