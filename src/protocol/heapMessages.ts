/**
 * The messages between the extension host and the heap webview (snapshot page and comparison
 * page): discriminated unions with scoped names, one exhaustive switch on each side, and
 * `parseHeapWebviewMessage`, which checks everything the (untrusted) webview sends.
 */
import type { HeapDiffDto, HeapSummaryDto, InstancePageDto, RetainerPathDto } from './heapViews';
import type { SourceLocationDto } from './profileViews';

/** Instances are sent this many at a time. */
export const INSTANCE_PAGE_SIZE = 50;

/** One line of a growth row's retainer path, split so the view can link its location. */
export interface RetainerLineDto {
  /** The property, variable or index that holds the object below ("auditTrail", "[30]"). */
  readonly via: string;
  /** What holds it ("closure scope", "Array"). */
  readonly holder: string;
  readonly location?: SourceLocationDto;
}

/** What the comparison page shows: the engine's diff plus each growth row's path, split. */
export interface HeapComparisonDto {
  readonly diff: HeapDiffDto;
  /** `paths[i]` belongs to `diff.growth[i]`. */
  readonly paths: readonly (readonly RetainerLineDto[])[];
}

export type HeapHostMessage =
  /** Opening snapshots: 0..1 overall, and what is happening now, in words. */
  | { readonly type: 'heap/progress'; readonly fraction: number; readonly phase: string }
  /** One sentence; before anything was shown it replaces the page, afterwards it is a banner. */
  | { readonly type: 'heap/failed'; readonly message: string }
  | { readonly type: 'snapshot/loaded'; readonly summary: HeapSummaryDto }
  | { readonly type: 'snapshot/instances'; readonly page: InstancePageDto }
  | { readonly type: 'snapshot/retainers'; readonly path: RetainerPathDto }
  | { readonly type: 'comparison/loaded'; readonly comparison: HeapComparisonDto };

export type HeapWebviewMessage =
  | { readonly type: 'webview/ready' }
  /** The page has drawn what it was sent (tests and callers await this). */
  | { readonly type: 'webview/rendered' }
  | { readonly type: 'editor/openLocation'; readonly file: string; readonly line: number }
  /** The next page of a constructor's objects, from `offset`. */
  | { readonly type: 'constructor/instances'; readonly classId: number; readonly offset: number }
  /** How one object (by its ordinal in the snapshot) is held. */
  | { readonly type: 'instance/retainers'; readonly ordinal: number };

/** Checks a message from the heap webview before the host acts on it. */
export function parseHeapWebviewMessage(value: unknown): HeapWebviewMessage | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
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
    case 'constructor/instances':
      return isIndex(m.classId) && isIndex(m.offset) ? { type: m.type, classId: m.classId, offset: m.offset } : undefined;
    case 'instance/retainers':
      return isIndex(m.ordinal) ? { type: m.type, ordinal: m.ordinal } : undefined;
    default:
      return undefined;
  }
}
