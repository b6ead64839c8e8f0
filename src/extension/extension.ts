/**
 * The VS Code layer's entry point: wires the engine to commands, the profile editor and the
 * annotations by hand. Activation only constructs objects; the worker and the inspector
 * start when a command needs them.
 */
import * as path from 'node:path';
import * as vscode from 'vscode';
import { FlameLensError } from '../core/errors';
import { Annotations } from './annotations/annotations';
import { openSourceLine } from './openLocation';
import { ProfilePanels } from './panels/profilePanels';
import { ProfileLibrary } from './profileLibrary';
import type { ProfileTarget } from './recording/profileTarget';
import { RecordingController } from './recording/recordingController';
import { settings } from './settings';

export interface FlameLensApi {
  profile(
    target: { pid?: number; address?: string; command?: string[]; cwd?: string },
    options: { durationMs: number; intervalUs?: number },
  ): Promise<{ file: string }>;
  openProfile(file: string): Promise<void>;
  hotLines(file: string): Array<{ line: number; selfMs: number; selfPct: number }>;
}

export function activate(context: vscode.ExtensionContext): FlameLensApi {
  const library = new ProfileLibrary();
  const panels = new ProfilePanels(library, context.extensionUri);
  const recorder = new RecordingController();
  const annotations = new Annotations(library, context.extensionUri);
  context.subscriptions.push(library, panels, recorder, annotations);

  const openProfile = async (file: string) => {
    await vscode.commands.executeCommand('vscode.openWith', vscode.Uri.file(file), ProfilePanels.editorViewType);
    await library.openProfile(file);
  };
  const recordAndOpen = async (target: ProfileTarget, options: { durationMs: number; intervalUs?: number }) => {
    const file = await recorder.record(target, options);
    await openProfile(file);
    return file;
  };

  const command = (id: string, run: (...args: any[]) => unknown) =>
    context.subscriptions.push(vscode.commands.registerCommand(id, (...args) => reportFailures(() => run(...args))));

  command('flamelens.profileProcess', async () => {
    const { pickRecording } = await import('./recording/targetPicker');
    const choice = await pickRecording(context.workspaceState);
    if (!choice) return;
    const file = await recordAndOpen(choice.target, { durationMs: choice.durationMs, intervalUs: settings.samplingIntervalUs() });
    void vscode.window.setStatusBarMessage(`$(check) FlameLens saved ${path.basename(file)}`, 5000);
  });
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
  );

  return {
    async profile(target, options) {
      const label = target.pid !== undefined ? `pid ${target.pid}` : target.address ?? target.command?.map((word) => path.basename(word)).join(' ') ?? 'target';
      return { file: await recordAndOpen({ ...target, label }, options) };
    },
    openProfile,
    hotLines: (file) => annotations.hotLines(file),
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
