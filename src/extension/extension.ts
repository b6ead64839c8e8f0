/**
 * The VS Code layer's entry point: wires the engine to commands, the profile editor and the
 * annotations by hand. Activation only constructs objects; the worker and the inspector
 * start when a command needs them.
 */
import * as path from 'node:path';
import * as vscode from 'vscode';
import { HeapClient } from '../core/analysis/heapClient';
import { FlameLensError } from '../core/errors';
import { Annotations } from './annotations/annotations';
import { openSourceLine } from './openLocation';
import { HeapSnapshotPanels } from './panels/heapSnapshotPanels';
import { onSnapshotRequested } from './panels/memoryView';
import { registerMemoryViews } from './panels/memoryViewsRegistry';
import { ProfilePanels } from './panels/profilePanels';
import { ProfileLibrary } from './profileLibrary';
import type { ProfileTarget } from './recording/profileTarget';
import { RecordingController } from './recording/recordingController';
import { settings } from './settings';

export interface FlameLensApi {
  profile(
    target: { pid?: number; address?: string; command?: string[]; cwd?: string },
    options: { durationMs: number; intervalUs?: number; memory?: boolean; allocations?: boolean },
  ): Promise<{ file: string; memoryFile?: string; allocationsFile?: string }>;
  openProfile(file: string): Promise<void>;
  hotLines(file: string): Array<{ line: number; selfMs: number; selfPct: number }>;
  /** Takes a heap snapshot of a running process, saves it and opens it in the heap view. */
  takeHeapSnapshot(target: { pid?: number; address?: string }): Promise<{ file: string }>;
  /**
   * Finds a leak: snapshots with `waitForLoad` in between (it resolves true to take the next),
   * then the comparison; resolves once the comparison is drawn.
   */
  findLeak(
    target: { pid?: number; address?: string; command?: string[]; cwd?: string },
    options: { snapshots?: 2 | 3; waitForLoad(taken: number): Promise<boolean> },
  ): Promise<{ files: readonly string[]; growth: ReadonlyArray<{ name: string; countDelta: number; sizeDelta: number; retainerPath: readonly string[] }> }>;
}

