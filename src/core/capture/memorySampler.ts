/**
 * The memory timeline of a target: every interval, one Runtime.evaluate returns
 * process.memoryUsage() plus the GC marks and event-loop delay the in-target collector
 * gathered since the last poll (memoryCollector.ts). The whole session is kept in a bounded
 * store (timelineStore.ts); `current()` serves live views, `stop()` removes the collector.
 */
import { targetFailed } from '../errors';
import type { InspectorSession } from '../inspector/session';
import type { GcKind, MemoryCapabilities, MemorySample, MemoryTimeline } from '../model/memory/savedTimeline';
import { TimelineStore } from '../model/memory/timelineStore';
import {
  collectorInstallExpression,
  collectorPollExpression,
  collectorReleaseExpression,
  type CollectorInstalled,
  type CollectorPoll,
} from './memoryCollector';

export interface MemorySamplerOptions {
  /** ms between polls. Each poll is one small evaluate in the target (see bench/b8). */
  readonly intervalMs?: number;
  /** Points kept before the timeline is downsampled. */
  readonly maxSamples?: number;
  /** Event-loop delay histogram resolution in the target, ms. */
  readonly loopDelayResolutionMs?: number;
}

export interface MemorySampler {
  readonly capabilities: MemoryCapabilities;
  /** The timeline so far, for a live view. */
  current(): MemoryTimeline;
  /** Called after each poll with the new sample; returns the unsubscribe function. */
  onSample(listener: (sample: MemorySample) => void): () => void;
  /** Takes a last sample, removes the collector from the target and returns the whole timeline. */
  stop(): Promise<MemoryTimeline>;
}

export const defaultMemoryIntervalMs = 500;

/** Starts sampling the target's memory. */
export async function startMemorySampler(session: InspectorSession, options: MemorySamplerOptions = {}): Promise<MemorySampler> {
  const intervalMs = options.intervalMs ?? defaultMemoryIntervalMs;
  const startedAt = new Date().toISOString();
  let installed: CollectorInstalled;
  try {
    const reply = await session.send('Runtime.evaluate', {
      expression: collectorInstallExpression({
        // 20 ms: 25 delay samples per default interval, half the wake-ups of Node's 10 ms default (bench/b8).
        resolutionMs: options.loopDelayResolutionMs ?? 20,
        maxGcs: 2000,
        expireMs: Math.max(30_000, 20 * intervalMs), // if we vanish without releasing it
      }),
      returnByValue: true,
      includeCommandLineAPI: true, // gives the expression the inspector's `require` when nothing else works
      silent: true,
    });
    if (reply.exceptionDetails || typeof reply.result.value?.id !== 'number') {
      throw new Error(reply.exceptionDetails?.exception?.description ?? reply.exceptionDetails?.text ?? 'no collector');
    }
    installed = reply.result.value as CollectorInstalled;
  } catch (error) {
    throw targetFailed(`Could not start memory sampling in the target (${(error as Error).message}); record without --memory or try again.`, error);
  }

  const capabilities: MemoryCapabilities = { gcMarks: installed.gcMarks, loopDelay: installed.loopDelay };
  const store = new TimelineStore({ startedAt, sampleIntervalMs: intervalMs, maxSamples: options.maxSamples, capabilities });
  const listeners = new Set<(sample: MemorySample) => void>();
  const take = (poll: CollectorPoll | null | undefined) => {
    if (!poll) return;
    for (const [t, type, durationMs, after] of poll.gcs) {
      store.addGc({ t, kind: gcKind(type), durationMs, ...(after >= 0 ? { heapAfter: after } : {}), count: 1 });
    }
    if (poll.dropped > 0) store.countUnrecordedGcs(poll.dropped);
    const sample: MemorySample = {
      t: poll.t,
      rss: poll.rss,
      heapTotal: poll.heapTotal,
      heapUsed: poll.heapUsed,
      external: poll.external,
      arrayBuffers: poll.arrayBuffers,
      ...(poll.loop ? { loopDelayP50Ms: poll.loop[0], loopDelayP99Ms: poll.loop[1], loopDelayMaxMs: poll.loop[2] } : {}),
    };
    store.addSample(sample);
    for (const listener of listeners) listener(sample);
  };

  const evaluate = async (expression: string): Promise<CollectorPoll | null | undefined> => {
    const reply = await session.send('Runtime.evaluate', { expression, returnByValue: true, silent: true });
    return reply.exceptionDetails ? undefined : (reply.result.value as CollectorPoll | null);
  };

  let inFlight: Promise<void> | undefined;
  const tick = () => {
    // A slow target must not pile polls up: skip a tick while the last one is unanswered.
    if (inFlight) return;
    inFlight = evaluate(collectorPollExpression(installed.id))
      .then(take)
      .catch(() => undefined) // the program ended or the socket dropped (the recording notices), or a listener threw
      .finally(() => (inFlight = undefined));
  };
  const timer = setInterval(tick, intervalMs);
  timer.unref();
  tick(); // a first point at the start

  let stopping: Promise<MemoryTimeline> | undefined;
  return {
    capabilities,
    current: () => store.timeline(),
    onSample(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    stop() {
      stopping ??= (async () => {
        clearInterval(timer);
        await inFlight;
        // The last poll and the removal in one round trip; a target that is gone keeps what we have.
        take(await evaluate(collectorReleaseExpression(installed.id)).catch(() => undefined));
        listeners.clear();
        return store.timeline();
      })();
      return stopping;
    },
  };
}

function gcKind(type: number): GcKind {
  // V8's GCType flags as perf_hooks reports them.
  if (type === 1 || type === 2) return 'minor'; // scavenge, minor mark-sweep
  if (type === 4) return 'major';
  if (type === 8) return 'incremental';
  if (type === 16) return 'weakcb';
  return 'other';
}
