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
  /**
   * Where V8 places each function (the start of its parameter list; 1,1 for the top level):
   * [line, column] pairs, flattened, parallel to `functions`. V8 names a function by this
   * position, so a function declared on line 1 is told apart from the module around it.
   */
  readonly starts?: readonly number[];
  /** Lines holding each function's own code (not its nested functions'), parallel to `functions`. */
  readonly codeLines?: ReadonlyArray<readonly number[]>;
  /** Lines of top-level code outside every loop: they run once, so a callee's code on the same line number explains ticks better. */
  readonly runOnce?: readonly number[];
  /**
   * The calls each function makes that could be resolved statically (what V8 may have
   * inlined into it): [callSiteLine, scriptIndex, functionIndex] triples, flattened,
   * parallel to `functions`; scriptIndex points into `FlameLensAnnotations.scripts`.
   */
  readonly calls?: ReadonlyArray<readonly number[]>;
  /**
   * Where each function starts in the original source ([path, line], plus its original name
   * when a minifier renamed it; null when unmapped; ['', 0] for code the bundler wrote itself,
   * which exists only in the generated file), parallel to `functions`.
   */
  readonly origins?: ReadonlyArray<readonly [string, number] | readonly [string, number, string] | null>;
}

export interface FlameLensAnnotations {
  readonly version: 1;
  readonly scripts: readonly ScriptAnnotations[];
  /** Worker threads that ran during the recording; they are not in this profile. */
  readonly workerThreads?: number;
}

export type ProfileNode = Protocol.Profiler.ProfileNode & { readonly locationId?: number };

export interface SavedCpuProfile extends Omit<Protocol.Profiler.Profile, 'nodes'> {
  readonly nodes: readonly ProfileNode[];
  readonly $vscode?: VsCodeAnnotations;
  readonly $flamelens?: FlameLensAnnotations;
}
