/**
 * The hottest functions and lines of a CPU model, optionally within a time range.
 *
 * Line time comes from V8's per-node line ticks: a node's self time is split over its
 * lines in proportion to their ticks (V8 counts ticks for the whole recording, so inside a
 * time range the split keeps the whole recording's proportions). Function self time is the
 * sum of its lines' time, where each line goes to the function that contains it in the
 * source (see functionOwnership.ts), so inlined functions keep their time.
 */
import { categorize, type Category } from './categories';
import { selfTimesUs, totalTimesUs, type CpuModel, type TimeRange } from './cpuModel';
import { HotFunctionTable, type FunctionAccumulator } from './hotFunctionTable';
import { sharePct } from './share';

export interface HotFunction {
  /** Identifies the function within this profile (for callers/callees lookups). */
  readonly key: string;
  readonly name: string;
  /** Absolute path of the original source when known, else the script's path or URL. */
  readonly file: string;
  /** 1-based; 0 when the function has no source (native code). */
  readonly line: number;
  readonly selfMs: number;
  readonly selfPct: number;
  readonly totalMs: number;
  readonly totalPct: number;
  readonly category: Category;
}

export interface HotLine {
  readonly file: string;
  /** 1-based. */
  readonly line: number;
  readonly selfMs: number;
  readonly selfPct: number;
  readonly category: Category;
}

export interface Hotspots {
  /** Time covered (the range, or the whole recording), in ms. */
  readonly durationMs: number;
  readonly sampleCount: number;
  readonly functions: readonly HotFunction[];
  readonly lines: readonly HotLine[];
  readonly byCategory: Readonly<Record<Category, number>>;
  /** The function key of every node (its own function, not inlining-adjusted). */
  readonly functionOfNode: readonly string[];
  /** Self time of a node that belongs to functions V8 inlined into it, by inlining chain. */
  readonly inlinedByNode: ReadonlyMap<number, readonly InlinedTime[]>;
}

/** Time a node spent in code V8 inlined into it. */
export interface InlinedTime {
  /** Function keys from just below the node's own function down to the one that ran. */
  readonly chain: readonly string[];
  readonly us: number;
  /** Set when V8 kept no line inside the inlined function: the call site it was inlined at. */
  readonly inlinedAt?: { readonly file: string; readonly line: number };
}

/** Per original file, per line: the self time charged to it. */
type LineTable = Map<string, Map<number, { file: string; line: number; selfUs: number; category: Category }>>;

/** Time of a node's inlined chain, kept to add to the chain's functions' totals once the stacks are known. */
interface InlinedShare {
  readonly node: number;
  readonly chain: readonly FunctionAccumulator[];
  readonly us: number;
}

/** Where self time went: lines, categories, and the time of functions inlined into each node. */
interface SelfTime {
  readonly lines: LineTable;
  readonly byCategory: Record<Category, number>;
  readonly inlinedByNode: Map<number, InlinedTime[]>;
  readonly inlinedShares: InlinedShare[];
}

/** Computes hot functions and lines, sorted by self time (descending). */
export function computeHotspots(model: CpuModel, range?: TimeRange): Hotspots {
  const self = selfTimesUs(model, range);
  const total = totalTimesUs(model, self);
  const table = new HotFunctionTable(model);
  const selfTime = chargeSelfTime(model, self, table);
  const functionOfNode = chargeTotalTime(model, total, table, selfTime);
  return summarize(model, range, total[0], table, selfTime, functionOfNode);
}

/** Self time of every node, split over its lines and handed to the function owning each line. */
function chargeSelfTime(model: CpuModel, self: Float64Array, table: HotFunctionTable): SelfTime {
  const charged: SelfTime = {
    lines: new Map(),
    byCategory: { app: 0, dependency: 0, node: 0, native: 0, idle: 0 },
    inlinedByNode: new Map(),
    inlinedShares: [],
  };
  model.nodes.forEach((node, index) => {
    const nodeSelf = self[index];
    if (nodeSelf <= 0) return;
    const ownEntry = table.ownEntryOf(model.locations[node.location]);
    charged.byCategory[ownEntry.category] += nodeSelf;
    const tickSum = node.lineTicks.reduce((sum, t) => sum + t.ticks, 0);
    // Without line ticks (native code, old profiles) there is nothing to split: the node's own function keeps it.
    if (tickSum === 0) ownEntry.selfUs += nodeSelf;
    else chargeLines(model, index, nodeSelf, tickSum, table, charged);
  });
  return charged;
}

