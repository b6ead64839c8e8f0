/**
 * CPU profile capture on an inspector session. Returns a handle that stops on demand,
 * stops by itself when the program ends (Node keeps the process alive for a connected
 * inspector until it disconnects), and fails clearly when the process dies first.
 * The profile it returns holds the program's time only: the samples of our own script
 * (the bootloader waiting for us) are removed, and a program that ended is measured to
 * its last activity, not to the moment we noticed. It also counts the worker threads
 * that ran, which a main-thread profile cannot show.
 */
import type { Protocol } from 'devtools-protocol';
import { targetFailed } from '../errors';
import type { InspectorSession } from '../inspector/session';
import { settingDefaults } from '../settingsDefaults';
import { holdExitSignals, type ExitSignals } from './exitSignals';

export interface CpuCaptureOptions {
  /** Sampling interval in microseconds; Node's own default (--cpu-prof-interval) is 1000. */
  readonly intervalUs?: number;
  /** Resume a program that waits for the debugger (launched by FlameLens) once sampling runs. */
  readonly resumeTarget?: boolean;
  /** Scripts that are ours, not the program's (the bootloader FlameLens preloaded): their samples are removed. */
  readonly ownScriptUrls?: readonly string[];
}

/** A script the target loaded, as Debugger.scriptParsed reported it. */
export interface LoadedScript {
  readonly scriptId: string;
  readonly url: string;
  readonly sourceMapURL?: string;
}

export interface CpuCaptureResult {
  readonly profile: Protocol.Profiler.Profile;
  /** Why sampling stopped: asked to, or the program finished on its own. */
  readonly endedBy: 'stop' | 'program-ended';
  /** The signal that ended the program (SIGINT, SIGTERM…), when one did. */
  readonly endSignal?: string;
  readonly scripts: ReadonlyMap<string, LoadedScript>;
  /** Worker threads seen running while sampling; their CPU time is not in this (main-thread) profile. */
  readonly workerThreads: number;
  /** Reads a script's source from the still-connected target (for source maps and function ranges). */
  readScriptSource(scriptId: string): Promise<string | undefined>;
}

export interface CpuCapture {
  /** Settles when sampling has stopped, for whatever reason. */
  readonly result: Promise<CpuCaptureResult>;
  /** Stops sampling and collects the profile. */
  stop(): Promise<CpuCaptureResult>;
}

export const defaultSamplingIntervalUs = settingDefaults.samplingInterval;

/** Starts sampling the target's CPU. */
export async function captureCpuProfile(session: InspectorSession, options: CpuCaptureOptions = {}): Promise<CpuCapture> {
  const scripts = trackLoadedScripts(session);
  const mainContexts = trackMainContexts(session);
  const workerThreads = new Set<string>();
  let stopping: Promise<CpuCaptureResult> | undefined;
  // Installed once sampling runs; a stop before then has no listener to remove.
  const held: { exitSignals?: ExitSignals } = {};
  const stopBecause = (endedBy: CpuCaptureResult['endedBy']) =>
    (stopping ??= collectProfile(session, endedBy, scripts, workerThreads, options).then(async (result) => {
      // A program that lives on is left as it was; one that a signal ended says which.
      if (endedBy === 'stop') await held.exitSignals?.remove();
      const endSignal = held.exitSignals?.received();
      return endSignal ? { ...result, endSignal } : result;
    }));
  const { result, requestStop } = settleOnFirstEnd(session, mainContexts, stopBecause, () => stopping);
  await watchWorkerThreads(session, workerThreads);
  held.exitSignals = await startSampling(session, options);
  return {
    result,
    stop() {
      requestStop();
      return result;
    },
  };
}

/** The scripts the target loads (every one is reported again when the Debugger domain is enabled). */
function trackLoadedScripts(session: InspectorSession): Map<string, LoadedScript> {
  const scripts = new Map<string, LoadedScript>();
  session.on('Debugger.scriptParsed', (script) => {
    if (!script.url) return;
    scripts.set(script.scriptId, { scriptId: script.scriptId, url: script.url, sourceMapURL: script.sourceMapURL || undefined });
  });
  return scripts;
}

/** The program has ended when its main (default) context goes; vm contexts come and go. */
function trackMainContexts(session: InspectorSession): Set<number> {
  const mainContexts = new Set<number>();
  session.on('Runtime.executionContextCreated', ({ context }) => {
    if ((context.auxData as { isDefault?: boolean } | undefined)?.isDefault) mainContexts.add(context.id);
  });
  return mainContexts;
}

