/**
 * Runs one recording at a time: reaches the target (launch, pid or address), shows it in the
 * status bar with the elapsed time (click to stop) and in a notification (recordingStatus.ts),
 * saves the profile in the output folder, and says clearly what went wrong when it does.
 */
import * as path from 'node:path';
import * as vscode from 'vscode';
import { FlameLensError } from '../../core/errors';
import type { Recording } from '../../core/capture/recordCpuProfile';
import type { ResolvedTarget } from '../../core/inspector/attach';
import { exitGraceMs } from '../../core/inspector/exitGrace';
import type { LaunchedProgram } from '../../core/inspector/launch';
import type { MemorySampler } from '../../core/capture/memorySampler';
import { Commands, ContextKeys, StatusBarItems } from '../contributions';
import { settings } from '../settings';
import type { MemoryOverviewDto } from '../../protocol/timeline/views';
import { LiveTimeline } from '../timeline/liveTimeline';
import { captureOptions, saveRecordedFiles, type CaptureChoice, type RecordedFiles } from './recordedFiles';
import { OutputTail, programFailedMessage, ranProgramCode } from './programFailure';
import { profileFileName, type ProfileTarget } from './profileTarget';
import { confirmDiscard, showRecording } from './recordingStatus';

/** What to record: how long (0: until stopped), how finely, and the timeline and allocations or not. */
export type RecordingOptions = { durationMs: number; intervalUs?: number } & CaptureChoice;

/** The target reached: its inspector, and what to undo afterwards. */
interface ReachedTarget {
  readonly webSocketUrl: string;
  readonly cwd: string | undefined;
  /** The program FlameLens launched (ended after the recording). */
  readonly launched?: LaunchedProgram;
  /** The process FlameLens attached to (its inspector closed again if FlameLens opened it). */
  readonly resolved?: ResolvedTarget;
}

interface ActiveRecording {
  readonly label: string;
  readonly stop: AbortController;
  readonly cancel: AbortController;
}

export class RecordingController implements vscode.Disposable {
  private active: ActiveRecording | undefined;
  private readonly statusBar = vscode.window.createStatusBarItem(StatusBarItems.recording, vscode.StatusBarAlignment.Left, 100);
  private output: vscode.OutputChannel | undefined;
  private readonly liveTimelineStarted = new vscode.EventEmitter<LiveTimeline>();
  /** A recording with the memory timeline started: its live timeline, for the live panel. */
  readonly onDidStartLiveTimeline = this.liveTimelineStarted.event;

  constructor() {
    this.statusBar.name = 'FlameLens recording';
    this.statusBar.command = Commands.stopProfiling;
  }

  get isRecording(): boolean {
    return this.active !== undefined;
  }

  /** Records the target and returns the saved files (the profile, and the memory files when asked). Throws FlameLensError. */
  async record(target: ProfileTarget, options: RecordingOptions): Promise<RecordedFiles> {
    if (this.active) throw new FlameLensError('bad-input', `FlameLens is already recording ${this.active.label}; stop it first.`);
    if (target.command && !vscode.workspace.isTrusted) {
      throw new FlameLensError(
        'bad-input',
        'Launching a program needs a trusted workspace. Trust this folder, or attach to a process that is already running.',
      );
    }
    const recording: ActiveRecording = { label: target.label, stop: new AbortController(), cancel: new AbortController() };
    this.active = recording;
    void vscode.commands.executeCommand('setContext', ContextKeys.recording, true);
    const tail = new OutputTail();
    let reached: ReachedTarget | undefined;
    let live: LiveTimeline | undefined;
    // The recording's own memory sampler, once it runs: the live panel follows it (one series, one verdict).
    let sampler: MemorySampler | undefined;
    try {
      reached = await this.reach(target, tail);
      const { webSocketUrl } = reached;
      const onSampler = (started: MemorySampler) => (sampler = started);
      const result = await this.capture(reached, recording, options, onSampler, () => {
        this.showRecording(recording, options.durationMs);
        if (options.memory) {
          this.liveTimelineStarted.fire((live = new LiveTimeline(target.label, webSocketUrl, settings.timelineSampleIntervalMs(), sampler)));
        }
      });
      const files = await this.save(target.label, reached, result, tail);
      await sayHowItEnded(reached, result, files.file);
      if (live && result.memory) {
        const { memoryOverview } = await import('../../core/model/timeline/memoryOverview');
        await live.end({ overview: memoryOverview(result.memory), savedAs: files.memoryFile });
      }
      return files;
    } catch (error) {
      const savedAs = await keepTimelineOfLostRecording(error, target.label, reached);
      if (savedAs) await live?.end({ overview: savedAs.overview, savedAs: savedAs.file });
      else await live?.end({ message: error instanceof Error ? error.message : String(error) });
      throw error;
    } finally {
      live?.dispose();
      if (reached) await this.leaveAsFound(reached);
      this.active = undefined;
      this.statusBar.hide();
      void vscode.commands.executeCommand('setContext', ContextKeys.recording, false);
    }
  }

