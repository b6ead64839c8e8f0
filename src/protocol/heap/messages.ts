/**
 * The messages between the extension host and the heap pages (a snapshot, a comparison): what
 * the pages may send, declared once (the union and the parser come from the declaration), and
 * what the host sends each page.
 */
import type { MessageOf } from '../shared/defineMessages';
import { defineViewMessages, type PageFailed } from '../shared/messages';
import { isIndex } from '../shared/validators';
import type { HeapComparisonDto, HeapSummaryDto, InstancePageDto, RetainerPathDto } from './views';

/** Instances are sent this many at a time. */
export const INSTANCE_PAGE_SIZE = 50;

export const heapSnapshotRequests = defineViewMessages({
  /** The next page of a constructor's objects, from `offset`. */
  'constructor/instances': { classId: isIndex, offset: isIndex },
  /** How one object (by its ordinal in the snapshot) is held. */
  'instance/retainers': { ordinal: isIndex },
});

/** The comparison page asks nothing of its own: it is sent the whole comparison at once. */
export const heapComparisonRequests = defineViewMessages({});

export type HeapSnapshotRequest = MessageOf<typeof heapSnapshotRequests>;
export type HeapComparisonRequest = MessageOf<typeof heapComparisonRequests>;

/** Opening snapshots: 0..1 overall, and what is happening now, in words. */
interface HeapProgress {
  readonly type: 'heap/progress';
  readonly fraction: number;
  readonly phase: string;
}

/** What both heap pages are sent while snapshots open, and when that fails. */
type HeapLoadingMessage = HeapProgress | PageFailed<'heap/failed'>;

export type HeapSnapshotHostMessage =
  | HeapLoadingMessage
  | { readonly type: 'snapshot/loaded'; readonly summary: HeapSummaryDto }
  | { readonly type: 'snapshot/instances'; readonly page: InstancePageDto }
  | { readonly type: 'snapshot/retainers'; readonly path: RetainerPathDto };

export type HeapComparisonHostMessage = HeapLoadingMessage | { readonly type: 'comparison/loaded'; readonly comparison: HeapComparisonDto };

export type HeapHostMessage = HeapSnapshotHostMessage | HeapComparisonHostMessage;
