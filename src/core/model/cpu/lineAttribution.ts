/**
 * Decides which function each sampled line of a node belongs to (inlining-aware).
 *
 * V8 charges inlined code to the node of the function it was inlined into, and records the
 * line ticks in the inlined function's own line numbers — under the caller's URL even when
 * the callee lives in another script (docs/v8-behaviour.md). When V8 optimized a callee
 * before sampling began, the callee has no node at all. So for each node:
 * 1. The candidates are the node's own function and what it could have inlined: the
 *    functions it calls according to the source (transitively, across require/import
 *    bindings; see staticCalls.ts) and the functions of its descendants in the profile.
 *    Never an ancestor — neither a function enclosing the node's own in the source nor a
 *    script's top level — because a caller cannot be inlined into its callee.
 * 2. A tick line can only belong to a candidate with code on that line. Where several have,
 *    the one whose code lines explain the most of this node's ticks wins (the hot lines of
 *    one function come together); ties go to the one V8 saw hot on that line in nodes of its
 *    own elsewhere, then to the node's own function, then to the deeper callee (V8 inlines
 *    leaves into their callers, not the other way), then to its own script.
 * 3. When a line holds a call to a function that V8 inlined there without keeping any line
 *    inside it (no node of its own below, no tick on its lines), the line's time is that
 *    callee's, "inlined at" the call site, without line detail — never the caller's own.
 * Without static evidence (profiles annotated by older versions) the functions seen anywhere
 * in the profile stand in for the calls, and a function's whole range for its code lines.
 */
import type { CodeLocation, CpuModel } from './cpuModel';
import { ScriptFunctions } from './functionOwnership';

/** One function of the profile's scripts: its script URL and its index in that script's ranges. */
export interface FunctionId {
  readonly url: string;
  /** -1 when the script has no ranges (the node's own location then stands for it). */
  readonly fn: number;
}

/** Where one tick line of a node went. */
export interface LineShare {
  readonly line: number;
  readonly ticks: number;
  readonly owner: FunctionId;
  /** The inlined functions from just below the node's own function down to `owner` (empty when it is the node's own). */
  readonly chain: readonly FunctionId[];
  /** Set when V8 kept no line inside `owner`: the line of the call it was inlined at (in the caller's script). */
  readonly inlinedAtLine?: number;
}

/** How many static call hops below a node's function to look for what V8 inlined. */
const inliningDepth = 4;
/** How deep below a node to look for callees the profile shows. */
const descendantDepth = 3;

interface Candidate {
  readonly id: FunctionId;
  /** 0: the source or the profile shows the call; 1: only its script is shared; 2: only seen elsewhere in the profile. */
  readonly tier: number;
  readonly depth: number;
  /** Path from the node's own function (exclusive) to this one (inclusive). */
  readonly chain: readonly FunctionId[];
}

export class LineAttribution {
  private readonly scripts: Map<string, ScriptFunctions>;
  private readonly urls: readonly string[];
  private readonly ownFunctions = new Map<number, number>();
  private readonly byNode = new Map<number, readonly LineShare[]>();
  private readonly staticCallees = new Map<string, readonly Candidate[]>();
  private everywhere: FunctionId[] | undefined;
  private ticksByFunction: Map<string, Map<number, number>> | undefined;

  constructor(private readonly model: CpuModel) {
    const annotated = model.annotations?.scripts ?? [];
    this.urls = annotated.map((s) => s.url);
    this.scripts = new Map(annotated.map((s) => [s.url, new ScriptFunctions(s)]));
  }

  script(url: string): ScriptFunctions | undefined {
    return this.scripts.get(url);
  }

  /** The function (index in its script's ranges) a location is in; -1 when unknown. */
  ownFunction(location: CodeLocation): number {
    let own = this.ownFunctions.get(location.index);
    if (own === undefined) {
      own = this.scripts.get(location.url)?.functionNamedAt(location.line, location.column) ?? -1;
      this.ownFunctions.set(location.index, own);
    }
    return own;
  }

  /** Every tick line of a node with the function it belongs to. */
  linesOf(nodeIndex: number): readonly LineShare[] {
    let shares = this.byNode.get(nodeIndex);
    if (!shares) this.byNode.set(nodeIndex, (shares = this.attribute(nodeIndex)));
    return shares;
  }

