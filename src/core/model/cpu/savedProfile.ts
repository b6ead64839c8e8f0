/**
 * The .cpuprofile file as FlameLens reads and writes it: Chrome's Profiler.Profile, plus
 * - `$vscode`, the block VS Code's js-debug writes: for each distinct call frame, where it
 *   is in the original source (1-based lines and columns); nodes point at it by `locationId`.
 *   Writing it makes our files meaningful in VS Code's own viewer, and reading it lets
 *   js-debug's files open here with their source-mapped locations.
 * - `$flamelens`, what FlameLens adds so a saved file stays self-sufficient after the target
 *   is gone: original lines for the generated lines that have samples, and the function
 *   ranges of each sampled script (for inlining-aware attribution).
 */
import type { Protocol } from 'devtools-protocol';

export type CallFrame = Protocol.Runtime.CallFrame;

export interface SourceLocation {
  /** 1-based. */
  readonly lineNumber: number;
  /** 1-based. */
  readonly columnNumber: number;
  readonly source: { readonly name?: string; readonly path?: string; readonly sourceReference?: number };
  readonly relativePath?: string;
}

export interface VsCodeAnnotations {
  readonly rootPath?: string;
  readonly locations: ReadonlyArray<{ readonly callFrame: CallFrame; readonly locations: readonly SourceLocation[] }>;
}

/**
 * A function's extent in a generated script: [startLine, startColumn, endLine, endColumn,
 * parentIndex (-1 for the script's top level), name]. Lines and columns are 1-based.
 */
export type FunctionRange = readonly [number, number, number, number, number, string];

/** A generated line with samples and where it came from: [generatedLine, originalPath, originalLine]. */
export type LineOrigin = readonly [number, string, number];

export interface ScriptAnnotations {
  readonly url: string;
  readonly functions: readonly FunctionRange[];
  readonly lines: readonly LineOrigin[];
}

export interface FlameLensAnnotations {
  readonly version: 1;
  readonly scripts: readonly ScriptAnnotations[];
}

export type ProfileNode = Protocol.Profiler.ProfileNode & { readonly locationId?: number };

export interface SavedCpuProfile extends Omit<Protocol.Profiler.Profile, 'nodes'> {
  readonly nodes: readonly ProfileNode[];
  readonly $vscode?: VsCodeAnnotations;
  readonly $flamelens?: FlameLensAnnotations;
}
