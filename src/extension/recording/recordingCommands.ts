/** "FlameLens: Profile Process" and what every recording does when it is saved: open what it recorded. */
import * as path from 'node:path';
import * as vscode from 'vscode';
import { openProfile } from '../profile/profileCommands';
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

/** Records, then opens the profile, the allocation profile beside it and the timeline where the live one was. */
export async function recordAndOpen(services: Services, target: ProfileTarget, options: RecordingOptions): Promise<RecordedFiles> {
  const files = await services.recorder.record(target, options);
  await openProfile(services, files.file);
  // The allocation profile first, so the timeline (which replaces the live panel) ends up in front.
  if (files.allocationsFile) await services.editors.allocation.open(files.allocationsFile, { viewColumn: vscode.ViewColumn.Beside, preserveFocus: true });
  if (files.memoryFile) await services.liveTimeline.openSaved(files.memoryFile);
  return files;
}

/** A target in the user's words, for the API's targets ("pid 4242", "node server.js"). */
export function targetLabel(target: { pid?: number; address?: string; command?: readonly string[] }): string {
  if (target.pid !== undefined) return `pid ${target.pid}`;
  return target.address ?? target.command?.map((word) => path.basename(word)).join(' ') ?? 'target';
}
