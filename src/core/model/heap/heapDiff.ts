/**
 * Compares snapshots of one process and ranks what leaked the way a user thinks of a leak.
 *
 * Candidates are the objects new since the first snapshot (V8 object ids are stable across
 * snapshots of a process and only grow) that are alive in the last one — and, with three
 * snapshots, already alive in the second, so what the last round of load left in flight does
 * not count. Each candidate is counted under its top-most new owner in the last snapshot's
 * dominator tree: the strings and arrays an AuditRecord holds count toward the AuditRecord, so
 * the leaking class comes first rather than "(string)". Internal things (backing stores,
 * hidden classes) never own: a new elements store of an old array does not swallow the new
 * objects in it. A plain per-class delta (DevTools' Comparison view) is computed alongside.
 */
import { badInput } from '../../errors';
import type { ConstructorDeltaDto, GrowthRowDto, HeapDiffDto } from '../../../protocol/heap/views';
import type { HeapAnalysis } from './heapAnalysis';
import { formatRetainerSteps } from './retainerPaths';

const NOT_OWNER = -1;
const UNKNOWN = -2;

export function compareSnapshots(snapshots: readonly HeapAnalysis[], options: { top?: number } = {}): HeapDiffDto {
  if (snapshots.length < 2 || snapshots.length > 3) throw new Error('compareSnapshots needs two or three snapshots');
  const first = snapshots[0];
  const last = snapshots[snapshots.length - 1];
  snapshots.slice(1).forEach((later) => checkSameIdSpace(first, later));
  const firstIds = sortedIds(first);
  const middleIds = snapshots.length === 3 ? sortedIds(snapshots[1]) : undefined;
  const graph = last.graph;
  const candidate = new Uint8Array(graph.nodeCount);
  for (let node = 1; node < graph.nodeCount; node++) {
    const id = graph.nodeId[node];
    candidate[node] = !contains(firstIds, id) && (!middleIds || contains(middleIds, id)) ? 1 : 0;
  }
  const { changed, unchanged } = constructorDeltas(first, last, firstIds, sortedIds(last));
  return {
    snapshots: snapshots.map((s) => s.title),
    growth: rankGrowth(last, candidate, options.top ?? 50),
    constructors: changed,
    unchangedConstructors: unchanged,
    totalSizes: snapshots.map((s) => s.totalSize),
  };
}

function rankGrowth(last: HeapAnalysis, candidate: Uint8Array, top: number): GrowthRowDto[] {
  const { classes } = last;
  const { owners, bytes, ownedBytes } = tallyByOwner(last, candidate);
  const representative = representatives(last, ownedBytes);
  const order = Array.from({ length: classes.names.length }, (_, c) => c)
    .filter((c) => owners[c] > 0)
    .sort((a, b) => bytes[b] - bytes[a] || owners[b] - owners[a])
    .slice(0, top);
  return order.map((c) => {
    const example = representative.get(c);
    const steps = example ? last.retainerPath(example.node).steps : [];
    return {
      name: classes.names[c],
      countDelta: owners[c],
      sizeDelta: bytes[c],
      retainerPath: formatRetainerSteps(steps),
      location: last.locations.ofClassNamed(classes.nameIndex[c]),
    };
  });
}

/**
 * Per class: how many new owners (new objects counted under no other new object) and the bytes
 * of all the new objects they own; and per owner, the bytes it holds.
 */
function tallyByOwner(last: HeapAnalysis, candidate: Uint8Array): { owners: Float64Array; bytes: Float64Array; ownedBytes: Map<number, number> } {
  const { graph, classes } = last;
  const ownerOf = topOwners(last, candidate);
  const owners = new Float64Array(classes.names.length);
  const bytes = new Float64Array(classes.names.length);
  const ownedBytes = new Map<number, number>();
  for (let node = 1; node < graph.nodeCount; node++) {
    if (!candidate[node]) continue;
    const owner = ownerOf(node);
    const counted = owner === NOT_OWNER ? node : owner;
    const c = classes.classOf[counted];
    if (counted === node) owners[c]++;
    bytes[c] += graph.nodeSelfSize[node];
    if (owner !== NOT_OWNER) ownedBytes.set(owner, (ownedBytes.get(owner) ?? 0) + graph.nodeSelfSize[node]);
  }
  return { owners, bytes, ownedBytes };
}

/**
 * The top-most new object that can own, on a node's chain of new dominators (NOT_OWNER when
 * none can). Each chain is walked once: every node on it remembers the answer.
 */
