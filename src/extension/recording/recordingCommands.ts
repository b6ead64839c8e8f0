/** "FlameLens: Profile Process" and what every recording does when it is saved: open what it recorded. */
import * as path from 'node:path';
import * as vscode from 'vscode';
import { heapCommands, type Services } from '../services';
import { settings } from '../settings';
import type { ProfileTarget } from './profileTarget';
import type { RecordedFiles } from './recordedFiles';
import type { RecordingOptions } from './recordingController';

/** Picks a target and what to record (or a heap snapshot), records it and opens the result. */
export async function profileProcess(services: Services): Promise<void> {
  const { pickRecording } = await import('./targetPicker');
  const choice = await pickRecording(services.context.workspaceState);
  if (!choice) return;
  if (choice.snapshot) {
    await (await heapCommands()).takeHeapSnapshotCommand(services.heap, choice.target);
    return;
  }
  const { file } = await recordAndOpen(services, choice.target, {
    durationMs: choice.durationMs,
    intervalUs: settings.samplingIntervalUs(),
    ...choice.capture,
  });
  void vscode.window.setStatusBarMessage(`$(check) FlameLens saved ${path.basename(file)}`, 5000);
}

/**
 * Records, then opens what the recording saved in ONE editor group: the group of the live
 * timeline when there was one (the code stays beside it), else the active group. The CPU
 * profile, then the allocation profile, then the timeline in place of the live panel, in front.
 */
export async function recordAndOpen(services: Services, target: ProfileTarget, options: RecordingOptions): Promise<RecordedFiles> {
  const files = await services.recorder.record(target, options);
  await openRecording(services, files);
  return files;
}

/** Opens a recording's files together, in one group (see recordAndOpen). */
export async function openRecording(services: Services, files: RecordedFiles): Promise<void> {
  const liveColumn = services.liveTimeline.viewColumn;
  await services.editors.profile.open(files.file, liveColumn !== undefined ? { viewColumn: liveColumn } : undefined);
  await services.library.openProfile(files.file);
  // Where the profile landed: the other files join it there, not in a group of their own.
  const column = liveColumn ?? vscode.window.tabGroups.activeTabGroup.viewColumn;
  if (files.allocationsFile) await services.editors.allocation.open(files.allocationsFile, { viewColumn: column, preserveFocus: true });
  if (files.memoryFile) await services.liveTimeline.openSaved(files.memoryFile, column);
}

/** A target in the user's words, for the API's targets ("pid 4242", "node server.js"). */
export function targetLabel(target: { pid?: number; address?: string; command?: readonly string[] }): string {
  if (target.pid !== undefined) return `pid ${target.pid}`;
  return target.address ?? target.command?.map((word) => path.basename(word)).join(' ') ?? 'target';
}
