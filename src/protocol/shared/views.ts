/**
 * What several views show alike, as plain JSON: a source location, where time or bytes go by
 * category, a time range of a recording, and a flamegraph frame (the CPU profile's in ms, the
 * allocation profile's in bytes). No classes, Maps or Uris; lines are 1-based.
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

/** One frame of a flamegraph, as d3-flame-graph draws it. */
export interface FlameFrameDto {
  /** The call-tree node this frame draws (to ask for its subtree); negative for an inlined frame (no subtree of its own). */
  readonly id: number;
  readonly name: string;
  /** Total: ms in a CPU profile, bytes in an allocation profile (d3-flame-graph's `value`). */
  readonly value: number;
  readonly self: number;
  /** Where the function is in the original source; absent for native frames. */
  readonly location?: SourceLocationDto;
  readonly category: CategoryName;
  readonly children: FlameFrameDto[];
  /** Children too narrow to send; ask for the subtree when zooming in. */
  readonly hidden: number;
  /** V8 inlined this function into its parent; the time is its own, taken from the parent's self time. */
  readonly inlined?: boolean;
  /** Of an inlined frame: the function's key in the hot-function list. */
  readonly key?: string;
  /** V8 kept no line inside this inlined function: the call site it ran at; no line detail. */
  readonly inlinedAt?: SourceLocationDto;
}
