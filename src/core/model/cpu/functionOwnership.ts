/**
 * Which function of one script a line or position belongs to, from the function ranges
 * saved with a profile (see lineAttribution.ts for how this makes time inlining-aware).
 */
import type { FunctionRange, ScriptAnnotations } from './savedProfile';

const [START_LINE, START_COLUMN, END_LINE, END_COLUMN, PARENT] = [0, 1, 2, 3, 4] as const;

export class ScriptFunctions {
  private readonly lineOwners = new Map<number, number>();

  constructor(readonly script: ScriptAnnotations) {}

  get functions(): readonly FunctionRange[] {
    return this.script.functions;
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
   * The function a sampled line of `ownFunction`'s node belongs to. Lines inside the node's
   * own function stay with it, except lines deeper than the first line of a nested function
   * (its body, inlined). Lines outside the node's own function belong to whoever contains them.
   */
  ownerOfLine(line: number, ownFunction: number): number {
    const innermost = this.innermostContainingLine(line);
    if (ownFunction < 0 || innermost < 0) return innermost < 0 ? ownFunction : innermost;
    const own = this.script.functions[ownFunction];
    if (line < own[START_LINE] || line > own[END_LINE]) return innermost;
    // Walk out from the innermost function to the node's own; a nested function owns the
    // line only past its first line (the first line also holds the code that defines it).
    // Compacted code puts many unrelated functions on one line: only the node's own nested
    // functions can take a line from it.
    for (let f = innermost; f !== ownFunction && f >= 0; f = this.script.functions[f][PARENT]) {
      if (line > this.script.functions[f][START_LINE] && isInside(this.script.functions, f, ownFunction)) return f;
    }
    return ownFunction;
  }

  /** True when function `fn` spans `line`. */
  containsLine(fn: number, line: number): boolean {
    const range = this.script.functions[fn];
    return line >= range[START_LINE] && line <= range[END_LINE];
  }

  private innermostContainingLine(line: number): number {
    let owner = this.lineOwners.get(line);
    if (owner === undefined) {
      owner = -1;
      this.script.functions.forEach((range, index) => {
        if (line >= range[START_LINE] && line <= range[END_LINE] && (owner === -1 || isInside(this.script.functions, index, owner!))) {
          owner = index;
        }
      });
      this.lineOwners.set(line, owner);
    }
    return owner;
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
