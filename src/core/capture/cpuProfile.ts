/**
 * CPU profile capture on an inspector session. Returns a handle that stops on demand,
 * stops by itself when the program ends (Node keeps the process alive for a connected
 * inspector until it disconnects), and fails clearly when the process dies first.
 */
import type { Protocol } from 'devtools-protocol';
import { targetFailed } from '../errors';
import type { InspectorSession } from '../inspector/session';

export interface CpuCaptureOptions {
  /** Sampling interval in microseconds; Node's own default (--cpu-prof-interval) is 1000. */
  readonly intervalUs?: number;
  /** Resume a program that waits for the debugger (launched by FlameLens) once sampling runs. */
  readonly resumeTarget?: boolean;
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
  readonly scripts: ReadonlyMap<string, LoadedScript>;
  /** Reads a script's source from the still-connected target (for source maps and function ranges). */
  readScriptSource(scriptId: string): Promise<string | undefined>;
}

export interface CpuCapture {
  /** Settles when sampling has stopped, for whatever reason. */
  readonly result: Promise<CpuCaptureResult>;
  /** Stops sampling and collects the profile. */
  stop(): Promise<CpuCaptureResult>;
}

export const defaultSamplingIntervalUs = 1000;

/** Starts sampling the target's CPU. */
export async function captureCpuProfile(session: InspectorSession, options: CpuCaptureOptions = {}): Promise<CpuCapture> {
  const scripts = new Map<string, LoadedScript>();
  session.on('Debugger.scriptParsed', (script) => {
    if (!script.url) return;
    scripts.set(script.scriptId, { scriptId: script.scriptId, url: script.url, sourceMapURL: script.sourceMapURL || undefined });
  });
  // The program has ended when its main (default) context goes; vm contexts come and go.
  const mainContexts = new Set<number>();
  session.on('Runtime.executionContextCreated', ({ context }) => {
    if ((context.auxData as { isDefault?: boolean } | undefined)?.isDefault) mainContexts.add(context.id);
  });
  await session.send('Runtime.enable');
  await session.send('Debugger.enable', {});
  await session.send('Profiler.enable');
  await session.send('Profiler.setSamplingInterval', { interval: options.intervalUs ?? defaultSamplingIntervalUs });
  await session.send('Profiler.start');
  if (options.resumeTarget) await session.send('Runtime.runIfWaitingForDebugger');

  let stopping: Promise<CpuCaptureResult> | undefined;
  const stopBecause = (endedBy: CpuCaptureResult['endedBy']): Promise<CpuCaptureResult> => {
    stopping ??= session.send('Profiler.stop').then(
      ({ profile }) => ({ profile, endedBy, scripts, readScriptSource: (id: string) => readScriptSource(session, id) }),
      (error) => {
        throw targetFailed('The process exited before the CPU profile could be collected; nothing was saved.', error);
      },
    );
    return stopping;
  };

  let stopRequested: () => void = () => undefined;
  // Whichever comes first settles the result: stop(), the program ending, or the socket dropping.
  const result = new Promise<CpuCaptureResult>((resolve, reject) => {
    // Node keeps the process for a connected inspector after the program ends: collect then.
    session.on('Runtime.executionContextDestroyed', ({ executionContextId }) => {
      if (mainContexts.has(executionContextId)) stopBecause('program-ended').then(resolve, reject);
    });
    session.disconnected.then(() => {
      if (stopping) stopping.then(resolve, reject);
      else reject(targetFailed('The process exited or closed the inspector connection while the CPU profile was being recorded; nothing was saved.'));
    });
    stopRequested = () => stopBecause('stop').then(resolve, reject);
  });
  result.catch(() => undefined); // Observed by the caller; avoid an unhandled rejection meanwhile.
  return {
    result,
    stop() {
      stopRequested();
      return result;
    },
  };
}

function readScriptSource(session: InspectorSession, scriptId: string): Promise<string | undefined> {
  return session.send('Debugger.getScriptSource', { scriptId }).then(
    (r) => r.scriptSource,
    () => undefined,
  );
}
