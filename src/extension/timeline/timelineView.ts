/**
 * Binds the timeline page to one memory timeline: a saved `.memory.json`, or a recording that is
 * running (live: a new timeline every interval, then the recording's own at the end). While
 * live, the page may ask for a heap snapshot: the heap side takes it (it registers through
 * `onSnapshotRequested`), and the view marks it on the chart.
 */
import * as path from 'node:path';
import * as vscode from 'vscode';
import { timelineRequests, type TimelineHostMessage, type TimelineRequest } from '../../protocol/timeline/messages';
import type { MemoryOverviewDto, SnapshotMarkDto } from '../../protocol/timeline/views';
import { WebviewChannel, type PageRequest, type ViewPage } from '../panels/webviewPage';
import type { LiveTimeline } from './liveTimeline';

const timelinePage: ViewPage<TimelineHostMessage, TimelineRequest> = {
  page: {
    script: 'timeline.js',
    styles: ['base.css', 'controls.css', 'timeline.css'],
    title: 'FlameLens memory timeline',
    loading: 'Reading the memory timeline…',
    appAttributes: { 'data-page': 'timeline' },
  },
  requests: timelineRequests,
  failure: (message, file) => ({ type: 'memory/failed', message, file }),
  // Each timeline post carries the whole session: an older one waiting in the queue is stale.
  replaces: (waiting, next) => next.type === 'memory/timeline' && waiting.type === 'memory/timeline',
};

/** What a heap snapshot taken from the timeline panel needs to know. */
export interface SnapshotRequest {
  /** The recording's target's inspector. */
  readonly webSocketUrl: string;
  /** The target, in the user's words ("pid 4242", "node server.js"). */
  readonly label: string;
  /** ms since the recording started. */
  readonly atMs: number;
}

/** Takes the snapshot; resolves with the saved file's path, or undefined when the user cancelled. */
export type SnapshotHandler = (request: SnapshotRequest) => Promise<string | undefined>;

let snapshotHandler: SnapshotHandler | undefined;

/** Lets the heap-snapshot side take the snapshots the timeline panel asks for. */
export function onSnapshotRequested(handler: SnapshotHandler): vscode.Disposable {
  snapshotHandler = handler;
  return new vscode.Disposable(() => {
    if (snapshotHandler === handler) snapshotHandler = undefined;
  });
}

export type TimelineSource = { readonly kind: 'file'; readonly file: string } | { readonly kind: 'live'; readonly live: LiveTimeline };

export class TimelineView implements vscode.Disposable {
  private readonly channel: WebviewChannel<TimelineHostMessage, TimelineRequest>;
  private readonly disposables: vscode.Disposable[] = [];
  private nextSnapshotId = 1;

  constructor(
    readonly panel: vscode.WebviewPanel,
    private readonly source: TimelineSource,
    extensionUri: vscode.Uri,
  ) {
    this.channel = new WebviewChannel(panel, extensionUri, { ...timelinePage, onRequest: (message) => this.handle(message) });
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
        import('../../core/model/timeline/timelineFile'),
        import('../../core/model/timeline/memoryOverview'),
      ]);
      const timeline = await readMemoryTimelineFile(file);
      this.channel.post({ type: 'memory/timeline', title: path.basename(file), overview: memoryOverview(timeline), live: false });
    } catch (error) {
      this.channel.fail(error);
    }
  }

  private follow(live: LiveTimeline): void {
    const title = `Memory · ${live.label}`;
    const show = (overview: MemoryOverviewDto | undefined, running: boolean, savedAs?: string) => {
      if (overview) this.channel.post({ type: 'memory/timeline', title, overview, live: running, ...(savedAs ? { savedAs } : {}) });
    };
    const ended = (end: NonNullable<LiveTimeline['ended']>) => {
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

  private async handle(message: PageRequest<TimelineRequest>): Promise<void> {
    const { type } = message; // narrowed through `type`: a one-message union is not narrowed to never through `message`
    switch (type) {
      case 'memory/takeSnapshot':
        return this.takeSnapshot();
      default: {
        const unhandled: never = type;
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
  // The heap side registers at activation; without it there is nothing that could take one.
  if (!snapshotHandler) throw new Error('heap snapshots are not available in this version of FlameLens');
  const saved = await snapshotHandler(request);
  return saved === undefined ? undefined : path.basename(saved);
}