/** Stops the profiler and keeps the program's time only; a target gone by then fails in one sentence. */
function collectProfile(
  session: InspectorSession,
  endedBy: CpuCaptureResult['endedBy'],
  scripts: ReadonlyMap<string, LoadedScript>,
  workerThreads: ReadonlySet<string>,
  options: CpuCaptureOptions,
): Promise<CpuCaptureResult> {
  return session.send('Profiler.stop').then(
    ({ profile }) => ({
      profile: programTimeOnly(profile, new Set(options.ownScriptUrls ?? []), endedBy === 'program-ended'),
      endedBy,
      scripts,
      workerThreads: workerThreads.size,
      readScriptSource: (id: string) => readScriptSource(session, id),
    }),
    (error) => {
      throw targetFailed('The process exited before the CPU profile could be collected; nothing was saved.', error);
    },
  );
}

/**
 * Whichever comes first settles the result: stop(), the program ending, or the socket dropping.
 * Listening before the target is resumed: a short program's end can arrive in the same read as
 * the answer to runIfWaitingForDebugger, before code after that `await` would run.
 */
function settleOnFirstEnd(
  session: InspectorSession,
  mainContexts: ReadonlySet<number>,
  stopBecause: (endedBy: CpuCaptureResult['endedBy']) => Promise<CpuCaptureResult>,
  stopping: () => Promise<CpuCaptureResult> | undefined,
): { result: Promise<CpuCaptureResult>; requestStop(): void } {
  let requestStop: () => void = () => undefined;
  const result = new Promise<CpuCaptureResult>((resolve, reject) => {
    // Node keeps the process for a connected inspector after the program ends: collect then.
    session.on('Runtime.executionContextDestroyed', ({ executionContextId }) => {
      if (mainContexts.has(executionContextId)) stopBecause('program-ended').then(resolve, reject);
    });
    void session.disconnected.then(() => {
      const collecting = stopping();
      if (collecting) collecting.then(resolve, reject);
      else reject(targetFailed('The process exited or closed the inspector connection while the CPU profile was being recorded; nothing was saved.'));
    });
    requestStop = () => void stopBecause('stop').then(resolve, reject);
  });
  result.catch(() => undefined); // Observed by the caller; avoid an unhandled rejection meanwhile.
  return { result, requestStop: () => requestStop() };
}

/** Enables what the capture listens to, starts the profiler, keeps its profile through a signal and, when asked, lets the program run. */
async function startSampling(session: InspectorSession, options: CpuCaptureOptions): Promise<ExitSignals> {
  await session.send('Runtime.enable');
  await session.send('Debugger.enable', {});
  await session.send('Profiler.enable');
  await session.send('Profiler.setSamplingInterval', { interval: options.intervalUs ?? defaultSamplingIntervalUs });
  await session.send('Profiler.start');
  // Before the program runs: a signal that ends it then still leaves its profile.
  const exitSignals = await holdExitSignals(session);
  if (options.resumeTarget) await session.send('Runtime.runIfWaitingForDebugger');
  return exitSignals;
}

function readScriptSource(session: InspectorSession, scriptId: string): Promise<string | undefined> {
  return session.send('Debugger.getScriptSource', { scriptId }).then(
    (r) => r.scriptSource,
    () => undefined,
  );
}

/**
 * Node reports each worker thread to a session with NodeWorker enabled: the ones running now
 * and each one started later (waitForDebuggerOnStart false: they are not held up).
 */
async function watchWorkerThreads(session: InspectorSession, seen: Set<string>): Promise<void> {
  // The Node-only domain is not in devtools-protocol's method map.
  const nodeSession = session as unknown as {
    send(method: string, params?: object): Promise<unknown>;
    on(event: string, handler: (payload: { workerInfo?: { workerId?: string } }) => void): () => void;
  };
  nodeSession.on('NodeWorker.attachedToWorker', ({ workerInfo }) => {
    if (workerInfo?.workerId) seen.add(workerInfo.workerId);
  });
  // An inspector without the domain (not Node) just reports none.
  await nodeSession.send('NodeWorker.enable', { waitForDebuggerOnStart: false }).catch(() => undefined);
}