  /** Stops the recording and keeps the profile. */
  stop(): void {
    this.active?.stop.abort();
  }

  /** Ends the recording and keeps nothing; with `confirm`, only once the user agreed. */
  async cancel(options?: { confirm?: boolean }): Promise<void> {
    const recording = this.active;
    if (!recording) return;
    if (options?.confirm && !(await confirmDiscard(recording.label))) return;
    if (this.active === recording) recording.cancel.abort();
  }

  dispose(): void {
    this.active?.cancel.abort();
    this.statusBar.dispose();
    this.output?.dispose();
    this.liveTimelineStarted.dispose();
  }

  /** Launches the program or finds the process's inspector (the inspector client is loaded on first use: it is most of the bundle). */
  private async reach(target: ProfileTarget, tail: OutputTail): Promise<ReachedTarget> {
    const cwd = target.cwd ?? vscode.workspace.workspaceFolders?.[0]?.uri.fsPath;
    if (target.command) {
      const { launchWithInspector } = await import('../../core/inspector/launch');
      const output = this.programOutput(target.label);
      const onOutput = (text: string) => {
        output.append(text);
        tail.add(text);
      };
      const launched = await launchWithInspector(target.command, { cwd, stdio: 'pipe', onOutput }).catch((error: unknown) => {
        throw this.withLastOutput(error, tail);
      });
      output.appendLine(`(pid ${launched.pid})`);
      return { webSocketUrl: launched.webSocketUrl, cwd, launched };
    }
    const [{ parseTargetAddress }, { resolveInspectorTarget }] = await Promise.all([
      import('../../core/inspector/address'),
      import('../../core/inspector/attach'),
    ]);
    const address = parseTargetAddress(target.pid !== undefined ? String(target.pid) : (target.address ?? ''));
    const resolved = await resolveInspectorTarget(address, { allowRemote: target.allowRemote });
    return { webSocketUrl: resolved.webSocketUrl, cwd, resolved };
  }

  /** Samples until stopped, the duration is over or the program ends. */
  private async capture(
    reached: ReachedTarget,
    recording: ActiveRecording,
    options: RecordingOptions,
    onSampler: (sampler: MemorySampler) => void,
    onStarted: () => void,
  ): Promise<Recording> {
    const { recordCpuProfile } = await import('../../core/capture/recordCpuProfile');
    const capture = captureOptions(options);
    return recordCpuProfile(reached.webSocketUrl, {
      ...capture,
      ...(capture.memory ? { memory: { ...capture.memory, onStarted: onSampler } } : {}),
      durationMs: options.durationMs > 0 ? options.durationMs : undefined,
      intervalUs: options.intervalUs ?? settings.samplingIntervalUs(),
      stopSignal: recording.stop.signal,
      cancelSignal: recording.cancel.signal,
      resumeTarget: reached.launched !== undefined,
      ownScriptUrls: reached.launched ? [reached.launched.bootloaderUrl] : undefined,
      rootPath: reached.cwd,
      onStarted,
    });
  }

  /** Saves the profile (and the timeline and allocation profile) in the output folder; a launched program that failed is said so. */
  private async save(label: string, reached: ReachedTarget, result: Recording, tail: OutputTail): Promise<RecordedFiles> {
    const failure = reached.launched && result.endedBy === 'program-ended' ? await this.programFailure(reached.launched, tail) : undefined;
    // Failed before any of its code ran: only Node's start-up was profiled, not worth a view.
    if (failure && !ranProgramCode(result.profile)) {
      throw new FlameLensError('target-failed', programFailedMessage(label, failure.exitCode, 'nothing was profiled', tail.last));
    }
    const { writeCpuProfileFile } = await import('../../core/model/cpu/profileFile');
    const file = path.join(settings.outputDirectory(), recordingFileName(label, reached));
    await writeCpuProfileFile(file, result.profile);
    if (failure) {
      void vscode.window.showErrorMessage(
        `FlameLens: ${programFailedMessage(label, failure.exitCode, `its profile up to then is saved as ${path.basename(file)}`, tail.last)}`,
      );
    }
    return saveRecordedFiles(file, result);
  }

