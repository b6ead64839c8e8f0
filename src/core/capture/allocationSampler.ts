/**
 * The allocation profile of a target: V8's sampling heap profiler (HeapProfiler.startSampling),
 * which records the stack of roughly one allocation per `samplingIntervalBytes`. We ask it to
 * keep objects that were collected again (includeObjectsCollectedByMajorGC/MinorGC; Node 20's
 * V8 honours both — verified against a real process: without them a server's short-lived
 * garbage all but vanishes from the profile), so the profile answers "who allocates the most
 * bytes", not only "who allocated what is still alive" (which is what `node --heap-prof` saves).
 */
import { targetFailed } from '../errors';
import type { InspectorSession } from '../inspector/session';
import type { SavedHeapProfile } from '../model/allocation/savedHeapProfile';
import { settingDefaults } from '../settingsDefaults';

export interface AllocationSamplerOptions {
  /** Average bytes between samples; V8's and `node --heap-prof`'s default is 32 KiB. */
  readonly samplingIntervalBytes?: number;
}

export interface AllocationSampler {
  /** Stops sampling and returns the profile (V8's format, with how it was recorded). */
  stop(): Promise<SavedHeapProfile>;
}

export const defaultSamplingIntervalBytes = settingDefaults['allocations.samplingInterval'];

/** Starts sampling the target's allocations. */
export async function startAllocationSampler(session: InspectorSession, options: AllocationSamplerOptions = {}): Promise<AllocationSampler> {
  const samplingInterval = options.samplingIntervalBytes ?? defaultSamplingIntervalBytes;
  try {
    await session.send('HeapProfiler.enable');
    await session.send('HeapProfiler.startSampling', {
      samplingInterval,
      includeObjectsCollectedByMajorGC: true,
      includeObjectsCollectedByMinorGC: true,
    });
  } catch (error) {
    throw targetFailed(
      `Could not start the allocation profiler in the target (${(error as Error).message}); record without --allocations or try again.`,
      error,
    );
  }
  let stopping: Promise<SavedHeapProfile> | undefined;
  return {
    stop() {
      stopping ??= session.send('HeapProfiler.stopSampling').then(
        ({ profile }) => {
          void session.send('HeapProfiler.disable').catch(() => undefined);
          return { ...profile, $flamelens: { version: 1, samplingIntervalBytes: samplingInterval, includesCollected: true } } as SavedHeapProfile;
        },
        (error) => {
          throw targetFailed('The process exited before the allocation profile could be collected; nothing was saved.', error);
        },
      );
      return stopping;
    },
  };
}