export function activate(context: vscode.ExtensionContext): FlameLensApi {
  const library = new ProfileLibrary();
  const panels = new ProfilePanels(library, context.extensionUri);
  const recorder = new RecordingController();
  const annotations = new Annotations(library, context.extensionUri);
  context.subscriptions.push(library, panels, recorder, annotations);
  const memoryViews = registerMemoryViews(context, recorder);
  // One heap worker (started on first use) for every snapshot view and comparison.
  const heap = new HeapClient();
  const heapPanels = new HeapSnapshotPanels(heap, context.extensionUri);
  context.subscriptions.push(heapPanels, { dispose: () => heap.dispose() });

  let programOutput: vscode.OutputChannel | undefined;
  const memoryDeps = {
    extensionUri: context.extensionUri,
    heap,
    memento: context.workspaceState,
    log: (text: string) => (programOutput ??= vscode.window.createOutputChannel('FlameLens: heap snapshot targets')).append(text),
  };
  // The snapshot commands load their code (and the inspector client) on first use.
  const memoryCommands = () => import('./memory/memoryCommands');

  const openProfile = async (file: string) => {
    await vscode.commands.executeCommand('vscode.openWith', vscode.Uri.file(file), ProfilePanels.editorViewType);
    await library.openProfile(file);
  };
  const recordAndOpen = async (target: ProfileTarget, options: Parameters<RecordingController['record']>[1]) => {
    const files = await recorder.record(target, options);
    await openProfile(files.file);
    await memoryViews.openRecorded(files);
    return files;
  };

  const command = (id: string, run: (...args: any[]) => unknown) =>
    context.subscriptions.push(vscode.commands.registerCommand(id, (...args) => reportFailures(() => run(...args))));

  command('flamelens.profileProcess', async () => {
    const { pickRecording } = await import('./recording/targetPicker');
    const choice = await pickRecording(context.workspaceState);
    if (!choice) return;
    if (choice.snapshot) return (await memoryCommands()).takeHeapSnapshotCommand(memoryDeps, choice.target);
    const { file } = await recordAndOpen(choice.target, { durationMs: choice.durationMs, intervalUs: settings.samplingIntervalUs(), ...choice.capture });
    void vscode.window.setStatusBarMessage(`$(check) FlameLens saved ${path.basename(file)}`, 5000);
  });
  // A click on the live memory chart takes a snapshot of the process being recorded.
  context.subscriptions.push(
    onSnapshotRequested(async (request) =>
      (await memoryCommands()).takeHeapSnapshotCommand(memoryDeps, { label: request.label, address: request.webSocketUrl }),
    ),
  );
  command('flamelens.takeHeapSnapshot', async () => (await memoryCommands()).takeHeapSnapshotCommand(memoryDeps));
  command('flamelens.findMemoryLeak', async () => (await memoryCommands()).findMemoryLeakCommand(memoryDeps));
  command('flamelens.compareHeapSnapshots', async () => (await memoryCommands()).compareHeapSnapshotsCommand(memoryDeps));
  command('flamelens.stopProfiling', () => recorder.stop());
  command('flamelens.cancelProfiling', () => recorder.cancel());
  command('flamelens.openProfile', async () => {
    const picked = await vscode.window.showOpenDialog({ canSelectMany: false, filters: { 'CPU profiles': ['cpuprofile'] }, title: 'Open a CPU profile' });
    if (picked?.[0]) await openProfile(picked[0].fsPath);
  });
  command('flamelens.showFlamegraph', async () => {
    if (!library.latest) throw new FlameLensError('bad-input', 'No profile is open yet. Record one with "FlameLens: Profile Process" or open a .cpuprofile file.');
    await openProfile(library.latest.file);
  });
  command('flamelens.toggleAnnotations', () => {
    const enabled = annotations.toggle();
    void vscode.window.setStatusBarMessage(`FlameLens annotations ${enabled ? 'on' : 'off'}`, 3000);
  });
  command('flamelens.showFunction', async (name: unknown) => {
    if (typeof name !== 'string' || !library.latest) return;
    await openProfile(library.latest.file);
    panels.viewOf(library.latest.file)?.search(name);
  });
  command('flamelens.openLocation', async (file: unknown, line: unknown) => {
    // Reached from hover links: check the arguments like any other untrusted input.
    if (typeof file === 'string' && path.isAbsolute(file) && typeof line === 'number' && Number.isInteger(line) && line > 0) {
      await openSourceLine(file, line);
    }
  });
  context.subscriptions.push(
    vscode.window.registerCustomEditorProvider(ProfilePanels.editorViewType, panels, {
      webviewOptions: { retainContextWhenHidden: true },
      supportsMultipleEditorsPerDocument: false,
    }),
    vscode.window.registerCustomEditorProvider(HeapSnapshotPanels.editorViewType, heapPanels, {
      webviewOptions: { retainContextWhenHidden: true },
      supportsMultipleEditorsPerDocument: false,
    }),
  );

  return {
    async profile(target, options) {
      const label = target.pid !== undefined ? `pid ${target.pid}` : target.address ?? target.command?.map((word) => path.basename(word)).join(' ') ?? 'target';
      return recordAndOpen({ ...target, label }, options);
    },
    openProfile,
    hotLines: (file) => annotations.hotLines(file),
    async takeHeapSnapshot(target) {
      const label = target.pid !== undefined ? `pid ${target.pid}` : (target.address ?? 'target');
      const file = await (await memoryCommands()).takeHeapSnapshotCommand(memoryDeps, { ...target, label });
      return { file: file! };
    },
    async findLeak(target, options) {
      const label = target.pid !== undefined ? `pid ${target.pid}` : target.address ?? target.command?.map((word) => path.basename(word)).join(' ') ?? 'target';
      const view = await (await memoryCommands()).findMemoryLeakCommand(memoryDeps, { ...options, target: { ...target, label } });
      const diff = await view!.ready;
      return { files: view!.files, growth: diff.growth };
    },
  };
}

export function deactivate(): void {
  // Everything is disposed through context.subscriptions.
}

/** Runs a command; failures become one clear message, never a stack trace. */
async function reportFailures(run: () => unknown): Promise<void> {
  try {
    await run();
  } catch (error) {
    if (error instanceof FlameLensError) {
      if (error.kind !== 'cancelled') void vscode.window.showErrorMessage(`FlameLens: ${error.message}`);
      return;
    }
    void vscode.window.showErrorMessage(`FlameLens: something went wrong (${(error as Error).message ?? error}). Please report it.`);
  }
}
