/**
 * One recording, start to finish, as the CLI and the extension both run it: connect to
 * an inspector, sample until told to stop (duration, stop signal, or the program ending),
 * resolve source locations while the target is still there, disconnect.
 */
import { FlameLensError } from '../errors';
import { connectInspector } from '../inspector/session';
import { annotateHeapProfile } from '../model/allocation/allocationLocations';
import type { SavedCpuProfile } from '../model/cpu/savedProfile';
import type { MemoryTimeline } from '../model/timeline/savedTimeline';
import { annotateProfile } from '../sources/annotateProfile';
import { formatDuration } from '../../format';
import { liveScriptSources } from '../sources/scriptSources';
import { captureCpuProfile, type CpuCaptureResult } from './cpuProfile';
import { startMemoryCapture, wantsMemoryCapture, type MemoryCapture, type MemoryCaptureOptions, type MemoryCaptureResult } from './memoryCapture';

export interface RecordOptions extends MemoryCaptureOptions {
  readonly intervalUs?: number;
  /** Stop after this long; otherwise run until `stopSignal` or the program ends. */
  readonly durationMs?: number;
  /** Aborting it stops the recording and keeps the profile (Ctrl+C, a Stop button). */
  readonly stopSignal?: AbortSignal;
  /** Aborting it ends the recording at once and keeps nothing (a Cancel button). */
  readonly cancelSignal?: AbortSignal;
  /** The target waits for the debugger (launched by FlameLens) and must be resumed. */
  readonly resumeTarget?: boolean;
  /** Scripts that are FlameLens' own in the target (the launch bootloader): not the program's time. */
  readonly ownScriptUrls?: readonly string[];
  /** Folder the program runs in, for relative paths in the saved profile. */
  readonly rootPath?: string;
  /** Told of what could not be used while resolving sources (a damaged source map), one sentence each. */
  onNote?(message: string): void;
  /** Called once sampling runs. */
  onStarted?(): void;
}

export interface Recording extends MemoryCaptureResult {
  readonly profile: SavedCpuProfile;
  readonly endedBy: CpuCaptureResult['endedBy'];
  /** The signal that ended the program mid-recording (its profile is kept up to then). */
  readonly endSignal?: string;
  /** Worker threads that ran while recording (not in the main-thread profile). */
  readonly workerThreads: number;
}

/** Records a CPU profile of the target behind an inspector WebSocket URL. */
export async function recordCpuProfile(webSocketUrl: string, options: RecordOptions = {}): Promise<Recording> {
  const session = await connectInspector(webSocketUrl);
  let timer: NodeJS.Timeout | undefined;
  let onStop: (() => void) | undefined;
  let memory: MemoryCapture | undefined;
  // The in-target memory collector is removed before the connection goes (it would expire by itself, later).
  const onCancel = () => void (memory?.abandon() ?? Promise.resolve()).then(() => session.close());
  options.cancelSignal?.addEventListener('abort', onCancel, { once: true });
  try {
    if (options.cancelSignal?.aborted) throw cancelled();
    // With memory capture the target is resumed only once every sampler runs, so all start at its first line.
    const withMemory = wantsMemoryCapture(options);
    const capture = await captureCpuProfile(session, {
      intervalUs: options.intervalUs,
      resumeTarget: options.resumeTarget && !withMemory,
      ownScriptUrls: options.ownScriptUrls,
    });
    if (withMemory) memory = await startMemoryCapture(session, options);
    if (withMemory && options.resumeTarget) await session.send('Runtime.runIfWaitingForDebugger');
    options.onStarted?.();
    if (options.durationMs !== undefined) timer = setTimeout(() => void capture.stop(), options.durationMs);
    onStop = () => void capture.stop();
    if (options.stopSignal?.aborted) onStop();
    options.stopSignal?.addEventListener('abort', onStop, { once: true });
    const startedAt = Date.now();
    const result = await capture.result.catch(async (error) => {
      throw options.cancelSignal?.aborted ? cancelled() : await lostWithTimeline(error, memory, Date.now() - startedAt);
    });
    const extras = await memory?.stop();
    if (options.cancelSignal?.aborted) throw cancelled();
    return await withOriginalPositions(result, extras, options);
  } catch (error) {
    if (error instanceof FlameLensError) throw error;
    throw new FlameLensError('target-failed', `The recording failed: ${(error as Error).message ?? error}`, error);
  } finally {
    clearTimeout(timer);
    if (onStop) options.stopSignal?.removeEventListener('abort', onStop);
    options.cancelSignal?.removeEventListener('abort', onCancel);
    void memory?.stop().catch(() => undefined); // after a failure: clears the poll timer
    await session.close();
  }
}

/** The recording, its profiles annotated with original positions while the target (and its scripts) is still there. */
async function withOriginalPositions(result: CpuCaptureResult, extras: MemoryCaptureResult | undefined, options: RecordOptions): Promise<Recording> {
  const annotated = await annotateProfile(result.profile, liveScriptSources(result), { rootPath: options.rootPath, onNote: options.onNote });
  const profile = withWorkerThreads(annotated, result.workerThreads);
  const allocations = extras?.allocations && (await annotateHeapProfile(extras.allocations, liveScriptSources(result), { rootPath: options.rootPath }));
  return {
    profile,
    endedBy: result.endedBy,
    ...(result.endSignal ? { endSignal: result.endSignal } : {}),
    workerThreads: result.workerThreads,
    ...(extras?.memory ? { memory: extras.memory } : {}),
    ...(allocations ? { allocations } : {}),
  };
}

/** Says in the saved file that worker threads ran, so every view can tell they are not in it. */
function withWorkerThreads(profile: SavedCpuProfile, workerThreads: number): SavedCpuProfile {
  if (workerThreads === 0) return profile;
  return { ...profile, $flamelens: { ...(profile.$flamelens ?? { version: 1, scripts: [] }), workerThreads } };
}

/**
 * The target went before its CPU profile could be collected (SIGKILL, a crash, V8's out-of-memory
 * abort: V8 keeps the profile inside the process and hands it over only on request). The memory
 * timeline lives on our side: what was sampled until then is kept, and the error carries it.
 */
export class RecordingLost extends FlameLensError {
  constructor(
    message: string,
    /** The memory timeline up to the end, when one was recorded. */
    readonly memory: MemoryTimeline | undefined,
    cause?: unknown,
  ) {
    super('target-failed', message, cause);
  }
}

async function lostWithTimeline(error: unknown, memory: MemoryCapture | undefined, recordedMs: number): Promise<unknown> {
  if (!memory || !(error instanceof FlameLensError)) return error;
  const timeline = (await memory.stop().catch(() => undefined))?.memory;
  if (!timeline || timeline.samples.length === 0) return error;
  return new RecordingLost(
    `The process exited or closed the inspector connection after ${formatDuration(recordedMs)} of recording, so its CPU profile is lost (a killed or crashed process cannot hand it over); the memory timeline up to then is kept.`,
    timeline,
    error,
  );
}

function cancelled(): FlameLensError {
  return new FlameLensError('cancelled', 'The recording was cancelled; nothing was saved.');
}
