/**
 * The hottest functions and lines of a CPU model, optionally within a time range.
 *
 * Line time comes from V8's per-node line ticks: a node's self time is split over its
 * lines in proportion to their ticks (V8 counts ticks for the whole recording, so inside a
 * time range the split keeps the whole recording's proportions). Function self time is the
 * sum of its lines' time, where each line goes to the function that contains it in the
 * source (see functionOwnership.ts), so inlined functions keep their time.
 */
import { fileURLToPath } from 'node:url';
import { categorize, type Category } from './categories';
import { selfTimesUs, totalTimesUs, type CodeLocation, type CpuModel, type TimeRange } from './cpuModel';
import { key as functionKey, LineAttribution, type FunctionId } from './lineAttribution';

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

interface FunctionAccumulator {
  key: string;
  name: string;
  file: string;
  line: number;
  category: Category;
  selfUs: number;
  totalUs: number;
}

/** Computes hot functions and lines, sorted by self time (descending). */
export function computeHotspots(model: CpuModel, range?: TimeRange): Hotspots {
  const self = selfTimesUs(model, range);
  const total = totalTimesUs(model, self);
  const coveredUs = total[0];
  const attribution = new LineAttribution(model);
  const origins = new Map(
    (model.annotations?.scripts ?? []).map((s) => [s.url, new Map(s.lines.map(([line, file, originalLine]) => [line, { file, line: originalLine }]))]),
  );
  const functions = new Map<string, FunctionAccumulator>();
  const lines = new Map<string, Map<number, { file: string; line: number; selfUs: number; category: Category }>>();
  const byCategory: Record<Category, number> = { app: 0, dependency: 0, node: 0, native: 0, idle: 0 };

  const ownFunctionOf = (location: CodeLocation) => attribution.ownFunction(location);
  // Functions are keyed by their source range when known, so a function met both as its own
  // node and inlined into others is one entry.
  // Most lookups are a node's own function: remember those per location (no key to build).
  const ownEntries = new Map<number, FunctionAccumulator>();
  const ownEntryOf = (location: CodeLocation): FunctionAccumulator => {
    let entry = ownEntries.get(location.index);
    if (!entry) ownEntries.set(location.index, (entry = functionFor(location, { url: location.url, fn: ownFunctionOf(location) })));
    return entry;
  };
  const functionFor = (location: CodeLocation, id: FunctionId): FunctionAccumulator => {
    const key = id.fn >= 0 ? functionKey(id) : `@${location.index}`;
    let entry = functions.get(key);
    if (!entry) {
      const isOwn = id.url === location.url && id.fn === ownFunctionOf(location);
      entry = { key, ...(id.fn >= 0 && !isOwn ? describeRange(id) : describeLocation(location)) };
      functions.set(key, entry);
    }
    return entry;
  };
  const describeLocation = (location: CodeLocation): Omit<FunctionAccumulator, 'key'> => {
    // A function's own start and name through the map, by exact position (minified code renames and packs them).
    const fn = ownFunctionOf(location);
    const script = fn >= 0 ? attribution.script(location.url) : undefined;
    const name = script?.originalNameOf(fn) ?? location.functionName;
    const generated = origins.get(location.url)?.get(location.line);
    const mapped = script?.isGenerated(fn) ? undefined : (script?.originOf(fn) ?? location.original ?? generated);
    const place = mapped ?? { file: displayPath(location.url), line: location.url ? location.line : 0 };
    return {
      name,
      file: place.file,
      line: place.line,
      category: mapped ? categorize(name, place.file) : location.category,
      selfUs: 0,
      totalUs: 0,
    };
  };
  const describeRange = ({ url, fn }: FunctionId): Omit<FunctionAccumulator, 'key'> => {
    const script = attribution.script(url)!;
    const range = script.functions[fn];
    const generatedOnly = { file: displayPath(url), line: range[0] };
    const place = script.isGenerated(fn) ? generatedOnly : (script.originOf(fn) ?? origins.get(url)?.get(range[0]) ?? generatedOnly);
    const name = script.originalNameOf(fn) ?? (range[5] || '(anonymous)');
    return { name, file: place.file, line: place.line, category: categorize(name, place.file), selfUs: 0, totalUs: 0 };
  };
  /** Where a generated line is in the original source; in compacted code (many functions on one line) the function's own start. */
  const placeOfLine = (id: FunctionId, line: number) => {
    const script = attribution.script(id.url);
    const exact = id.fn >= 0 && script?.isCompacted(line) ? script.originOf(id.fn) : undefined;
    return exact ?? origins.get(id.url)?.get(line) ?? { file: displayPath(id.url), line };
  };

  // Self time, split over lines and handed to the function owning each line.
  const inlinedByNode = new Map<number, InlinedTime[]>();
  const inlinedShares: Array<{ node: number; chain: FunctionAccumulator[]; us: number }> = [];
  model.nodes.forEach((node, index) => {
    const nodeSelf = self[index];
    if (nodeSelf <= 0) return;
    const location = model.locations[node.location];
    const ownEntry = ownEntryOf(location);
    byCategory[ownEntry.category] += nodeSelf;
    const tickSum = node.lineTicks.reduce((sum, t) => sum + t.ticks, 0);
    if (tickSum === 0) {
      ownEntry.selfUs += nodeSelf;
      return;
    }
    const inlinedHere = new Map<string, { chain: string[]; us: number; inlinedAt?: { file: string; line: number } }>();
    for (const share of attribution.linesOf(index)) {
      const us = (nodeSelf * share.ticks) / tickSum;
      const chain = share.chain.map((id) => functionFor(location, id));
      const entry = chain.length > 0 ? chain[chain.length - 1] : ownEntry;
      entry.selfUs += us;
      if (chain.length > 0) {
        const inlinedAt = share.inlinedAtLine === undefined ? undefined : placeOfLine(share.chain.length > 1 ? share.chain[share.chain.length - 2] : { url: location.url, fn: ownFunctionOf(location) }, share.inlinedAtLine);
        const chainKey = chain.map((f) => f.key).join('\u0000') + (inlinedAt ? `@${inlinedAt.file}:${inlinedAt.line}` : '');
        const known = inlinedHere.get(chainKey) ?? { chain: chain.map((f) => f.key), us: 0, ...(inlinedAt ? { inlinedAt } : {}) };
        known.us += us;
        inlinedHere.set(chainKey, known);
        inlinedShares.push({ node: index, chain, us });
      }
      // V8 kept no line inside a function inlined at a call site: no line of the caller burned it.
      if (share.inlinedAtLine !== undefined) continue;
      const place = placeOfLine(share.owner, share.line);
      let inFile = lines.get(place.file);
      if (!inFile) lines.set(place.file, (inFile = new Map()));
      let lineEntry = inFile.get(place.line);
      if (!lineEntry) inFile.set(place.line, (lineEntry = { ...place, selfUs: 0, category: categorize(location.functionName, place.file) }));
      lineEntry.selfUs += us;
    }
    if (inlinedHere.size > 0) inlinedByNode.set(index, [...inlinedHere.values()]);
  });

  // Total time: each sample counts once toward every function on its stack — the nodes'
  // own functions (once per function, not again for recursive calls below it) and the
  // functions inlined into the node that ran it.
  const onPath = new Map<FunctionAccumulator, number>();
  const path: FunctionAccumulator[] = [];
  const depth = new Int32Array(model.nodes.length);
  const functionOfNode: string[] = new Array(model.nodes.length);
  const pathAt: Array<Set<FunctionAccumulator>> = new Array(model.nodes.length);
  model.nodes.forEach((node, index) => {
    if (index > 0) depth[index] = depth[node.parent] + 1;
    while (path.length > depth[index]) release(onPath, path.pop()!);
    const entry = ownEntryOf(model.locations[node.location]);
    functionOfNode[index] = entry.key;
    if (!onPath.has(entry)) entry.totalUs += total[index];
    onPath.set(entry, (onPath.get(entry) ?? 0) + 1);
    path.push(entry);
    if (inlinedByNode.has(index)) pathAt[index] = new Set(onPath.keys());
  });
  for (const { node, chain, us } of inlinedShares) {
    const counted = new Set(pathAt[node]);
    for (const entry of chain) {
      if (!counted.has(entry)) entry.totalUs += us;
      counted.add(entry);
    }
  }

  const pct = (us: number) => (coveredUs > 0 ? round((us / coveredUs) * 100, 2) : 0);
  const ms = (us: number) => round(us / 1000, 3);
  return {
    durationMs: ms(coveredUs),
    sampleCount: countSamples(model, range),
    functions: [...functions.values()]
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
    lines: [...lines.values()]
      .flatMap((inFile) => [...inFile.values()])
      .map((l) => ({ file: l.file, line: l.line, selfMs: ms(l.selfUs), selfPct: pct(l.selfUs), category: l.category }))
      .sort((a, b) => b.selfMs - a.selfMs),
    byCategory: Object.fromEntries(Object.entries(byCategory).map(([k, v]) => [k, ms(v)])) as Record<Category, number>,
    functionOfNode,
    inlinedByNode,
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

/** A script URL as a user reads it: a path for file:// URLs, the URL otherwise. */
export function displayPath(url: string): string {
  if (url.startsWith('file://')) {
    try {
      return fileURLToPath(url);
    } catch {
      return url;
    }
  }
  return url;
}

function round(value: number, digits: number): number {
  const f = 10 ** digits;
  return Math.round(value * f) / f;
}