function topOwners(last: HeapAnalysis, candidate: Uint8Array): (node: number) => number {
  const { graph } = last;
  const { dominator } = last.tree;
  const t = graph.types;
  // Internal things (backing stores, hidden classes) never own.
  const canOwn = (node: number) => {
    const type = graph.nodeType[node];
    return (type === t.object || type === t.native || type === t.closure || type === t.regexp) && !graph.nameOf(node).startsWith('system /');
  };
  const topOwner = new Int32Array(graph.nodeCount).fill(UNKNOWN);
  const chain: number[] = [];
  return (start: number): number => {
    let node = start;
    while (topOwner[node] === UNKNOWN) {
      chain.push(node);
      const up = dominator[node];
      if (up === node || !candidate[up]) break;
      node = up;
    }
    let above = topOwner[node] === UNKNOWN ? NOT_OWNER : topOwner[node];
    while (chain.length > 0) {
      const n = chain.pop()!;
      if (above === NOT_OWNER && canOwn(n)) above = n;
      topOwner[n] = above;
    }
    return topOwner[start];
  };
}

/** A representative per class, for its retainer path: its owner holding the most bytes. */
function representatives(last: HeapAnalysis, ownedBytes: ReadonlyMap<number, number>): Map<number, { node: number; bytes: number }> {
  const representative = new Map<number, { node: number; bytes: number }>();
  for (const [owner, size] of ownedBytes) {
    const c = last.classes.classOf[owner];
    const best = representative.get(c);
    if (!best || size > best.bytes) representative.set(c, { node: owner, bytes: size });
  }
  return representative;
}

/**
 * Per constructor: objects new and deleted, and the change in count and size. Constructors whose
 * objects were only replaced one for one (as many new as deleted, the same bytes) changed
 * nothing a user looks for: they are counted, not listed (a table of "0 / 0 B" rows hides the rest).
 */
function constructorDeltas(
  first: HeapAnalysis,
  last: HeapAnalysis,
  firstIds: Uint32Array,
  lastIds: Uint32Array,
): { changed: ConstructorDeltaDto[]; unchanged: number } {
  const rows = new Map<string, { newCount: number; deletedCount: number; sizeDelta: number; countDelta: number }>();
  const row = (name: string) => {
    let r = rows.get(name);
    if (!r) rows.set(name, (r = { newCount: 0, deletedCount: 0, sizeDelta: 0, countDelta: 0 }));
    return r;
  };
  const tally = (analysis: HeapAnalysis, otherIds: Uint32Array, sign: 1 | -1) => {
    const { graph, classes } = analysis;
    for (let node = 1; node < graph.nodeCount; node++) {
      const r = row(classes.names[classes.classOf[node]]);
      r.sizeDelta += sign * graph.nodeSelfSize[node];
      r.countDelta += sign;
      if (!contains(otherIds, graph.nodeId[node])) {
        if (sign > 0) r.newCount++;
        else r.deletedCount++;
      }
    }
  };
  tally(last, firstIds, 1);
  tally(first, lastIds, -1);
  const churned = [...rows].map(([name, r]) => ({ name, ...r })).filter((r) => r.newCount > 0 || r.deletedCount > 0);
  const changed = churned.filter((r) => r.countDelta !== 0 || r.sizeDelta !== 0).sort((a, b) => b.sizeDelta - a.sizeDelta);
  return { changed, unchanged: churned.length - changed.length };
}

/**
 * Object ids only mean the same object within one process and one inspector connection: V8
 * numbers objects afresh when a debugger disconnects. Objects found under the same id in both
 * snapshots must then be of the same class; when they mostly are not, the comparison would be
 * nonsense, so say so instead.
 */
function checkSameIdSpace(first: HeapAnalysis, later: HeapAnalysis): void {
  const sample = new Map<number, number>();
  const step = Math.max(1, Math.floor(first.graph.nodeCount / 4000));
  for (let node = 1; node < first.graph.nodeCount; node += step) sample.set(first.graph.nodeId[node], first.classes.classOf[node]);
  let found = 0;
  let same = 0;
  const { graph } = later;
  for (let node = 1; node < graph.nodeCount; node++) {
    const classId = sample.get(graph.nodeId[node]);
    if (classId === undefined) continue;
    found++;
    if (first.classes.names[classId] === later.classes.names[later.classes.classOf[node]]) same++;
  }
  if (found < 20 || same / found < 0.8) {
    throw badInput(
      `${first.title} and ${later.title} do not share object ids, so they cannot be compared: they come from different processes, ` +
        'or the inspector was disconnected between them (V8 renumbers objects then). Take all snapshots in one go: ' +
        '"flamelens snapshot <pid> --out a.heapsnapshot --out b.heapsnapshot" or "FlameLens: Find Memory Leak" in VS Code.',
    );
  }
}

function sortedIds(analysis: HeapAnalysis): Uint32Array {
  return analysis.graph.nodeId.slice().sort();
}

function contains(sorted: Uint32Array, id: number): boolean {
  let low = 0;
  let high = sorted.length - 1;
  while (low <= high) {
    const mid = (low + high) >>> 1;
    const value = sorted[mid];
    if (value === id) return true;
    if (value < id) low = mid + 1;
    else high = mid - 1;
  }
  return false;
}
