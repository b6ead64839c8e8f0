/**
 * The heap comparison panel: opens two or three snapshots of one process in the heap worker
 * (showing progress), compares them, and shows what grew — the leak-ranked growth with each
 * row's retainer path, and the plain per-constructor deltas. The snapshots are closed again as
 * soon as the comparison is computed; the panel keeps only the result.
 */
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { HeapClient, OpenHeapSnapshot } from '../../core/analysis/heapClient';
import { FlameLensError } from '../../core/errors';
import { heapComparisonRequests, type HeapComparisonHostMessage, type HeapComparisonRequest } from '../../protocol/heap/messages';
import type { HeapComparisonDto, HeapDiffDto } from '../../protocol/heap/views';
import { WebviewPanels } from '../contributions';
import { parseRetainerLine } from './retainerLines';
import { WebviewChannel, type ViewPage } from '../panels/webviewPage';
import { phaseLabel, throttledProgress } from './openProgress';

const heapComparisonPage: ViewPage<HeapComparisonHostMessage, HeapComparisonRequest> = {
  page: { script: 'heapComparison.js', styles: ['base.css', 'heap.css'], title: 'FlameLens heap comparison', loading: 'Opening…' },
  requests: heapComparisonRequests,
  failure: (message) => ({ type: 'heap/failed', message }),
};

/** What the view needs from the extension. */
export interface HeapViewDeps {
  readonly extensionUri: vscode.Uri;
  readonly heap: HeapClient;
}

/** Opens a comparison of `files` (baseline first) in a new panel; await `view.ready` for the result. */
export async function showHeapComparison(deps: HeapViewDeps, files: readonly string[]): Promise<HeapComparisonView> {
  if (files.length < 2 || files.length > 3) {
    throw new FlameLensError(
      'bad-input',
      'Pick two or three heap snapshots of one process to compare: a baseline, one after load and optionally one after more load.',
    );
  }
  const panel = vscode.window.createWebviewPanel(
    HeapComparisonView.viewType,
    // Short: the page's header names the files (three long names do not fit a tab).
    `Heap comparison · ${files.length} snapshots`,
    { viewColumn: vscode.ViewColumn.Active, preserveFocus: false },
    {
      enableScripts: true,
      retainContextWhenHidden: true,
      localResourceRoots: [vscode.Uri.joinPath(deps.extensionUri, 'dist'), vscode.Uri.joinPath(deps.extensionUri, 'media', 'webview')],
    },
  );
  return new HeapComparisonView(panel, deps, files);
}

export class HeapComparisonView implements vscode.Disposable {
  static readonly viewType = WebviewPanels.heapComparison;
  /**
   * Resolves with the comparison once the page has drawn it; rejects with the FlameLensError the
   * page shows (or a cancellation when the panel is closed first).
   */
  readonly ready: Promise<HeapDiffDto>;
  private readonly channel: WebviewChannel<HeapComparisonHostMessage, HeapComparisonRequest>;
  private readonly opened: OpenHeapSnapshot[] = [];
  private disposed = false;
  private closedEarly!: (error: Error) => void;

  constructor(
    readonly panel: vscode.WebviewPanel,
    private readonly deps: HeapViewDeps,
    readonly files: readonly string[],
  ) {
    this.channel = new WebviewChannel(panel, deps.extensionUri, heapComparisonPage);
    const rendered = new Promise<void>((resolve, reject) => {
      this.channel.onDidRender(() => resolve());
      this.closedEarly = reject;
    });
    this.ready = this.load().then(async (diff) => {
      await rendered;
      return diff;
    });
    this.ready.catch(() => undefined); // shown in the view; callers may still await it
    panel.onDidDispose(() => this.dispose());
  }

  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    this.closedEarly(new FlameLensError('cancelled', 'The heap comparison was closed before it was shown.'));
    this.closeSnapshots();
    this.channel.dispose();
  }

  private async load(): Promise<HeapDiffDto> {
    const { files } = this;
    const steps = files.length + 0.25; // the comparison itself weighs a quarter of a snapshot
    try {
      for (const [index, file] of files.entries()) {
        const name = `snapshot ${index + 1} of ${files.length} (${path.basename(file)})`;
        const report = throttledProgress((fraction, phase) =>
          this.channel.post({ type: 'heap/progress', fraction: (index + fraction) / steps, phase: `${phaseLabel(phase)}: ${name}` }),
        );
        report(0, 'reading');
        const snapshot = await this.deps.heap.open(file, report);
        this.opened.push(snapshot);
        if (this.disposed) throw new FlameLensError('cancelled', 'The heap comparison was closed before it was shown.');
      }
      this.channel.post({ type: 'heap/progress', fraction: files.length / steps, phase: 'Comparing the snapshots' });
      const diff = await this.deps.heap.compare(this.opened);
      this.closeSnapshots();
      const comparison: HeapComparisonDto = { diff, paths: diff.growth.map((row) => row.retainerPath.map(parseRetainerLine)) };
      diff.growth.forEach((row) => this.channel.remember(row.location));
      comparison.paths.flat().forEach((line) => this.channel.remember(line.location));
      this.channel.post({ type: 'comparison/loaded', comparison });
      return diff;
    } catch (error) {
      this.closeSnapshots();
      if (!this.disposed) this.channel.fail(error);
      throw error;
    }
  }

  private closeSnapshots(): void {
    this.opened.splice(0).forEach((snapshot) => snapshot.dispose());
  }
}