  private attribute(nodeIndex: number): LineShare[] {
    const node = this.model.nodes[nodeIndex];
    const location = this.model.locations[node.location];
    const own: FunctionId = { url: location.url, fn: this.ownFunction(location) };
    const script = this.scripts.get(own.url);
    if (!script || own.fn < 0) return node.lineTicks.map(({ line, ticks }) => ({ line, ticks, owner: own, chain: [] }));

    const candidates = this.candidatesOf(nodeIndex, own);
    const hasCode = (id: FunctionId, line: number) => this.scripts.get(id.url)!.hasCode(id.fn, line);
    // Top-level code outside loops runs once: where a callee has code on the same line, the ticks are the callee's.
    const runsOnce = (line: number) => script.runsOnce(own.fn, line);
    const score = (id: FunctionId) => node.lineTicks.reduce((sum, t) => sum + (hasCode(id, t.line) && !(id === own && runsOnce(t.line)) ? t.ticks : 0), 0);
    const scores = new Map(candidates.map((c) => [c, score(c.id)]));
    const ownScore = score(own);

    const ownCandidate: Candidate = { id: own, tier: 0, depth: 0, chain: [] };
    const shares: LineShare[] = node.lineTicks.map(({ line, ticks }) => {
      let best: Candidate | undefined = hasCode(own, line) ? ownCandidate : undefined;
      let bestScore = best ? (runsOnce(line) ? 0 : ownScore) : -1;
      for (const candidate of candidates) {
        if (!hasCode(candidate.id, line)) continue;
        const s = scores.get(candidate)!;
        const better = s > bestScore || (s === bestScore && best !== undefined && this.breaksTie(candidate, best, own, line, nodeIndex));
        if (better) [best, bestScore] = [candidate, s];
      }
      return best ? { line, ticks, owner: best.id, chain: best.chain } : { line, ticks, owner: own, chain: [] };
    });
    return this.inlinedWithoutLines(nodeIndex, own, shares);
  }

  /**
   * Between two candidates explaining as many ticks: the one V8 saw hot on this line in nodes
   * of its own elsewhere in the profile, then the node's own function, then stronger evidence,
   * the deeper callee (V8 inlines leaves into their callers), the node's own script.
   */
  private breaksTie(candidate: Candidate, best: Candidate, own: FunctionId, line: number, nodeIndex: number): boolean {
    const seen = (c: Candidate) => this.ticksElsewhere(c.id, line, nodeIndex);
    if (seen(candidate) !== seen(best)) return seen(candidate) > seen(best);
    if ((best.id === own) !== (candidate.id === own)) return candidate.id === own;
    if (candidate.tier !== best.tier) return candidate.tier < best.tier;
    if (candidate.depth !== best.depth) return candidate.depth > best.depth;
    return candidate.id.url === own.url && best.id.url !== own.url;
  }

  /** Ticks on `line` in the nodes of function `id` other than `nodeIndex` (where V8 ran it on its own). */
  private ticksElsewhere(id: FunctionId, line: number, nodeIndex: number): number {
    if (!this.ticksByFunction) {
      this.ticksByFunction = new Map();
      this.model.nodes.forEach((node, index) => {
        const k = key(this.functionOfNode(index));
        const lines = this.ticksByFunction!.get(k) ?? new Map<number, number>();
        for (const t of node.lineTicks) lines.set(t.line, (lines.get(t.line) ?? 0) + t.ticks);
        this.ticksByFunction!.set(k, lines);
      });
    }
    const all = this.ticksByFunction.get(key(id))?.get(line) ?? 0;
    const here =
      key(this.functionOfNode(nodeIndex)) === key(id) ? this.model.nodes[nodeIndex].lineTicks.reduce((sum, t) => sum + (t.line === line ? t.ticks : 0), 0) : 0;
    return all - here;
  }

  /** Rule 3: a call-site line whose callee V8 inlined without keeping any of its lines is that callee's time. */
  private inlinedWithoutLines(nodeIndex: number, own: FunctionId, shares: LineShare[]): LineShare[] {
    // A function with lines of its own here, or on the way to one that has, kept its lines.
    const withTicks = new Set(shares.flatMap((s) => [s.owner, ...s.chain].map(key)));
    const children = new Set(this.model.nodes[nodeIndex].children.map((child) => key(this.functionOfNode(child))));
    const script = this.scripts.get(own.url)!;
    return shares.flatMap((share) => {
      // Compacted code (tsx, bundles) holds many calls on one line: nothing tells which one ran.
      if (this.scripts.get(share.owner.url)?.isCompacted(share.line) ?? script.isCompacted(share.line)) return [share];
      const callees = this.callsOn(share.owner, share.line).filter(
        (callee) => !withTicks.has(key(callee)) && !children.has(key(callee)) && key(callee) !== key(own) && callee.fn !== 0,
      );
      if (callees.length === 0) return [share];
      return callees.map((callee) => ({
        line: share.line,
        ticks: share.ticks / callees.length,
        owner: callee,
        chain: [...share.chain, callee],
        inlinedAtLine: share.line,
      }));
    });
  }

