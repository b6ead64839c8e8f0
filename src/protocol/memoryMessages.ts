/**
 * The messages between the extension host and the memory webview (the memory timeline page and
 * the allocation profile page): discriminated unions with scoped names, one exhaustive switch on
 * each side, and `parseMemoryWebviewMessage`, which checks everything the (untrusted) webview sends.
 */
import type { AllocationFunctionRowDto, AllocationOverviewDto, MemoryOverviewDto } from './memoryViews';
import type { FlameFrameDto } from './profileViews';

/** A heap snapshot taken from the memory panel, as a mark on the timeline. */
export interface SnapshotMarkDto {
  /** Identifies the request while it runs. */
  readonly id: number;
  /** ms since the recording started, when it was asked for. */
  readonly t: number;
  readonly state: 'taking' | 'saved' | 'failed';
  /** The snapshot's file name once saved, or why it failed. */
  readonly label?: string;
}

export type MemoryHostMessage =
  /**
   * The whole timeline so far (it is downsampled by the engine, so it stays small) and its leak
   * trend. Sent every interval while `live`, and once for a saved timeline or a finished recording.
   */
  | {
      readonly type: 'memory/timeline';
      readonly title: string;
      readonly overview: MemoryOverviewDto;
      /** A recording is running: the page may ask for snapshots. */
      readonly live: boolean;
      /** Where the timeline was saved, once it is. */
      readonly savedAs?: string;
    }
  /** The recording ended without a timeline to keep (cancelled, or the target failed). */
  | { readonly type: 'memory/ended'; readonly message: string }
  | { readonly type: 'memory/snapshot'; readonly mark: SnapshotMarkDto }
  | {
      readonly type: 'allocations/loaded';
      readonly overview: AllocationOverviewDto;
      /** The allocation flamegraph; `value` and `self` are bytes. */
      readonly flame: FlameFrameDto;
      readonly functions: readonly AllocationFunctionRowDto[];
    }
  | { readonly type: 'allocations/subtree'; readonly frame: FlameFrameDto }
  /** One sentence; before anything was shown it replaces the page, afterwards it is a banner. */
  | { readonly type: 'memory/failed'; readonly message: string };

export type MemoryWebviewMessage =
  | { readonly type: 'webview/ready' }
  /** The page has drawn what it was sent (tests await this). */
  | { readonly type: 'webview/rendered' }
  | { readonly type: 'editor/openLocation'; readonly file: string; readonly line: number }
  /** Take a heap snapshot of the target now (live timelines only); `t` is the point the user clicked. */
  | { readonly type: 'memory/takeSnapshot'; readonly t: number }
  /** The allocation flamegraph's subtree below a frame whose children were too narrow to send. */
  | { readonly type: 'allocations/expand'; readonly nodeId: number };

/** Checks a message from the memory webview before the host acts on it. */
export function parseMemoryWebviewMessage(value: unknown): MemoryWebviewMessage | undefined {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return undefined;
  const m = value as Record<string, unknown>;
  const isIndex = (v: unknown): v is number => typeof v === 'number' && Number.isSafeInteger(v) && v >= 0 && v < 2 ** 32;
  switch (m.type) {
    case 'webview/ready':
    case 'webview/rendered':
      return { type: m.type };
    case 'editor/openLocation':
      return typeof m.file === 'string' && m.file.length > 0 && m.file.length < 4096 && isIndex(m.line) && m.line > 0
        ? { type: m.type, file: m.file, line: m.line }
        : undefined;
    case 'memory/takeSnapshot':
      return typeof m.t === 'number' && Number.isFinite(m.t) && m.t >= 0 ? { type: m.type, t: m.t } : undefined;
    case 'allocations/expand':
      return isIndex(m.nodeId) ? { type: m.type, nodeId: m.nodeId } : undefined;
    default:
      return undefined;
  }
}
