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
 *    in another script) contains the line, the line is that function's, in its script;
 * 4. failing that, functions seen anywhere in the profile are evidence in the same order
 *    (V8 may optimize and inline a callee before any sample catches it on its own).
 * When several functions qualify, the one whose own (not inlined) nodes have the most ticks
 * on that line wins: V8 saw that line hot in it.
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
  private everywhere: LineOwner[] | undefined;
  private ticksByFunction: Map<string, Map<number, number>> | undefined;

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
    const candidates: LineOwner[] = [];
    for (const evidence of [this.calleesOf(nodeIndex), this.profiledFunctions()]) {
      if (evidence.some((c) => c.url === location.url && c.fn === sameScript)) candidates.push({ url: location.url, fn: sameScript });
      candidates.push(...evidence.filter((c) => c.url !== location.url && this.scripts.get(c.url)!.containsLine(c.fn, line)));
      if (candidates.length > 0) break;
    }
    if (candidates.length === 0) return { url: location.url, fn: sameScript };
    let best = candidates[0];
    for (const candidate of candidates) if (this.ownTicks(candidate, line) > this.ownTicks(best, line)) best = candidate;
    return best;
  }

  /** Ticks that a function's own nodes (not those it was inlined into) have on a line. */
  private ownTicks(owner: LineOwner, line: number): number {
    if (!this.ticksByFunction) {
      this.ticksByFunction = new Map();
      for (const node of this.model.nodes) {
        const location = this.model.locations[node.location];
        const key = `${location.url}#${this.ownFunction(location)}`;
        const lines = this.ticksByFunction.get(key) ?? new Map<number, number>();
        for (const t of node.lineTicks) lines.set(t.line, (lines.get(t.line) ?? 0) + t.ticks);
        this.ticksByFunction.set(key, lines);
      }
    }
    return this.ticksByFunction.get(`${owner.url}#${owner.fn}`)?.get(line) ?? 0;
  }

  /** Every function (with ranges) that has a node somewhere in the profile. */
  private profiledFunctions(): LineOwner[] {
    if (!this.everywhere) {
      const seen = new Set<string>();
      this.everywhere = [];
      for (const location of this.model.locations) {
        const fn = this.ownFunction(location);
        if (fn >= 0 && !seen.has(`${location.url}#${fn}`)) {
          seen.add(`${location.url}#${fn}`);
          this.everywhere.push({ url: location.url, fn });
        }
      }
    }
    return this.everywhere;
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
