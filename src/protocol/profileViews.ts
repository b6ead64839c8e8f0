/**
 * What the profile views show, as plain JSON: produced by the engine's analysis (in a worker),
 * carried over postMessage to the webview. No classes, Maps or Uris; lines are 1-based.
 */
export type CategoryName = 'app' | 'dependency' | 'node' | 'native' | 'idle';

export interface TimeRangeDto {
  /** ms since the recording started. */
  readonly startMs: number;
  readonly endMs: number;
}

export interface SourceLocationDto {
  /** Absolute path of the original source. */
  readonly file: string;
  /** 1-based. */
  readonly line: number;
}

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

export interface FlameFrameDto {
  readonly id: number;
  readonly name: string;
  /** Total ms. */
  readonly value: number;
  readonly self: number;
  /** "file:line" or '' for native frames. */
  readonly location: string;
  readonly category: CategoryName;
  readonly children: FlameFrameDto[];
  /** Children too narrow to send; ask for the subtree when zooming in. */
  readonly hidden: number;
  /** V8 inlined this function into its parent; the time is its own, taken from the parent's self time. */
  readonly inlined?: boolean;
  /** V8 kept no line inside this inlined function: the call site ("file:line") it ran at; no line detail. */
  readonly inlinedAt?: string;
}

/** A row of the top-down tree: one call-tree node. */
export interface TreeRowDto {
  readonly id: number;
  readonly name: string;
  readonly location?: SourceLocationDto;
  readonly category: CategoryName;
  readonly selfMs: number;
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
