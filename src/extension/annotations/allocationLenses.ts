/** A CodeLens above each allocating function: bytes it allocated itself and with its callees; clicking opens the allocation profile. */
import * as vscode from 'vscode';
import { formatBytes, formatPercent } from '../../format';
import { CustomEditors } from '../contributions';
import type { FileAllocationsDto } from '../../protocol/allocation/views';

export interface AllocationSource {
  /** The profile the annotations follow. */
  readonly file: string | undefined;
  allocationsOf(file: string): FileAllocationsDto | undefined;
  readonly minPct: number;
  readonly enabled: boolean;
}

export class AllocationLenses implements vscode.CodeLensProvider {
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChangeCodeLenses = this.changed.event;

  constructor(private readonly source: AllocationSource) {}

  refresh(): void {
    this.changed.fire();
  }

  provideCodeLenses(document: vscode.TextDocument): vscode.CodeLens[] {
    const profile = this.source.file;
    if (!this.source.enabled || !profile) return [];
    const allocations = this.source.allocationsOf(document.uri.fsPath);
    return (allocations?.functions ?? [])
      .filter((f) => f.location && f.location.line >= 1 && f.location.line <= document.lineCount && f.totalPct >= this.source.minPct)
      .map((f) => {
        const range = document.lineAt(f.location!.line - 1).range;
        return new vscode.CodeLens(range, {
          title: `$(database) ${f.name}: ${formatBytes(f.selfBytes)} allocated (${formatPercent(f.selfPct)}) · ${formatBytes(f.totalBytes)} with callees`,
          tooltip: 'Open the FlameLens allocation profile',
          command: 'vscode.openWith',
          arguments: [vscode.Uri.file(profile), CustomEditors.allocation.viewType],
        });
      });
  }
}
