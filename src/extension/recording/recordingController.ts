/**
 * Runs one recording at a time: reaches the target (launch, pid or address), shows it in the
 * status bar with the elapsed time (click to stop) and in a notification with Stop and Cancel,
 * saves the profile in the output folder, and says clearly what went wrong when it does.
 */
import * as path from 'node:path';
import * as vscode from 'vscode';
import { FlameLensError } from '../../core/errors';
import type { ResolvedTarget } from '../../core/inspector/attach';
import type { LaunchedProgram } from '../../core/inspector/launch';
import { settings } from '../settings';
import { LiveMemory } from './liveMemory';
import { memoryRecordOptions, memorySampleIntervalMs, saveMemoryFiles, type MemoryChoice, type RecordedFiles } from './memoryRecording';
import { OutputTail, programFailedMessage, ranProgramCode } from './programFailure';
import { profileFileName, type ProfileTarget } from './profileTarget';

interface ActiveRecording {
  readonly label: string;
  readonly stop: AbortController;
  readonly cancel: AbortController;
}

export class RecordingController implements vscode.Disposable {
  private active: ActiveRecording | undefined;
  private readonly statusBar = vscode.window.createStatusBarItem('flamelens.recording', vscode.StatusBarAlignment.Left, 100);
  private output: vscode.OutputChannel | undefined;
  private readonly liveMemoryStarted = new vscode.EventEmitter<LiveMemory>();
  /** A recording with the memory timeline started: its live memory, for the memory panel. */
  readonly onDidStartLiveMemory = this.liveMemoryStarted.event;

  constructor() {
    this.statusBar.name = 'FlameLens recording';
    this.statusBar.command = 'flamelens.stopProfiling';
  }

  get isRecording(): boolean {
    return this.active !== undefined;
  }

  /** Records the target and returns the saved files (the profile, and the memory files when asked). Throws FlameLensError. */
  async record(target: ProfileTarget, options: { durationMs: number; intervalUs?: number } & MemoryChoice): Promise<RecordedFiles> {
    if (this.active) throw new FlameLensError('bad-input', `FlameLens is already recording ${this.active.label}; stop it first.`);
    if (target.command && !vscode.workspace.isTrusted) {
      throw new FlameLensError('bad-input', 'Launching a program needs a trusted workspace. Trust this folder, or attach to a process that is already running.');
    }
    const recording: ActiveRecording = { label: target.label, stop: new AbortController(), cancel: new AbortController() };
    this.active = recording;
    void vscode.commands.executeCommand('setContext', 'flamelens.recording', true);
    let launched: LaunchedProgram | undefined;
    let resolved: ResolvedTarget | undefined;
    let live: LiveMemory | undefined;
    const tail = new OutputTail();
    try {
      // Loaded on first use: the inspector client and source tooling are most of the bundle.
      const [{ recordCpuProfile }, { parseTargetAddress }, { resolveInspectorTarget }, { launchWithInspector }, { writeCpuProfileFile }] =
        await Promise.all([
          import('../../core/capture/recordCpuProfile'),
          import('../../core/inspector/address'),
          import('../../core/inspector/attach'),
          import('../../core/inspector/launch'),
          import('../../core/model/cpu/profileFile'),
        ]);
      const cwd = target.cwd ?? vscode.workspace.workspaceFolders?.[0]?.uri.fsPath;
      let webSocketUrl: string;
      if (target.command) {
        const output = this.programOutput(target.label);
        const onOutput = (text: string) => {
          output.append(text);
          tail.add(text);
        };
        launched = await launchWithInspector(target.command, { cwd, stdio: 'pipe', onOutput }).catch((error: unknown) => {
          throw this.withLastOutput(error, tail);
        });
        output.appendLine(`(pid ${launched.pid})`);
        webSocketUrl = launched.webSocketUrl;
      } else {
        const address = parseTargetAddress(target.pid !== undefined ? String(target.pid) : target.address ?? '');
        resolved = await resolveInspectorTarget(address, { allowRemote: target.allowRemote });
        webSocketUrl = resolved.webSocketUrl;
      }
      const result = await recordCpuProfile(webSocketUrl, {
        ...memoryRecordOptions(options),
        durationMs: options.durationMs > 0 ? options.durationMs : undefined,
        intervalUs: options.intervalUs ?? settings.samplingIntervalUs(),
        stopSignal: recording.stop.signal,
        cancelSignal: recording.cancel.signal,
        resumeTarget: launched !== undefined,
        ownScriptUrls: launched ? [launched.bootloaderUrl] : undefined,
        rootPath: cwd,
        onStarted: () => {
          this.showRecording(recording, options.durationMs);
          if (options.memory) this.liveMemoryStarted.fire((live = new LiveMemory(target.label, webSocketUrl, memorySampleIntervalMs())));
        },
      });
      const failure = launched && result.endedBy === 'program-ended' ? await this.programFailure(launched, tail) : undefined;
      // Failed before any of its code ran: only Node's start-up was profiled, not worth a view.
      if (failure && !ranProgramCode(result.profile)) {
        throw new FlameLensError('target-failed', programFailedMessage(target.label, failure.exitCode, 'nothing was profiled', tail.last));
      }
      const file = path.join(settings.outputDirectory(), profileFileName(target.label, new Date()));
      await writeCpuProfileFile(file, result.profile);
      if (failure) {
        void vscode.window.showErrorMessage(`FlameLens: ${programFailedMessage(target.label, failure.exitCode, `its profile up to then is saved as ${path.basename(file)}`, tail.last)}`);
      }
      const files = await saveMemoryFiles(file, result);
      if (live && result.memory) {
        const { memoryOverview } = await import('../../core/model/memory/memoryOverview');
        await live.end({ overview: memoryOverview(result.memory), savedAs: files.memoryFile });
      }
      return files;
    } catch (error) {
      await live?.end({ message: error instanceof Error ? error.message : String(error) });
      throw error;
    } finally {
      live?.dispose();
      // Leave an attached process as we found it: close the inspector FlameLens opened (SIGUSR1).
      if (resolved) await this.closeInspectorWeOpened(resolved);
      launched?.terminate('SIGTERM');
      const program = launched;
      if (program) setTimeout(() => program.terminate('SIGKILL'), 5000).unref();
      this.active = undefined;
      this.statusBar.hide();
      void vscode.commands.executeCommand('setContext', 'flamelens.recording', false);
    }
  }

