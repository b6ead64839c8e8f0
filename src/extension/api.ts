/**
 * What `activate` returns: the extension's commands as an API for other extensions and for the
 * extension tests, without pickers or dialogs.
 */
import { openProfile } from './profile/profileCommands';
import { recordAndOpen, targetLabel } from './recording/recordingCommands';
import { heapCommands, type Services } from './services';

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

export function flameLensApi(services: Services): FlameLensApi {
  return {
    profile: (target, options) => recordAndOpen(services, { ...target, label: targetLabel(target) }, options),
    openProfile: (file) => openProfile(services, file),
    hotLines: (file) => services.annotations.hotLines(file),
    async takeHeapSnapshot(target) {
      const file = await (await heapCommands()).takeHeapSnapshotCommand(services.heap, { ...target, label: targetLabel(target) });
      return { file: file! };
    },
    async findLeak(target, options) {
      const view = await (await heapCommands()).findMemoryLeakCommand(services.heap, { ...options, target: { ...target, label: targetLabel(target) } });
      const diff = await view!.ready;
      return { files: view!.files, growth: diff.growth };
    },
  };
}
