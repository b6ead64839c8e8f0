/**
 * Binds a memory page to one memory timeline: a saved `.memory.json`, or a recording that is
 * running (live: a new timeline every interval, then the recording's own at the end). While
 * live, the page may ask for a heap snapshot: `onSnapshotRequested` lets the heap-snapshot
 * command take it (by default the view runs `flamelens.takeHeapSnapshot`), and the view marks
 * it on the chart.
 */
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { SnapshotMarkDto } from '../../protocol/memoryMessages';
import type { MemoryOverviewDto } from '../../protocol/memoryViews';
import type { LiveMemory } from '../recording/liveMemory';
import { MemoryWebview, type MemoryRequest } from './memoryWebview';

/** What a heap snapshot taken from the memory panel needs to know. */
export interface SnapshotRequest {
  /** The recording's target's inspector. */
  readonly webSocketUrl: string;
  /** The target, in the user's words ("pid 4242", "node server.js"). */
  readonly label: string;
  /** ms since the recording started. */
  readonly atMs: number;
}

/** Takes the snapshot; resolves with the saved file (path, Uri or `{ file }`) or nothing when the user cancelled. */
export type SnapshotHandler = (request: SnapshotRequest) => Promise<unknown>;

let snapshotHandler: SnapshotHandler | undefined;

/** Lets the heap-snapshot side take the snapshots the memory panel asks for. */
export function onSnapshotRequested(handler: SnapshotHandler): vscode.Disposable {
  snapshotHandler = handler;
  return new vscode.Disposable(() => {
    if (snapshotHandler === handler) snapshotHandler = undefined;
  });
}

export type TimelineSource = { readonly kind: 'file'; readonly file: string } | { readonly kind: 'live'; readonly live: LiveMemory };

export class MemoryTimelineView implements vscode.Disposable {
  private readonly channel: MemoryWebview;
  private readonly disposables: vscode.Disposable[] = [];
  private nextSnapshotId = 1;

  constructor(
    readonly panel: vscode.WebviewPanel,
    private readonly source: TimelineSource,
    extensionUri: vscode.Uri,
  ) {
    this.channel = new MemoryWebview(panel, extensionUri, 'timeline', (message) => this.handle(message));
    this.disposables.push(this.channel);
    if (source.kind === 'file') void this.loadFile(source.file);
    else this.follow(source.live);
  }

  dispose(): void {
    this.disposables.forEach((d) => d.dispose());
  }

  private async loadFile(file: string): Promise<void> {
    try {
      const [{ readMemoryTimelineFile }, { memoryOverview }] = await Promise.all([
        import('../../core/model/memory/timelineFile'),
        import('../../core/model/memory/memoryOverview'),
      ]);
      const timeline = await readMemoryTimelineFile(file);
      this.channel.post({ type: 'memory/timeline', title: path.basename(file), overview: memoryOverview(timeline), live: false });
    } catch (error) {
      this.channel.fail(error);
    }
  }

  private follow(live: LiveMemory): void {
    const title = `Memory · ${live.label}`;
    const show = (overview: MemoryOverviewDto | undefined, running: boolean, savedAs?: string) => {
      if (overview) this.channel.post({ type: 'memory/timeline', title, overview, live: running, ...(savedAs ? { savedAs } : {}) });
    };
    const ended = (end: NonNullable<LiveMemory['ended']>) => {
      show(end.overview, false, end.savedAs);
      if (end.message) this.channel.post({ type: 'memory/ended', message: end.message });
      else if (!end.overview) this.channel.post({ type: 'memory/ended', message: 'The recording ended without a memory timeline.' });
    };
    if (live.ended) return ended(live.ended);
    show(live.current, true);
    if (live.unavailable) this.channel.post({ type: 'memory/failed', message: live.unavailable });
    this.disposables.push(
      live.onDidUpdate((overview) => show(overview, true)),
      live.onDidEnd(ended),
      live.onDidBecomeUnavailable((message) => this.channel.post({ type: 'memory/failed', message })),
    );
  }

  private async handle(message: MemoryRequest): Promise<void> {
    switch (message.type) {
      case 'webview/rendered':
        return;
      case 'memory/takeSnapshot':
        return this.takeSnapshot();
      case 'allocations/expand':
        return; // not a timeline request
      default: {
        const unhandled: never = message;
        return unhandled;
      }
    }
  }

  private async takeSnapshot(): Promise<void> {
    if (this.source.kind !== 'live' || !this.source.live.running) return; // only a running target can be asked
    const live = this.source.live;
    const id = this.nextSnapshotId++;
    const atMs = live.current?.timeline.durationMs ?? live.elapsedMs();
    const mark = (state: SnapshotMarkDto['state'], label?: string): SnapshotMarkDto => ({ id, t: atMs, state, ...(label ? { label } : {}) });
    this.channel.post({ type: 'memory/snapshot', mark: mark('taking') });
    try {
      const name = await requestSnapshot({ webSocketUrl: live.webSocketUrl, label: live.label, atMs });
      this.channel.post({ type: 'memory/snapshot', mark: name ? mark('saved', name) : mark('failed', 'cancelled') });
    } catch (error) {
      this.channel.post({ type: 'memory/snapshot', mark: mark('failed', error instanceof Error ? error.message : String(error)) });
    }
  }
}

/** Takes the snapshot; the saved file's name, or undefined when the user cancelled it. */
async function requestSnapshot(request: SnapshotRequest): Promise<string | undefined> {
  if (snapshotHandler) return savedName(await snapshotHandler(request));
  const commands = await vscode.commands.getCommands(true);
  if (!commands.includes('flamelens.takeHeapSnapshot')) throw new Error('heap snapshots are not available in this version of FlameLens');
  // Commands report their own failures and may return nothing: the heap view shows the result.
  const saved = await vscode.commands.executeCommand('flamelens.takeHeapSnapshot', { webSocketUrl: request.webSocketUrl, label: request.label });
  return savedName(saved) ?? 'opened in the heap view';
}

/** The snapshot's file name from whatever the snapshot side returned. */
function savedName(saved: unknown): string | undefined {
  if (typeof saved === 'string') return path.basename(saved);
  if (saved instanceof vscode.Uri) return path.basename(saved.fsPath);
  const file = (saved as { file?: unknown } | undefined)?.file;
  if (typeof file === 'string') return path.basename(file);
  if (file instanceof vscode.Uri) return path.basename(file.fsPath);
  return undefined;
}
