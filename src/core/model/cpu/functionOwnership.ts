/**
 * One script's functions as saved with a profile (see savedProfile.ts): which function V8
 * means by a position, which lines hold a function's own code, and what it calls. The
 * evidence lineAttribution.ts weighs; every lookup is memoized per script.
 */
import type { FunctionRange, ScriptAnnotations } from './savedProfile';

const [START_LINE, START_COLUMN, END_LINE, END_COLUMN, PARENT] = [0, 1, 2, 3, 4] as const;

export interface StaticCall {
  /** 1-based line of the call site in this script. */
  readonly line: number;
  /** Index of the callee's script in the profile's annotations. */
  readonly script: number;
  readonly fn: number;
}

export class ScriptFunctions {
  private readonly byStart = new Map<string, number>();
  private readonly codeLineSets = new Map<number, ReadonlySet<number>>();
  private readonly callLists = new Map<number, StaticCall[]>();
  private startsPerLine: Map<number, number> | undefined;
  private runOnceSet: Set<number> | undefined;

  constructor(readonly script: ScriptAnnotations) {
    const starts = script.starts ?? [];
    for (let fn = 0; fn * 2 + 1 < starts.length; fn++) {
      const at = `${starts[fn * 2]}:${starts[fn * 2 + 1]}`;
      // The top level and a function starting at 1:1 share a position: the top level keeps it.
      if (!this.byStart.has(at)) this.byStart.set(at, fn);
    }
  }

  get functions(): readonly FunctionRange[] {
    return this.script.functions;
  }

  /** True when the saved profile knows what this script's functions call. */
  get hasCalls(): boolean {
    return this.script.calls !== undefined;
  }

  /**
   * The function V8 means by a call frame's position (1-based): the one starting exactly
   * there (V8 names a function by its parameter list, so `function f(` on line 1 is not the
   * module around it), else the innermost one containing it; -1 if none.
   */
  functionNamedAt(line: number, column: number): number {
    return this.byStart.get(`${line}:${column}`) ?? this.functionAt(line, column);
  }

  /** The innermost function containing a position (1-based line and column); -1 if none. */
  functionAt(line: number, column: number): number {
    let best = -1;
    this.script.functions.forEach((range, index) => {
      if (contains(range, line, column) && (best === -1 || isInside(this.script.functions, index, best))) best = index;
    });
    return best;
  }

  /**
   * True when `fn` has code of its own on `line`. Without saved code lines: when the line
   * is in its range and not past the first line of a function nested in it.
   */
  hasCode(fn: number, line: number): boolean {
    let set = this.codeLineSets.get(fn);
    if (!set) {
      const saved = this.script.codeLines?.[fn];
      this.codeLineSets.set(fn, (set = new Set(Array.isArray(saved) ? saved : this.linesInRange(fn))));
    }
    return set.has(line);
  }

  private linesInRange(fn: number): number[] {
    const ranges = this.script.functions;
    const range = ranges[fn];
    if (!range) return [];
    const lines = new Set<number>();
    // A function's first line also holds the code that defines it: it is the function's own only when it is all there is.
    const first = range[START_LINE] === range[END_LINE] || range[PARENT] < 0 ? range[START_LINE] : range[START_LINE] + 1;
    for (let line = first; line <= range[END_LINE]; line++) lines.add(line);
    ranges.forEach((inner, index) => {
      if (!isInside(ranges, index, fn)) return;
      for (let line = inner[START_LINE] + 1; line <= inner[END_LINE]; line++) lines.delete(line);
    });
    return [...lines];
  }

  /** True when `line` holds only top-level code that runs once (outside every loop). */
  runsOnce(fn: number, line: number): boolean {
    if (fn !== 0 || !this.script.runOnce) return false;
    if (!this.runOnceSet) this.runOnceSet = new Set(Array.isArray(this.script.runOnce) ? this.script.runOnce : []);
    return this.runOnceSet.has(line);
  }

  /** The calls `fn` makes that the source resolves (none when not saved). */
  callsOf(fn: number): readonly StaticCall[] {
    let calls = this.callLists.get(fn);
    if (!calls) {
      calls = [];
      const saved = this.script.calls?.[fn];
      const flat = Array.isArray(saved) ? saved : [];
      for (let i = 0; i + 2 < flat.length; i += 3) calls.push({ line: flat[i], script: flat[i + 1], fn: flat[i + 2] });
      this.callLists.set(fn, calls);
    }
    return calls;
  }

  /** Where function `fn` starts in the original source, when a source map told. */
  originOf(fn: number): { file: string; line: number } | undefined {
    const origin = this.origin(fn);
    return origin && origin[1] > 0 ? { file: origin[0], line: origin[1] } : undefined;
  }

  /** True when the source map says the bundler wrote function `fn` (it has no original source). */
  isGenerated(fn: number): boolean {
    return this.origin(fn)?.[1] === 0;
  }

  /** The name function `fn` had before a minifier renamed it, when the source map keeps it. */
  originalNameOf(fn: number): string | undefined {
    const name = this.origin(fn)?.[2];
    return typeof name === 'string' && name ? name : undefined;
  }

  /** A saved origin entry, when it has the shape [path, line, name?] (a damaged file may hold anything). */
  private origin(fn: number): readonly [string, number, string?] | undefined {
    const origin = this.script.origins?.[fn];
    return Array.isArray(origin) && typeof origin[0] === 'string' && Number.isInteger(origin[1]) && origin[1] >= 0
      ? (origin as unknown as readonly [string, number, string?])
      : undefined;
  }

  /** True when more than one function starts on generated line `line` (compacted or minified code). */
  isCompacted(line: number): boolean {
    if (!this.startsPerLine) {
      this.startsPerLine = new Map();
      for (const range of this.script.functions) this.startsPerLine.set(range[START_LINE], (this.startsPerLine.get(range[START_LINE]) ?? 0) + 1);
    }
    return (this.startsPerLine.get(line) ?? 0) > 1;
  }
}

function contains(range: FunctionRange, line: number, column: number): boolean {
  const afterStart = line > range[START_LINE] || (line === range[START_LINE] && column >= range[START_COLUMN]);
  const beforeEnd = line < range[END_LINE] || (line === range[END_LINE] && column <= range[END_COLUMN]);
  return afterStart && beforeEnd;
}

/** True when function `inner` is nested (at any depth) in function `outer`. */
function isInside(functions: readonly FunctionRange[], inner: number, outer: number): boolean {
  for (let f = functions[inner][PARENT]; f >= 0; f = functions[f][PARENT]) if (f === outer) return true;
  return false;
}
