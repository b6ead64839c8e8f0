/**
 * The memory side of a recording from VS Code (CPU + memory timeline [+ allocations]): the
 * engine options from the settings, and saving the timeline and the allocation profile beside
 * the `.cpuprofile` as `<name>.memory.json` and `<name>.heapprofile`.
 */
import * as vscode from 'vscode';
import type { SavedHeapProfile } from '../../core/model/allocation/savedHeapProfile';
import type { MemoryTimeline } from '../../core/model/memory/savedTimeline';

/** What to record besides the CPU profile. */
export interface MemoryChoice {
  /** The memory timeline (heap, RSS, GC marks, event-loop delay), shown live. */
  readonly memory?: boolean;
  /** The allocation profile (sampling heap profiler). */
  readonly allocations?: boolean;
}

/** The files a recording saved. */
export interface RecordedFiles {
  /** The `.cpuprofile`. */
  readonly file: string;
  readonly memoryFile?: string;
  readonly allocationsFile?: string;
}

/** ms between memory samples (`flamelens.memory.sampleInterval`). */
export function memorySampleIntervalMs(): number {
  return clamp(vscode.workspace.getConfiguration('flamelens').get<number>('memory.sampleInterval', 500), 50, 60_000);
}

/** Average bytes between allocation samples (`flamelens.allocations.samplingInterval`). */
export function allocationSamplingIntervalBytes(): number {
  return clamp(vscode.workspace.getConfiguration('flamelens').get<number>('allocations.samplingInterval', 32768), 512, 16 * 1024 * 1024);
}

/** The engine's RecordOptions for the choice. */
export function memoryRecordOptions(choice: MemoryChoice): {
  memory?: { intervalMs: number };
  allocations?: { samplingIntervalBytes: number };
} {
  return {
    ...(choice.memory ? { memory: { intervalMs: memorySampleIntervalMs() } } : {}),
    ...(choice.allocations ? { allocations: { samplingIntervalBytes: allocationSamplingIntervalBytes() } } : {}),
  };
}

/** `x.cpuprofile` → `x.memory.json`, `x.heapprofile`. */
export function memoryFileNames(cpuProfileFile: string): { memoryFile: string; allocationsFile: string } {
  const base = cpuProfileFile.replace(/\.cpuprofile$/i, '');
  return { memoryFile: `${base}.memory.json`, allocationsFile: `${base}.heapprofile` };
}

/** Saves what the recording has beside its CPU profile. */
export async function saveMemoryFiles(
  cpuProfileFile: string,
  recording: { readonly memory?: MemoryTimeline; readonly allocations?: SavedHeapProfile },
): Promise<RecordedFiles> {
  const names = memoryFileNames(cpuProfileFile);
  const [{ writeMemoryTimelineFile }, { writeHeapProfileFile }] = await Promise.all([
    import('../../core/model/memory/timelineFile'),
    import('../../core/model/allocation/heapProfileFile'),
  ]);
  if (recording.memory) await writeMemoryTimelineFile(names.memoryFile, recording.memory);
  if (recording.allocations) await writeHeapProfileFile(names.allocationsFile, recording.allocations);
  return {
    file: cpuProfileFile,
    ...(recording.memory ? { memoryFile: names.memoryFile } : {}),
    ...(recording.allocations ? { allocationsFile: names.allocationsFile } : {}),
  };
}

function clamp(value: number, min: number, max: number): number {
  return Number.isFinite(value) ? Math.min(max, Math.max(min, value)) : min;
}
