/** The CPU profile's commands: open one, show the latest one's flamegraph, find a function in it, toggle its annotations. */
import * as vscode from 'vscode';
import { FlameLensError } from '../../core/errors';
import type { Services } from '../services';

/** Opens a profile in its editor and makes it the one the annotations follow. */
export async function openProfile(services: Services, file: string): Promise<void> {
  await services.editors.profile.open(file);
  await services.library.openProfile(file);
}

/** "FlameLens: Open Profile…": a .cpuprofile picked on disk. */
export async function pickAndOpenProfile(services: Services): Promise<void> {
  const picked = await vscode.window.showOpenDialog({ canSelectMany: false, filters: { 'CPU profiles': ['cpuprofile'] }, title: 'Open a CPU profile' });
  if (picked?.[0]) await openProfile(services, picked[0].fsPath);
}

/** "FlameLens: Show Flamegraph": the most recent profile. */
export async function showFlamegraph(services: Services): Promise<void> {
  const latest = services.library.latest;
  if (!latest) throw new FlameLensError('bad-input', 'No profile is open yet. Record one with "FlameLens: Profile Process" or open a .cpuprofile file.');
  await openProfile(services, latest.file);
}

/** From a hot function's CodeLens: the most recent profile with the function in its search box. */
export async function showFunction(services: Services, name: unknown): Promise<void> {
  const latest = services.library.latest;
  if (typeof name !== 'string' || !latest) return;
  await openProfile(services, latest.file);
  services.editors.profile.viewOf(latest.file)?.search(name);
}

/** "FlameLens: Toggle Hot-Path Annotations". */
export function toggleAnnotations(services: Services): void {
  const enabled = services.annotations.toggle();
  void vscode.window.setStatusBarMessage(`FlameLens annotations ${enabled ? 'on' : 'off'}`, 3000);
}