  /** Stops the recording and keeps the profile. */
  stop(): void {
    this.active?.stop.abort();
  }

  /** Ends the recording and keeps nothing. */
  cancel(): void {
    this.active?.cancel.abort();
  }

  dispose(): void {
    this.cancel();
    this.statusBar.dispose();
    this.output?.dispose();
    this.liveMemoryStarted.dispose();
  }

  private showRecording(recording: ActiveRecording, durationMs: number): void {
    const started = Date.now();
    const tick = () => {
      if (this.active !== recording) return clearInterval(timer);
      const seconds = Math.floor((Date.now() - started) / 1000);
      const elapsed = `${Math.floor(seconds / 60)}:${String(seconds % 60).padStart(2, '0')}`;
      const limit = durationMs > 0 ? ` / ${durationMs / 1000} s` : '';
      this.statusBar.text = `$(record) ${recording.label} ${elapsed}${limit}`;
      this.statusBar.tooltip = `FlameLens is recording ${recording.label}. Click to stop and save.`;
    };
    const timer = setInterval(tick, 1000);
    tick();
    this.statusBar.show();
    // A progress notification closes itself when the recording ends (a plain one would linger):
    // its Cancel button discards, the link in its message stops and saves.
    const ended = new Promise<void>((resolve) => {
      const check = setInterval(() => this.active !== recording && (clearInterval(check), resolve()), 250);
    });
    void vscode.window.withProgress(
      {
        location: vscode.ProgressLocation.Notification,
        title: `FlameLens is recording ${recording.label}`,
        cancellable: true,
      },
      async (progress, token) => {
        progress.report({ message: '[Stop and save](command:flamelens.stopProfiling) · Cancel discards it.' });
        token.onCancellationRequested(() => this.active === recording && this.cancel());
        await ended;
      },
    );
  }

  /** The launched program's output goes to the FlameLens output channel, not lost. */
  private programOutput(label: string): vscode.OutputChannel {
    this.output ??= vscode.window.createOutputChannel('FlameLens');
    this.output.appendLine(`--- ${label} ---`);
    return this.output;
  }

  /** The program's exit code when it ended by itself with a failure, once all it printed is in. */
  /** Closes the inspector an attach by pid opened, and says so when it stays open. */
  private async closeInspectorWeOpened(target: ResolvedTarget): Promise<void> {
    const { closeInspectorWeOpened } = await import('../../core/inspector/closeInspector');
    const warning = await closeInspectorWeOpened(target).catch((error: unknown) => (error instanceof Error ? error.message : String(error)));
    if (warning) void vscode.window.showWarningMessage(`FlameLens: ${warning}`);
  }

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