  /** The node's own function's callees (static, then what the profile shows below it), nearest first; no ancestors. */
  private candidatesOf(nodeIndex: number, own: FunctionId): Candidate[] {
    const found = new Map<string, Candidate>([[key(own), { id: own, tier: 0, depth: 0, chain: [] }]]);
    const excluded = this.ancestorsOf(nodeIndex, own);
    const add = (id: FunctionId, depth: number, chain: readonly FunctionId[], tier = 0) => {
      if (id.fn <= 0 || found.has(key(id)) || excluded.has(key(id))) return false;
      found.set(key(id), { id, tier, depth, chain });
      return true;
    };
    for (const callee of this.staticCalleesOf(own)) add(callee.id, callee.depth, callee.chain);
    let nodes = this.model.nodes[nodeIndex].children;
    for (let depth = 1; depth <= descendantDepth && nodes.length > 0; depth++) {
      for (const child of nodes) {
        const id = this.functionOfNode(child);
        add(id, depth, [id]);
      }
      nodes = nodes.flatMap((child) => this.model.nodes[child].children);
    }
    const script = this.scripts.get(own.url)!;
    if (!script.hasCalls) {
      // No static evidence (annotated by an older version): the functions of its own script, then any the profile shows.
      script.functions.forEach((_, fn) => add({ url: own.url, fn }, 1, [{ url: own.url, fn }], 1));
      for (const id of this.profiledFunctions()) add(id, 1, [id], 2);
    }
    found.delete(key(own));
    return [...found.values()];
  }

  /** What a function calls according to the source, transitively (breadth first: nearest, shortest chain). */
  private staticCalleesOf(own: FunctionId): readonly Candidate[] {
    let found = this.staticCallees.get(key(own));
    if (!found) {
      const seen = new Set([key(own)]);
      const all: Candidate[] = [];
      let level: Candidate[] = [{ id: own, tier: 0, depth: 0, chain: [] }];
      for (let depth = 1; depth <= inliningDepth && level.length > 0; depth++) {
        const next: Candidate[] = [];
        for (const from of level) {
          for (const callee of this.calleesOf(from.id)) {
            if (seen.has(key(callee))) continue;
            seen.add(key(callee));
            next.push({ id: callee, tier: 0, depth, chain: [...from.chain, callee] });
          }
        }
        all.push(...next);
        level = next;
      }
      this.staticCallees.set(key(own), (found = all));
    }
    return found;
  }

  /** Functions that can never have been inlined into this node: those enclosing its own function, and its callers in the profile. */
  private ancestorsOf(nodeIndex: number, own: FunctionId): Set<string> {
    const ancestors = new Set<string>();
    const ranges = this.scripts.get(own.url)!.functions;
    for (let f = ranges[own.fn][4]; f >= 0; f = ranges[f][4]) ancestors.add(key({ url: own.url, fn: f }));
    for (let n = this.model.nodes[nodeIndex].parent; n > 0; n = this.model.nodes[n].parent) {
      const id = this.functionOfNode(n);
      if (key(id) !== key(own)) ancestors.add(key(id));
    }
    return ancestors;
  }

  private functionOfNode(nodeIndex: number): FunctionId {
    const location = this.model.locations[this.model.nodes[nodeIndex].location];
    return { url: location.url, fn: this.ownFunction(location) };
  }

  private calleesOf(id: FunctionId): FunctionId[] {
    return this.resolvedCalls(id).map((call) => call.callee);
  }

  private callsOn(id: FunctionId, line: number): FunctionId[] {
    return this.resolvedCalls(id)
      .filter((call) => call.line === line)
      .map((call) => call.callee);
  }

  /** A function's saved calls whose callee exists in this profile (a damaged file may point anywhere). */
  private resolvedCalls(id: FunctionId): Array<{ line: number; callee: FunctionId }> {
    const calls = this.scripts.get(id.url)?.callsOf(id.fn) ?? [];
    return calls.flatMap(({ line, script, fn }) => {
      const url = this.urls[script];
      const exists = url !== undefined && this.scripts.get(url)?.functions[fn] !== undefined;
      return exists ? [{ line, callee: { url, fn } }] : [];
    });
  }

  /** Every function (with ranges) that has a node somewhere in the profile. */
  private profiledFunctions(): FunctionId[] {
    if (!this.everywhere) {
      const seen = new Set<string>();
      this.everywhere = [];
      for (const location of this.model.locations) {
        const id = { url: location.url, fn: this.ownFunction(location) };
        if (id.fn >= 0 && !seen.has(key(id))) this.everywhere.push(id);
        seen.add(key(id));
      }
    }
    return this.everywhere;
  }
}

/** A function's identity within one profile. */
export function key(id: FunctionId): string {
  return `${id.url}#${id.fn}`;
}
