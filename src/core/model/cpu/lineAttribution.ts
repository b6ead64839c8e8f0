/**
 * Decides which function and which script a sampled line belongs to (inlining-aware).
 *
 * V8 charges inlined code to the caller's node, but records the line ticks in the inlined
 * function's own coordinates, under the caller's URL even when the inlined function lives
 * in another script. So for each tick line of a node:
 * 1. a line of the node's own code stays with it;
 * 2. a line inside another function of the same script goes to that function when the
 *    profile shows the node calling it (or nothing better is known);
 * 3. otherwise, when a function the node is seen calling (a descendant up to a few levels,
 *    in another script) contains the line, the line is that function's, in its script.
 */
import type { CodeLocation, CpuModel } from './cpuModel';
import { ScriptFunctions } from './functionOwnership';

export interface LineOwner {
  /** Script URL the line number refers to. */
  readonly url: string;
  /** Function index in that script's ranges; -1 when the script has no ranges. */
  readonly fn: number;
}

/** How deep below a node to look for the callees its optimized code may have inlined. */
const inliningDepth = 3;

export class LineAttribution {
  private readonly scripts: Map<string, ScriptFunctions>;
  private readonly ownFunctions = new Map<number, number>();
  private readonly callees = new Map<number, LineOwner[]>();

  constructor(private readonly model: CpuModel) {
    this.scripts = new Map((model.annotations?.scripts ?? []).map((s) => [s.url, new ScriptFunctions(s)]));
  }

  script(url: string): ScriptFunctions | undefined {
    return this.scripts.get(url);
  }

  /** The function (index in its script's ranges) a location is in; -1 when unknown. */
  ownFunction(location: CodeLocation): number {
    let own = this.ownFunctions.get(location.index);
    if (own === undefined) {
      own = this.scripts.get(location.url)?.functionAt(location.line, location.column) ?? -1;
      this.ownFunctions.set(location.index, own);
    }
    return own;
  }

  /** Who owns tick line `line` of node `nodeIndex`. */
  ownerOfLine(nodeIndex: number, line: number): LineOwner {
    const location = this.model.locations[this.model.nodes[nodeIndex].location];
    const own = this.ownFunction(location);
    const script = this.scripts.get(location.url);
    if (!script || own < 0) return { url: location.url, fn: own };
    const sameScript = script.ownerOfLine(line, own);
    if (sameScript === own) return { url: location.url, fn: own };
    const callees = this.calleesOf(nodeIndex);
    if (callees.some((c) => c.url === location.url && c.fn === sameScript)) return { url: location.url, fn: sameScript };
    const elsewhere = callees.find((c) => c.url !== location.url && this.scripts.get(c.url)!.containsLine(c.fn, line));
    return elsewhere ?? { url: location.url, fn: sameScript };
  }

  /** Functions (with ranges) of the descendants of a node, nearest first. */
  private calleesOf(nodeIndex: number): LineOwner[] {
    let found = this.callees.get(nodeIndex);
    if (!found) {
      found = [];
      let level = this.model.nodes[nodeIndex].children;
      for (let depth = 0; depth < inliningDepth && level.length > 0; depth++) {
        const next: number[] = [];
        for (const child of level) {
          const location = this.model.locations[this.model.nodes[child].location];
          const fn = this.ownFunction(location);
          if (fn >= 0 && !found.some((c) => c.url === location.url && c.fn === fn)) found.push({ url: location.url, fn });
          next.push(...this.model.nodes[child].children);
        }
        level = next;
      }
      this.callees.set(nodeIndex, found);
    }
    return found;
  }
}
