/**
 * What a recording from VS Code records besides the CPU profile (the memory timeline, the
 * allocation profile): the engine options from the settings, and saving them beside the
 * `.cpuprofile` as `<name>.memory.json` and `<name>.heapprofile`.
 */
import type { SavedHeapProfile } from '../../core/model/allocation/savedHeapProfile';
import type { MemoryTimeline } from '../../core/model/timeline/savedTimeline';
import { settings } from '../settings';

/** What to record besides the CPU profile (the API's option names). */
export interface CaptureChoice {
  /** The memory timeline (heap, RSS, GC marks, event-loop delay), shown live. */
  readonly memory?: boolean;
  /** The allocation profile (sampling heap profiler). */
  readonly allocations?: boolean;
}

/** The files a recording saved. */
export interface RecordedFiles {
  /** The `.cpuprofile`. */
  readonly file: string;
  /** The memory timeline's `.memory.json`. */
  readonly memoryFile?: string;
  /** The allocation profile's `.heapprofile`. */
  readonly allocationsFile?: string;
}

/** The engine's RecordOptions for the choice. */
export function captureOptions(choice: CaptureChoice): {
  memory?: { intervalMs: number };
  allocations?: { samplingIntervalBytes: number };
} {
  return {
    ...(choice.memory ? { memory: { intervalMs: settings.timelineSampleIntervalMs() } } : {}),
    ...(choice.allocations ? { allocations: { samplingIntervalBytes: settings.allocationSamplingIntervalBytes() } } : {}),
  };
}

/** `x.cpuprofile` → `x.memory.json`, `x.heapprofile`. */
export function recordedFileNames(cpuProfileFile: string): { memoryFile: string; allocationsFile: string } {
  const base = cpuProfileFile.replace(/\.cpuprofile$/i, '');
  return { memoryFile: `${base}.memory.json`, allocationsFile: `${base}.heapprofile` };
}

/** Saves the timeline and the allocation profile the recording has beside its CPU profile. */
export async function saveRecordedFiles(
  cpuProfileFile: string,
  recording: { readonly memory?: MemoryTimeline; readonly allocations?: SavedHeapProfile },
): Promise<RecordedFiles> {
  const names = recordedFileNames(cpuProfileFile);
  const [{ writeMemoryTimelineFile }, { writeHeapProfileFile }] = await Promise.all([
    import('../../core/model/timeline/timelineFile'),
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
