/**
 * What the allocation profile view shows, as plain JSON: bytes allocated per function and line,
 * and the allocation flamegraph (`FlameFrameDto` in bytes). Produced by the engine, carried over
 * postMessage to the webview. No classes, Maps or Uris; lines are 1-based.
 */
import type { CategoryName, FlameFrameDto, SourceLocationDto } from '../shared/views';

export interface AllocationOverviewDto {
  readonly title: string;
  /** Bytes allocated in the recording (V8's sampled estimate). */
  readonly totalBytes: number;
  readonly samples: number;
  /** Whether objects collected by GC are included (recorded by FlameLens) or only live ones (`node --heap-prof`). */
  readonly includesCollected?: boolean;
}

/** A row of the allocation table: one function. */
export interface AllocationFunctionRowDto {
  readonly key: string;
  readonly name: string;
  /** The function's own line (V8 does not record the allocating line). */
  readonly location?: SourceLocationDto;
  readonly category: CategoryName;
  readonly selfBytes: number;
  readonly selfPct: number;
  readonly totalBytes: number;
  readonly totalPct: number;
}

/** What the editor annotates in one source file, in bytes allocated. */
export interface FileAllocationsDto {
  readonly file: string;
  /** Per function's line: the sampling heap profiler records functions, not the allocating lines. */
  readonly lines: ReadonlyArray<{ readonly line: number; readonly selfBytes: number; readonly selfPct: number }>;
  readonly functions: readonly AllocationFunctionRowDto[];
}

/** The allocation flamegraph: FlameFrameDto with `value` and `self` in bytes. */
export type AllocationFlameFrameDto = FlameFrameDto;
