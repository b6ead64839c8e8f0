/**
 * The messages between the extension host and the allocation profile page: what the page may
 * send, declared once (the union and the parser come from the declaration), and what the host
 * sends.
 */
import type { MessageOf } from '../shared/defineMessages';
import { defineViewMessages, type PageFailed } from '../shared/messages';
import { isIndex } from '../shared/validators';
import type { AllocationFlameFrameDto, AllocationFunctionRowDto, AllocationOverviewDto } from './views';

export const allocationRequests = defineViewMessages({
  /** The allocation flamegraph's subtree below a frame whose children were too narrow to send. */
  'allocations/expand': { nodeId: isIndex },
});

export type AllocationRequest = MessageOf<typeof allocationRequests>;

export type AllocationHostMessage =
  | {
      readonly type: 'allocations/loaded';
      readonly overview: AllocationOverviewDto;
      readonly flame: AllocationFlameFrameDto;
      readonly functions: readonly AllocationFunctionRowDto[];
    }
  | { readonly type: 'allocations/subtree'; readonly frame: AllocationFlameFrameDto }
  | PageFailed<'memory/failed'>;
