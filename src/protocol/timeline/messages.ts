/**
 * The messages between the extension host and the memory timeline page: what the page may
 * send, declared once (the union and the parser come from the declaration), and what the host
 * sends.
 */
import type { MessageOf } from '../shared/defineMessages';
import { defineViewMessages, type PageFailed } from '../shared/messages';
import { isTime } from '../shared/validators';
import type { MemoryOverviewDto, SnapshotMarkDto } from './views';

export const timelineRequests = defineViewMessages({
  /** Take a heap snapshot of the target now (live timelines only); `t` is the point the user clicked. */
  'memory/takeSnapshot': { t: isTime },
});

export type TimelineRequest = MessageOf<typeof timelineRequests>;

export type TimelineHostMessage =
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
  | PageFailed<'memory/failed'>;
