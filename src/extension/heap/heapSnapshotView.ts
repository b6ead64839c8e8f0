/**
 * Binds the heap page to one .heapsnapshot file: opens it in the heap worker (showing progress),
 * sends the per-constructor summary, then answers the page's questions — a constructor's objects
 * page by page, one object's retainer path — for constructors and objects it has sent only.
 */
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { HeapClient, OpenHeapSnapshot } from '../../core/analysis/heapClient';
import { heapSnapshotRequests, INSTANCE_PAGE_SIZE, type HeapSnapshotHostMessage, type HeapSnapshotRequest } from '../../protocol/heap/messages';
import { WebviewChannel, type PageRequest, type ViewPage } from '../panels/webviewPage';
import { phaseLabel, throttledProgress } from './openProgress';

const heapSnapshotPage: ViewPage<HeapSnapshotHostMessage, HeapSnapshotRequest> = {
  page: { script: 'heapSnapshot.js', styles: ['base.css', 'heap.css'], title: 'FlameLens heap snapshot', loading: 'Opening…' },
  requests: heapSnapshotRequests,
  failure: (message, file) => ({ type: 'heap/failed', message, file }),
};

export class HeapSnapshotView implements vscode.Disposable {
  /** Resolves once the summary is on its way to the page; rejects with what the page shows. */
  readonly loaded: Promise<void>;
  private readonly channel: WebviewChannel<HeapSnapshotHostMessage, HeapSnapshotRequest>;
  private snapshot: OpenHeapSnapshot | undefined;
  private disposed = false;
  private readonly classIds = new Set<number>();
  /** Objects whose rows the page has been sent; only their retainer paths are looked up. */
  private readonly ordinals = new Set<number>();

  constructor(
    readonly panel: vscode.WebviewPanel,
    private readonly heap: HeapClient,
    readonly file: string,
    extensionUri: vscode.Uri,
  ) {
    this.channel = new WebviewChannel(panel, extensionUri, { ...heapSnapshotPage, onRequest: (message) => this.answer(message) });
    this.loaded = this.load();
    this.loaded.catch(() => undefined); // shown in the view; callers may still await it
  }

  dispose(): void {
    this.disposed = true;
    this.channel.dispose();
    this.snapshot?.dispose();
    this.snapshot = undefined;
  }

  private async load(): Promise<void> {
    const name = path.basename(this.file);
    try {
      this.channel.post({ type: 'heap/progress', fraction: 0, phase: `${phaseLabel('reading')} ${name}` });
      const progress = throttledProgress((fraction, phase) =>
        this.channel.post({ type: 'heap/progress', fraction, phase: phase === 'reading' ? `${phaseLabel(phase)} ${name}` : phaseLabel(phase) }),
      );
      const snapshot = await this.heap.open(this.file, progress);
      if (this.disposed) return snapshot.dispose();
      this.snapshot = snapshot;
      const summary = await snapshot.call('summary');
      for (const row of summary.constructors) {
        this.classIds.add(row.classId);
        this.channel.remember(row.location);
      }
      this.channel.post({ type: 'snapshot/loaded', summary });
    } catch (error) {
      this.channel.fail(error);
      throw error;
    }
  }

  private async answer(message: PageRequest<HeapSnapshotRequest>): Promise<void> {
    const snapshot = this.snapshot;
    if (!snapshot) return;
    const { type } = message; // narrowed through `type`: a one-message union is not narrowed to never through `message`
    switch (type) {
      case 'constructor/instances': {
        if (!this.classIds.has(message.classId)) return;
        const page = await snapshot.call('instances', message.classId, message.offset, INSTANCE_PAGE_SIZE);
        page.rows.forEach((row) => this.ordinals.add(row.ordinal));
        return this.channel.post({ type: 'snapshot/instances', page });
      }
      case 'instance/retainers': {
        if (!this.ordinals.has(message.ordinal)) return;
        const retainers = await snapshot.call('retainerPath', message.ordinal);
        retainers.steps.forEach((step) => this.channel.remember(step.location));
        return this.channel.post({ type: 'snapshot/retainers', path: retainers });
      }
      default: {
        const unhandled: never = type;
        return unhandled;
      }
    }
  }
}
