/**
 * Binds an allocation page to one `.heapprofile` (FlameLens's, `node --heap-prof`'s, Chrome
 * DevTools'): reads it with the engine (source locations from disk when the file lacks them),
 * sends the overview, the allocation flamegraph and the table of allocating functions, answers
 * zoom requests, and hands the per-file bytes to the editor annotations.
 */
import * as vscode from 'vscode';
import { allocationRequests, type AllocationHostMessage, type AllocationRequest } from '../../protocol/allocation/messages';
import type { FileAllocationsDto } from '../../protocol/allocation/views';
import type { OpenedAllocations } from '../annotations/allocationAnnotations';
import { WebviewChannel, type PageRequest, type ViewPage } from '../panels/webviewPage';

type Engine = typeof import('../../core/model/allocation/allocationViews') & typeof import('../../core/model/allocation/allocationFlame');
type Opened = Awaited<ReturnType<Engine['openAllocationProfile']>>;

const allocationPage: ViewPage<AllocationHostMessage, AllocationRequest> = {
  page: {
    script: 'allocation.js',
    styles: ['base.css', 'controls.css', 'flame.css', 'allocation.css'],
    title: 'FlameLens allocation profile',
    loading: 'Reading the allocation profile…',
    appAttributes: { 'data-page': 'allocations' },
  },
  requests: allocationRequests,
  failure: (message, file) => ({ type: 'memory/failed', message, file }),
};

export class AllocationView implements vscode.Disposable {
  private readonly channel: WebviewChannel<AllocationHostMessage, AllocationRequest>;
  private readonly loading: Promise<{ engine: Engine; opened: Opened } | undefined>;

  constructor(
    readonly panel: vscode.WebviewPanel,
    private readonly file: string,
    extensionUri: vscode.Uri,
    private readonly onOpened: (opened: OpenedAllocations) => void,
  ) {
    this.channel = new WebviewChannel(panel, extensionUri, { ...allocationPage, onRequest: (message) => this.handle(message) });
    this.loading = this.load();
  }

  dispose(): void {
    this.channel.dispose();
  }

  private async load(): Promise<{ engine: Engine; opened: Opened } | undefined> {
    try {
      // Loaded on first use: source maps and the model are not needed at activation.
      const [views, flame] = await Promise.all([import('../../core/model/allocation/allocationViews'), import('../../core/model/allocation/allocationFlame')]);
      const engine: Engine = { ...views, ...flame };
      const opened = await engine.openAllocationProfile(this.file);
      const functions = engine.allocationFunctionRows(opened.hotspots);
      const frame = engine.buildAllocationFlameTree(opened.model);
      functions.forEach((row) => this.channel.remember(row.location));
      this.channel.rememberFlame(frame);
      this.channel.post({ type: 'allocations/loaded', overview: engine.allocationOverview(opened.model, opened.title), flame: frame, functions });
      const byFile = new Map<string, FileAllocationsDto>();
      for (const fn of opened.hotspots.functions) {
        if (fn.file && !byFile.has(fn.file)) byFile.set(fn.file, engine.fileAllocations(opened.hotspots, fn.file));
      }
      this.onOpened({ file: this.file, byFile });
      return { engine, opened };
    } catch (error) {
      this.channel.fail(error);
      return undefined;
    }
  }

  private async handle(message: PageRequest<AllocationRequest>): Promise<void> {
    const { type } = message; // narrowed through `type`: a one-message union is not narrowed to never through `message`
    switch (type) {
      case 'allocations/expand': {
        const loaded = await this.loading;
        if (!loaded || message.nodeId >= loaded.opened.model.nodes.length) return;
        const frame = loaded.engine.buildAllocationFlameTree(loaded.opened.model, { rootNode: message.nodeId });
        this.channel.rememberFlame(frame);
        this.channel.post({ type: 'allocations/subtree', frame });
        return;
      }
      default: {
        const unhandled: never = type;
        return unhandled;
      }
    }
  }
}
