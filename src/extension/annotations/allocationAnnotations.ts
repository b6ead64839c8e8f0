/**
 * Allocation annotations in every visible editor, following the most recently opened allocation
 * profile: bytes allocated at the end of each allocating function's line and a CodeLens above
 * it. They honour `flamelens.annotations.enabled` and `.threshold` like the CPU annotations.
 */
import * as vscode from 'vscode';
import type { FileAllocationsDto } from '../../protocol/allocation/views';
import { settings } from '../settings';
import { AllocationDecorations } from './allocationDecorations';
import { AllocationLenses, type AllocationSource } from './allocationLenses';

/** An opened allocation profile, per source file (computed by the allocation view). */
export interface OpenedAllocations {
  readonly file: string;
  readonly byFile: ReadonlyMap<string, FileAllocationsDto>;
}

export class AllocationAnnotations implements vscode.Disposable, AllocationSource {
  private latest: OpenedAllocations | undefined;
  private readonly decorations = new AllocationDecorations();
  private readonly lenses = new AllocationLenses(this);
  private readonly disposables: vscode.Disposable[] = [];

  constructor() {
    this.disposables.push(
      this.decorations,
      vscode.languages.registerCodeLensProvider([{ scheme: 'file' }], this.lenses),
      vscode.window.onDidChangeVisibleTextEditors(() => this.paintAll()),
      vscode.workspace.onDidChangeConfiguration((event) => {
        if (event.affectsConfiguration('flamelens.annotations')) this.refresh();
      }),
    );
  }

  get file(): string | undefined {
    return this.latest?.file;
  }

  get enabled(): boolean {
    return settings.annotationsEnabled();
  }

  get minPct(): number {
    return settings.annotationThresholdPct();
  }

  allocationsOf(file: string): FileAllocationsDto | undefined {
    return this.latest?.byFile.get(file);
  }

  /** Annotations follow this profile from now on. */
  show(opened: OpenedAllocations): void {
    this.latest = opened;
    this.refresh();
  }

  dispose(): void {
    this.disposables.forEach((d) => d.dispose());
  }

  private refresh(): void {
    this.lenses.refresh();
    this.paintAll();
  }

  private paintAll(): void {
    for (const editor of vscode.window.visibleTextEditors) {
      const allocations = this.enabled && editor.document.uri.scheme === 'file' ? this.allocationsOf(editor.document.uri.fsPath) : undefined;
      this.decorations.apply(editor, allocations, this.minPct);
    }
  }
}
