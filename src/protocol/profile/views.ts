/**
 * What the CPU profile view shows, as plain JSON: produced by the engine's analysis (in a
 * worker), carried over postMessage to the webview. No classes, Maps or Uris; lines are 1-based.
 */
import type { CategoryName, SourceLocationDto } from '../shared/views';

export interface ProfileOverviewDto {
  readonly title: string;
  /** Worker threads ran during the recording; they are not in this profile (only the main thread is). */
  readonly workerThreads?: number;
  readonly durationMs: number;
  readonly samples: number;
  readonly intervalUs: number;
  readonly byCategory: Readonly<Record<CategoryName, number>>;
  /** Share of non-idle samples per time bucket (0..1), for the timeline. */
  readonly timeline: { readonly bucketMs: number; readonly busy: readonly number[] };
}

/** A row of the top-down tree: one call-tree node. */
export interface TreeRowDto {
  readonly id: number;
  readonly name: string;
  readonly location?: SourceLocationDto;
  readonly category: CategoryName;
  readonly selfMs: number;
  /** Self time's share of the recording (sharePct); optional until the engine sends it. */
  readonly selfPct?: number;
  readonly totalMs: number;
  readonly totalPct: number;
  readonly hasChildren: boolean;
}

/** A row of the bottom-up table: one function, inlining-aware. */
export interface FunctionRowDto {
  readonly key: string;
  readonly name: string;
  readonly location?: SourceLocationDto;
  readonly category: CategoryName;
  readonly selfMs: number;
  readonly selfPct: number;
  readonly totalMs: number;
  readonly totalPct: number;
}

/** A caller or callee of a function, with the time that goes through that edge. */
export interface RelationDto {
  readonly key: string;
  readonly name: string;
  readonly location?: SourceLocationDto;
  readonly ms: number;
  readonly pct: number;
}

export interface FunctionRelationsDto {
  readonly key: string;
  readonly callers: readonly RelationDto[];
  readonly callees: readonly RelationDto[];
}

/** What the editor annotates in one source file. */
export interface FileHeatDto {
  readonly file: string;
  readonly lines: ReadonlyArray<{ readonly line: number; readonly selfMs: number; readonly selfPct: number }>;
  readonly functions: readonly FunctionRowDto[];
}