/** One node's self time, line by line, to the function V8 ran there (its own or one it inlined). */
function chargeLines(model: CpuModel, index: number, nodeSelf: number, tickSum: number, table: HotFunctionTable, charged: SelfTime): void {
  const location = model.locations[model.nodes[index].location];
  const inlinedHere = new Map<string, { chain: string[]; us: number; inlinedAt?: { file: string; line: number } }>();
  for (const share of table.attribution.linesOf(index)) {
    const us = (nodeSelf * share.ticks) / tickSum;
    const chain = share.chain.map((id) => table.entryOf(location, id));
    const entry = chain.length > 0 ? chain[chain.length - 1] : table.ownEntryOf(location);
    entry.selfUs += us;
    if (chain.length > 0) {
      const caller = share.chain.length > 1 ? share.chain[share.chain.length - 2] : table.ownIdOf(location);
      const inlinedAt = share.inlinedAtLine === undefined ? undefined : table.placeOfLine(caller, share.inlinedAtLine);
      const chainKey = chain.map((f) => f.key).join('\u0000') + (inlinedAt ? `@${inlinedAt.file}:${inlinedAt.line}` : '');
      const known = inlinedHere.get(chainKey) ?? { chain: chain.map((f) => f.key), us: 0, ...(inlinedAt ? { inlinedAt } : {}) };
      known.us += us;
      inlinedHere.set(chainKey, known);
      charged.inlinedShares.push({ node: index, chain, us });
    }
    // V8 kept no line inside a function inlined at a call site: no line of the caller burned it.
    if (share.inlinedAtLine !== undefined) continue;
    chargeLine(charged.lines, table.placeOfLine(share.owner, share.line), location.functionName, us);
  }
  if (inlinedHere.size > 0) charged.inlinedByNode.set(index, [...inlinedHere.values()]);
}

function chargeLine(lines: LineTable, place: { file: string; line: number }, functionName: string, us: number): void {
  let inFile = lines.get(place.file);
  if (!inFile) lines.set(place.file, (inFile = new Map()));
  let lineEntry = inFile.get(place.line);
  if (!lineEntry) inFile.set(place.line, (lineEntry = { ...place, selfUs: 0, category: categorize(functionName, place.file) }));
  lineEntry.selfUs += us;
}

/**
 * Total time: each sample counts once toward every function on its stack — the nodes' own
 * functions (once per function, not again for recursive calls below it) and the functions
 * inlined into the node that ran it. Returns each node's own function key.
 */
function chargeTotalTime(model: CpuModel, total: Float64Array, table: HotFunctionTable, selfTime: SelfTime): string[] {
  const onPath = new Map<FunctionAccumulator, number>();
  const path: FunctionAccumulator[] = [];
  const depth = new Int32Array(model.nodes.length);
  const functionOfNode: string[] = new Array(model.nodes.length);
  const pathAt: Array<Set<FunctionAccumulator>> = new Array(model.nodes.length);
  model.nodes.forEach((node, index) => {
    if (index > 0) depth[index] = depth[node.parent] + 1;
    while (path.length > depth[index]) release(onPath, path.pop()!);
    const entry = table.ownEntryOf(model.locations[node.location]);
    functionOfNode[index] = entry.key;
    if (!onPath.has(entry)) entry.totalUs += total[index];
    onPath.set(entry, (onPath.get(entry) ?? 0) + 1);
    path.push(entry);
    if (selfTime.inlinedByNode.has(index)) pathAt[index] = new Set(onPath.keys());
  });
  for (const { node, chain, us } of selfTime.inlinedShares) {
    const counted = new Set(pathAt[node]);
    for (const entry of chain) {
      if (!counted.has(entry)) entry.totalUs += us;
      counted.add(entry);
    }
  }
  return functionOfNode;
}

/** The result in ms and percent of the time covered, functions and lines sorted by self time. */
function summarize(
  model: CpuModel,
  range: TimeRange | undefined,
  coveredUs: number,
  table: HotFunctionTable,
  selfTime: SelfTime,
  functionOfNode: string[],
): Hotspots {
  const pct = (us: number) => sharePct(us, coveredUs);
  const ms = (us: number) => round(us / 1000, 3);
  return {
    durationMs: ms(coveredUs),
    sampleCount: countSamples(model, range),
    functions: [...table.entries()]
      .filter((f) => f.selfUs > 0 || f.totalUs > 0)
      .map((f) => {
        const totalUs = Math.max(f.totalUs, f.selfUs);
        return {
          key: f.key,
          name: f.name,
          file: f.file,
          line: f.line,
          selfMs: ms(f.selfUs),
          selfPct: pct(f.selfUs),
          totalMs: ms(totalUs),
          totalPct: pct(totalUs),
          category: f.category,
        };
      })
      .sort((a, b) => b.selfMs - a.selfMs || b.totalMs - a.totalMs),
    lines: [...selfTime.lines.values()]
      .flatMap((inFile) => [...inFile.values()])
      .map((l) => ({ file: l.file, line: l.line, selfMs: ms(l.selfUs), selfPct: pct(l.selfUs), category: l.category }))
      .sort((a, b) => b.selfMs - a.selfMs),
    byCategory: Object.fromEntries(Object.entries(selfTime.byCategory).map(([k, v]) => [k, ms(v)])) as Record<Category, number>,
    functionOfNode,
    inlinedByNode: selfTime.inlinedByNode,
  };
}

function release(onPath: Map<FunctionAccumulator, number>, entry: FunctionAccumulator): void {
  const count = onPath.get(entry)! - 1;
  if (count === 0) onPath.delete(entry);
  else onPath.set(entry, count);
}

function countSamples(model: CpuModel, range?: TimeRange): number {
  if (!range) return model.sampleNodes.length;
  let count = 0;
  for (const t of model.sampleTimesUs) if (t >= range.startMs * 1000 && t <= range.endMs * 1000) count++;
  return count;
}

function round(value: number, digits: number): number {
  const f = 10 ** digits;
  return Math.round(value * f) / f;
}