type Profile = Protocol.Profiler.Profile;
const waitingFrames = new Set(['(idle)', '(program)']);

/**
 * Removes the samples whose stack runs our own scripts, starts the profile at the first
 * sample after our leading ones, and, when the program ended by itself, ends it at the
 * program's last busy sample. Timestamps of the kept samples do not move; nodes left
 * without samples are dropped.
 */
export function programTimeOnly(profile: Profile, ownScriptUrls: ReadonlySet<string>, endsAtLastActivity: boolean): Profile {
  const samples = profile.samples ?? [];
  if ((ownScriptUrls.size === 0 && !endsAtLastActivity) || samples.length === 0) return profile;
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  const ours = nodesRunningScripts(profile, ownScriptUrls);
  const isWaiting = (id: number) => waitingFrames.has(byId.get(id)?.callFrame.functionName ?? '');
  const deltas = profile.timeDeltas ?? [];
  const times: number[] = [];
  let time = profile.startTime;
  for (let i = 0; i < samples.length; i++) times.push((time += deltas[i] ?? 0));

  // Before the program's first sample: ours (waiting for us to resume it) and what came before.
  const firstProgramSample = samples.findIndex((id) => !ours.has(id) && !isWaiting(id));
  const leadingEnd = firstProgramSample < 0 ? samples.length : firstProgramSample;
  let first = 0;
  for (let i = 0; i < leadingEnd; i++) if (ours.has(samples[i])) first = i + 1;
  let last = samples.length - 1;
  let endTime = profile.endTime;
  if (endsAtLastActivity) {
    let lastBusy = last;
    while (lastBusy >= first && (ours.has(samples[lastBusy]) || isWaiting(samples[lastBusy]))) lastBusy--;
    // Nothing busy at all: an idle recording stays as it was, rather than lasting no time.
    if (lastBusy >= first) last = lastBusy;
    // The last busy sample lasts until the next sample, as the model reads a sample's time.
    if (last + 1 < samples.length) endTime = times[last + 1];
  }
  const keptSamples: number[] = [];
  const keptDeltas: number[] = [];
  let previous = first < samples.length ? times[first] : endTime;
  for (let i = first; i <= last; i++) {
    if (ours.has(samples[i])) continue; // its time goes to the sample before it
    keptSamples.push(samples[i]);
    keptDeltas.push(times[i] - previous);
    previous = times[i];
  }
  const startTime = Math.min(first < samples.length ? times[first] : endTime, endTime);
  return { ...profile, nodes: nodesWithSamples(profile.nodes, keptSamples), startTime, endTime, samples: keptSamples, timeDeltas: keptDeltas };
}

/** Ids of the nodes that run one of `urls` or are called from it. */
function nodesRunningScripts(profile: Profile, urls: ReadonlySet<string>): Set<number> {
  const result = new Set<number>();
  if (urls.size === 0) return result;
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  const children = new Set(profile.nodes.flatMap((node) => node.children ?? []));
  const stack = profile.nodes.filter((node) => !children.has(node.id)).map((node) => ({ node, inside: false }));
  while (stack.length > 0) {
    const { node, inside } = stack.pop()!;
    const ours = inside || urls.has(node.callFrame.url);
    if (ours) result.add(node.id);
    for (const child of node.children ?? []) {
      const next = byId.get(child);
      if (next) stack.push({ node: next, inside: ours });
    }
  }
  return result;
}

/** The nodes with a sample in their subtree (and the root), with hit counts from `samples`. */
function nodesWithSamples(nodes: Profile['nodes'], samples: readonly number[]): Profile['nodes'] {
  const hits = new Map<number, number>();
  for (const id of samples) hits.set(id, (hits.get(id) ?? 0) + 1);
  const parentOf = new Map<number, number>();
  for (const node of nodes) for (const child of node.children ?? []) parentOf.set(child, node.id);
  const keep = new Set<number>();
  for (const id of hits.keys()) {
    for (let at: number | undefined = id; at !== undefined && !keep.has(at); at = parentOf.get(at)) keep.add(at);
  }
  return nodes
    .filter((node) => keep.has(node.id) || !parentOf.has(node.id))
    .map((node) => ({
      ...node,
      hitCount: hits.get(node.id) ?? 0,
      ...(node.children ? { children: node.children.filter((child) => keep.has(child)) } : {}),
    }));
}
