/**
 * The memory side of a recording's outputs: the timeline and the allocation profile saved
 * beside the CPU profile (`foo.cpuprofile` → `foo.memory.json`, `foo.heapprofile`), and their
 * sections of the summary. Without --out nothing is saved: they appear in the summary only
 * (terminal and --json), like the CPU profile itself.
 */
import * as path from 'node:path';
import { computeAllocationHotspots } from '../core/model/allocation/allocationHotspots';
import { buildAllocationModel } from '../core/model/allocation/allocationModel';
import { summarizeAllocations, type AllocationSummary } from '../core/model/allocation/allocationViews';
import { writeHeapProfileFile } from '../core/model/allocation/heapProfileFile';
import type { SavedHeapProfile } from '../core/model/allocation/savedHeapProfile';
import { summarizeMemory, type MemorySummary } from '../core/model/timeline/memoryOverview';
import type { MemoryTimeline } from '../core/model/timeline/savedTimeline';
import { writeMemoryTimelineFile } from '../core/model/timeline/timelineFile';

export interface MemoryOutputs {
  readonly memory?: MemoryTimeline;
  readonly allocations?: SavedHeapProfile;
}

/** Where the memory files of a CPU profile go: same folder and name, their own extensions. */
export function companionFiles(out: string): { memory: string; allocations: string } {
  const base = out.endsWith('.cpuprofile') ? out.slice(0, -'.cpuprofile'.length) : out.slice(0, out.length - path.extname(out).length);
  return { memory: `${base}.memory.json`, allocations: `${base}.heapprofile` };
}

/** Saves the timeline and the allocation profile beside `out`; says so, or says why not. */
export async function writeMemoryOutputs(outputs: MemoryOutputs, out: string | undefined, console: { info(text: string): void }): Promise<void> {
  if (!outputs.memory && !outputs.allocations) return;
  if (!out) {
    console.info('The memory timeline and allocation profile are in the summary only; add --out <file.cpuprofile> to save them beside the profile.');
    return;
  }
  const files = companionFiles(out);
  if (outputs.memory) {
    await writeMemoryTimelineFile(files.memory, outputs.memory);
    console.info(`Memory timeline saved to ${files.memory}`);
  }
  if (outputs.allocations) {
    await writeHeapProfileFile(files.allocations, outputs.allocations);
    console.info(`Allocation profile saved to ${files.allocations}`);
  }
}

/** The `memory` and `allocations` sections of the summary, present only when recorded. */
export function memorySummaries(outputs: MemoryOutputs, top: number): { memory?: MemorySummary; allocations?: AllocationSummary } {
  return {
    ...(outputs.memory ? { memory: summarizeMemory(outputs.memory) } : {}),
    ...(outputs.allocations ? { allocations: summarizeAllocations(computeAllocationHotspots(buildAllocationModel(outputs.allocations)), { top }) } : {}),
  };
}
