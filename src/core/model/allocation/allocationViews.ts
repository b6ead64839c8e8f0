/**
 * What the allocation views and the CLI ask of an allocation profile, as plain JSON: the
 * overview, the table of allocating functions, one file's bytes for editor annotations, and the
 * `--json` summary section. The flamegraph is allocationFlame.ts.
 */
import * as path from 'node:path';
import type { AllocationFunctionRowDto, AllocationOverviewDto, FileAllocationsDto } from '../../../protocol/allocation/views';
import { diskScriptSources } from '../../sources/scriptSources';
import { annotateHeapProfile } from './allocationLocations';
import { computeAllocationHotspots, type AllocatingFunction, type AllocationHotspots } from './allocationHotspots';
import { buildAllocationModel, type AllocationModel } from './allocationModel';
import { readHeapProfileFile } from './heapProfileFile';

/** The `allocations` section of the `--json` summary (a CLI contract). */
export interface AllocationSummary {
  readonly totalBytes: number;
  /** By bytes the function allocated itself, most first; `line` is the function's line. */
  readonly topFunctions: ReadonlyArray<{ readonly name: string; readonly file: string; readonly line: number; readonly bytes: number }>;
}

export interface OpenedAllocationProfile {
  readonly model: AllocationModel;
  readonly hotspots: AllocationHotspots;
  readonly title: string;
}

/** Reads a .heapprofile, resolving source locations from disk when the file lacks them. */
export async function openAllocationProfile(file: string): Promise<OpenedAllocationProfile> {
  const profile = await annotateHeapProfile(await readHeapProfileFile(file), diskScriptSources());
  const model = buildAllocationModel(profile);
  return { model, hotspots: computeAllocationHotspots(model), title: path.basename(file) };
}

export function allocationOverview(model: AllocationModel, title: string): AllocationOverviewDto {
  return { title, totalBytes: Math.round(model.totalBytes[0] ?? 0), samples: model.sampleCount, includesCollected: model.includesCollected };
}

export function allocationFunctionRows(hotspots: AllocationHotspots): AllocationFunctionRowDto[] {
  return hotspots.functions.map(functionRow);
}

/** Bytes per line (the functions' lines) and per function of one source file. */
export function fileAllocations(hotspots: AllocationHotspots, file: string): FileAllocationsDto {
  return {
    file,
    lines: hotspots.lines.filter((l) => l.file === file).map(({ line, selfBytes, selfPct }) => ({ line, selfBytes, selfPct })),
    functions: hotspots.functions.filter((f) => f.file === file).map(functionRow),
  };
}

export function summarizeAllocations(hotspots: AllocationHotspots, options: { top?: number } = {}): AllocationSummary {
  return {
    totalBytes: hotspots.totalBytes,
    topFunctions: hotspots.functions
      .filter((f) => f.selfBytes > 0)
      .slice(0, options.top ?? 20)
      .map(({ name, file, line, selfBytes }) => ({ name, file, line, bytes: selfBytes })),
  };
}

function functionRow(f: AllocatingFunction): AllocationFunctionRowDto {
  return {
    key: f.key,
    name: f.name,
    location: f.file && f.line > 0 ? { file: f.file, line: f.line } : undefined,
    category: f.category,
    selfBytes: f.selfBytes,
    selfPct: f.selfPct,
    totalBytes: f.totalBytes,
    totalPct: f.totalPct,
  };
}