  /** Ends the program FlameLens launched; closes the inspector FlameLens opened in an attached process (SIGUSR1). */
  private async leaveAsFound(reached: ReachedTarget): Promise<void> {
    if (reached.resolved) await this.closeInspectorWeOpened(reached.resolved);
    const program = reached.launched;
    if (!program) return;
    program.terminate('SIGTERM');
    setTimeout(() => program.terminate('SIGKILL'), exitGraceMs).unref();
  }

  private showRecording(recording: ActiveRecording, durationMs: number): void {
    showRecording(this.statusBar, {
      label: recording.label,
      durationMs,
      isRunning: () => this.active === recording,
      stop: () => recording.stop.abort(),
      discard: () => recording.cancel.abort(),
    });
  }

  /** The launched program's output goes to the FlameLens output channel, not lost. */
  private programOutput(label: string): vscode.OutputChannel {
    this.output ??= vscode.window.createOutputChannel('FlameLens');
    this.output.appendLine(`--- ${label} ---`);
    return this.output;
  }

  /** Closes the inspector an attach by pid opened, and says so when it stays open. */
  private async closeInspectorWeOpened(target: ResolvedTarget): Promise<void> {
    const { closeInspectorWeOpened } = await import('../../core/inspector/closeInspector');
    const warning = await closeInspectorWeOpened(target).catch((error: unknown) => (error instanceof Error ? error.message : String(error)));
    if (warning) void vscode.window.showWarningMessage(`FlameLens: ${warning}`);
  }

  /** The program's exit code when it ended by itself with a failure, once all it printed is in. */
  private async programFailure(launched: LaunchedProgram, tail: OutputTail): Promise<{ exitCode: number } | undefined> {
    // An uncaught error's stack is printed after the exit handlers, when we notice the end.
    await Promise.race([launched.outputEnded, new Promise((resolve) => setTimeout(resolve, 3000).unref())]);
    const exit = launched.programExit();
    if (!exit || exit.exitCode === 0) return undefined;
    if (tail.last.length > 0) this.output?.show(true);
    return exit;
  }

  /** A launch that failed says what the program printed last (the output channel has the rest). */
  private withLastOutput(error: unknown, tail: OutputTail): unknown {
    if (!(error instanceof FlameLensError) || error.kind === 'cancelled' || tail.last.length === 0) return error;
    this.output?.show(true);
    return new FlameLensError(error.kind, `${error.message} Its last output: ${tail.last.map((l) => l.trim()).join(' ⏎ ')}`, error.cause);
  }
}

/** Named after the program: the launched command, or the attached process's own command line. */
function recordingFileName(label: string, reached: ReachedTarget | undefined): string {
  return profileFileName({ label, pid: reached?.resolved?.pid, argv: reached?.resolved?.argv ?? reached?.launched?.argv }, new Date());
}

/** An attached process that ended mid-recording, or a launched one a signal ended: say what was kept. */
async function sayHowItEnded(reached: ReachedTarget, result: Recording, file: string): Promise<void> {
  if (!reached.resolved && !result.endSignal) return;
  const { recordingEndNote } = await import('../../core/capture/recordingEnd');
  const note = recordingEndNote(result, reached.resolved ? 'process' : 'program', `its profile up to then is saved as ${path.basename(file)}`);
  if (note) void vscode.window.showWarningMessage(`FlameLens: ${note}`);
}

/**
 * A target killed before it could hand over its CPU profile (SIGKILL, a crash): the memory
 * timeline recorded up to then is still saved (the error's sentence says so).
 */
async function keepTimelineOfLostRecording(
  error: unknown,
  label: string,
  reached: ReachedTarget | undefined,
): Promise<{ file: string; overview: MemoryOverviewDto } | undefined> {
  const { RecordingLost } = await import('../../core/capture/recordCpuProfile');
  if (!(error instanceof RecordingLost) || !error.memory) return undefined;
  const file = path.join(settings.outputDirectory(), recordingFileName(label, reached).replace(/\.cpuprofile$/, '.memory.json'));
  const [{ writeMemoryTimelineFile }, { memoryOverview }] = await Promise.all([
    import('../../core/model/timeline/timelineFile'),
    import('../../core/model/timeline/memoryOverview'),
  ]);
  await writeMemoryTimelineFile(file, error.memory);
  return { file, overview: memoryOverview(error.memory) };
}
