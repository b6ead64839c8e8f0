/**
 * The messages between the extension host and the CPU profile page: what the page may send,
 * declared once (its union and its parser come from the declaration), and what the host sends.
 */
import type { KeptField, MessageOf } from '../shared/defineMessages';
import { defineViewMessages, type PageFailed } from '../shared/messages';
import { isIndex, isRange, isShortText, orNull } from '../shared/validators';
import type { FlameFrameDto, TimeRangeDto } from '../shared/views';
import type { FunctionRelationsDto, FunctionRowDto, ProfileOverviewDto, TreeRowDto } from './views';

/** A selected range (only its two times go on to the worker), or null for the whole recording. */
const rangeOrWhole: KeptField<TimeRangeDto | null> = { is: orNull(isRange), keep: (range) => range && { startMs: range.startMs, endMs: range.endMs } };

export const profileRequests = defineViewMessages({
  /** Show the views for this time range only, or (null) for the whole recording. */
  'range/select': { range: rangeOrWhole },
  /** The flamegraph's subtree below a frame whose children were too narrow to send. */
  'flame/expand': { nodeId: isIndex },
  /** The top-down tree's children of a node. */
  'tree/expand': { nodeId: isIndex },
  /** A bottom-up function's callers and callees. */
  'function/expand': { key: isShortText },
});

export type ProfileRequest = MessageOf<typeof profileRequests>;

export type ProfileHostMessage =
  | { readonly type: 'profile/loaded'; readonly overview: ProfileOverviewDto }
  | PageFailed<'profile/failed'>
  | {
      readonly type: 'views/data';
      readonly range: TimeRangeDto | null;
      readonly flame: FlameFrameDto;
      readonly roots: readonly TreeRowDto[];
      readonly functions: readonly FunctionRowDto[];
    }
  | { readonly type: 'flame/subtree'; readonly frame: FlameFrameDto }
  | { readonly type: 'tree/children'; readonly parentId: number; readonly rows: readonly TreeRowDto[] }
  | { readonly type: 'function/relations'; readonly relations: FunctionRelationsDto }
  /** Put a function's name into the search box (from a CodeLens). */
  | { readonly type: 'view/search'; readonly query: string };
