/**
 * The memory timeline of a target: every interval, one Runtime.evaluate returns
 * process.memoryUsage() plus the GC marks and event-loop delay the in-target collector
 * gathered since the last poll (memoryCollector.ts). The whole session is kept in a bounded
 * store (timelineStore.ts); `current()` serves live views, `stop()` removes the collector.
 */
import { targetFailed } from '../errors';
import type { InspectorSession } from '../inspector/session';
import type { GcKind, MemoryCapabilities, MemorySample, MemoryTimeline } from '../model/timeline/savedTimeline';
import { TimelineStore } from '../model/timeline/timelineStore';
import { settingDefaults } from '../settingsDefaults';
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
  /**
   * Told once the sampler runs. A live view follows the recording's own sampler through it, so
   * what it shows while recording and what is saved are one series, judged by one computation.
   */
  readonly onStarted?: (sampler: MemorySampler) => void;
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

export const defaultMemoryIntervalMs = settingDefaults['memory.sampleInterval'];
/** 20 ms: 25 delay samples per default interval, half the wake-ups of Node's 10 ms default (bench/b8). */
const defaultLoopDelayResolutionMs = 20;
/** GC marks the collector keeps between two polls; more are counted as unrecorded. */
const maxGcsPerPoll = 2000;
/** The collector removes itself after this long without a poll (if we vanish without releasing it)… */
const minCollectorExpiryMs = 30_000;
/** …or after this many missed intervals, when the interval is long. */
const collectorExpiryIntervals = 20;

type Poll = CollectorPoll | null | undefined;

/** Starts sampling the target's memory. */
export async function startMemorySampler(session: InspectorSession, options: MemorySamplerOptions = {}): Promise<MemorySampler> {
  const intervalMs = options.intervalMs ?? defaultMemoryIntervalMs;
  const startedAt = new Date().toISOString();
  const installed = await installCollector(session, intervalMs, options.loopDelayResolutionMs ?? defaultLoopDelayResolutionMs);
  const capabilities: MemoryCapabilities = { gcMarks: installed.gcMarks, loopDelay: installed.loopDelay };
  const store = new TimelineStore({ startedAt, sampleIntervalMs: intervalMs, maxSamples: options.maxSamples, capabilities });
  const listeners = new Set<(sample: MemorySample) => void>();
  const take = (poll: Poll) => {
    const sample = poll && recordPoll(store, poll);
    if (sample) for (const listener of listeners) listener(sample);
  };
  const evaluate = async (expression: string): Promise<Poll> => {
    const reply = await session.send('Runtime.evaluate', { expression, returnByValue: true, silent: true });
    return reply.exceptionDetails ? undefined : (reply.result.value as CollectorPoll | null);
  };
  const polling = pollEvery(intervalMs, () => evaluate(collectorPollExpression(installed.id)).then(take));

  let stopping: Promise<MemoryTimeline> | undefined;
  const sampler: MemorySampler = {
    capabilities,
    current: () => store.timeline(),
    onSample(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    stop() {
      stopping ??= (async () => {
        await polling.stop();
        // The last poll and the removal in one round trip; a target that is gone keeps what we have.
        take(await evaluate(collectorReleaseExpression(installed.id)).catch(() => undefined));
        listeners.clear();
        return store.timeline();
      })();
      return stopping;
    },
  };
  options.onStarted?.(sampler);
  return sampler;
}

/** Installs the collector in the target (once per sampler); it answers each poll with what it gathered since the last. */
async function installCollector(session: InspectorSession, intervalMs: number, resolutionMs: number): Promise<CollectorInstalled> {
  try {
    const reply = await session.send('Runtime.evaluate', {
      expression: collectorInstallExpression({
        resolutionMs,
        maxGcs: maxGcsPerPoll,
        expireMs: Math.max(minCollectorExpiryMs, collectorExpiryIntervals * intervalMs),
      }),
      returnByValue: true,
      includeCommandLineAPI: true, // gives the expression the inspector's `require` when nothing else works
      silent: true,
    });
    if (reply.exceptionDetails || typeof reply.result.value?.id !== 'number') {
      throw new Error(reply.exceptionDetails?.exception?.description ?? reply.exceptionDetails?.text ?? 'no collector');
    }
    return reply.result.value as CollectorInstalled;
  } catch (error) {
    throw targetFailed(`Could not start memory sampling in the target (${(error as Error).message}); record without --memory or try again.`, error);
  }
}

/** Adds one poll's GC marks and sample to the store; returns the sample for live listeners. */
function recordPoll(store: TimelineStore, poll: CollectorPoll): MemorySample {
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
  return sample;
}

/**
 * Runs `poll` now and every `intervalMs`, never two at once: a slow target must not pile polls
 * up, so a tick is skipped while the last one is unanswered. `stop()` waits for the one in flight.
 */
function pollEvery(intervalMs: number, poll: () => Promise<void>): { stop(): Promise<void> } {
  let inFlight: Promise<void> | undefined;
  const tick = () => {
    if (inFlight) return;
    inFlight = poll()
      .catch(() => undefined) // the program ended or the socket dropped (the recording notices), or a listener threw
      .finally(() => (inFlight = undefined));
  };
  const timer = setInterval(tick, intervalMs);
  timer.unref(); // the sampler must not keep the CLI alive
  tick(); // a first point at the start
  return {
    stop: async () => {
      clearInterval(timer);
      await inFlight;
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
