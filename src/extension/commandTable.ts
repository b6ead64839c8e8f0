/**
 * Every command and what it runs: one row per id in contributions.ts (the compiler insists on
 * all of them). A command's failure becomes one clear message, never a stack trace.
 */
import * as vscode from 'vscode';
import { FlameLensError } from '../core/errors';
import { Commands, type CommandId } from './contributions';
import { openLocationCommand } from './openLocation';
import { pickAndOpenProfile, showFlamegraph, showFunction, toggleAnnotations } from './profile/profileCommands';
import { profileProcess } from './recording/recordingCommands';
import { heapCommands, type Services } from './services';

type Handler = (services: Services, ...args: unknown[]) => unknown;

const handlers: Record<CommandId, Handler> = {
  [Commands.profileProcess]: profileProcess,
  [Commands.stopProfiling]: (services) => services.recorder.stop(),
  // The notification's Discard link passes { confirm: true }; the palette command discards at once.
  [Commands.cancelProfiling]: (services, options) => services.recorder.cancel(isConfirmRequest(options) ? options : undefined),
  [Commands.openProfile]: pickAndOpenProfile,
  [Commands.showFlamegraph]: showFlamegraph,
  [Commands.toggleAnnotations]: toggleAnnotations,
  [Commands.showFunction]: showFunction,
  [Commands.openLocation]: (_services, file, line) => openLocationCommand(file, line),
  [Commands.takeHeapSnapshot]: async (services) => (await heapCommands()).takeHeapSnapshotCommand(services.heap),
  [Commands.findMemoryLeak]: async (services) => (await heapCommands()).findMemoryLeakCommand(services.heap),
  [Commands.compareHeapSnapshots]: async (services) => (await heapCommands()).compareHeapSnapshotsCommand(services.heap),
  // Loaded on first use: it stays out of the activation bundle.
  [Commands.deleteOldRecordings]: async () => (await import('./recording/pruneRecordings')).deleteOldRecordings(),
};

function isConfirmRequest(value: unknown): value is { confirm: boolean } {
  return typeof value === 'object' && value !== null && (value as { confirm?: unknown }).confirm === true;
}

export function registerCommands(services: Services): vscode.Disposable[] {
  return Object.entries(handlers).map(([id, run]) => vscode.commands.registerCommand(id, (...args: unknown[]) => reportFailures(() => run(services, ...args))));
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
