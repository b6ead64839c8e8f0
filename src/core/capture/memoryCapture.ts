/**
 * The memory side of a recording: the memory timeline and/or the allocation profile, started
 * on the same inspector session as the CPU profiler and stopped with it.
 */
import type { InspectorSession } from '../inspector/session';
import type { SavedHeapProfile } from '../model/allocation/savedHeapProfile';
import type { MemoryTimeline } from '../model/timeline/savedTimeline';
import { startAllocationSampler, type AllocationSampler, type AllocationSamplerOptions } from './allocationSampler';
import { startMemorySampler, type MemorySampler, type MemorySamplerOptions } from './memorySampler';

export interface MemoryCaptureOptions {
  /** Record the memory timeline (heap, RSS, GC marks, event-loop delay). */
  readonly memory?: MemorySamplerOptions;
  /** Record the allocation profile (sampling heap profiler). */
  readonly allocations?: AllocationSamplerOptions;
}

export interface MemoryCaptureResult {
  readonly memory?: MemoryTimeline;
  readonly allocations?: SavedHeapProfile;
}

export interface MemoryCapture {
  /** Stops what runs; the timeline survives a target that is gone, the allocation profile does not. */
  stop(): Promise<MemoryCaptureResult>;
  /** Cancelling: removes what runs from the target as far as it can within `timeoutMs`, keeping nothing. */
  abandon(timeoutMs?: number): Promise<void>;
}

/** True when the options ask for anything beyond the CPU profile. */
export function wantsMemoryCapture(options: MemoryCaptureOptions): boolean {
  return options.memory !== undefined || options.allocations !== undefined;
}

/** Starts the requested memory samplers on a session. */
export async function startMemoryCapture(session: InspectorSession, options: MemoryCaptureOptions): Promise<MemoryCapture> {
  let memory: MemorySampler | undefined;
  let allocations: AllocationSampler | undefined;
  try {
    if (options.memory) memory = await startMemorySampler(session, options.memory);
    if (options.allocations) allocations = await startAllocationSampler(session, options.allocations);
  } catch (error) {
    await memory?.stop();
    throw error;
  }
  let stopping: Promise<MemoryCaptureResult> | undefined;
  const stop = (): Promise<MemoryCaptureResult> => {
    stopping ??= (async () => {
      // Both at once, so the timeline and the allocation profile end at the same moment.
      const [timeline, profile] = await Promise.all([memory?.stop(), allocations?.stop()]);
      return { ...(timeline ? { memory: timeline } : {}), ...(profile ? { allocations: profile } : {}) };
    })();
    return stopping;
  };
  return {
    stop,
    abandon(timeoutMs = 1000) {
      let timer: NodeJS.Timeout | undefined;
      const late = new Promise<void>((resolve) => (timer = setTimeout(resolve, timeoutMs)));
      return Promise.race([
        stop().then(
          () => undefined,
          () => undefined,
        ),
        late,
      ]).finally(() => clearTimeout(timer));
    },
  };
}
