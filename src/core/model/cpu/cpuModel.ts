/**
 * The CPU model: an immutable call tree built from a profile without touching it.
 * Nodes are in depth-first order (a parent always before its children), call frames are
 * de-duplicated into locations, and sample times are typed arrays, so a 2M-sample profile
 * costs a few arrays rather than millions of objects.
 */
import { LocationTable, type CodeLocation } from './codeLocations';
import type { FlameLensAnnotations, ProfileNode, SavedCpuProfile } from './savedProfile';

export type { CodeLocation, OriginalPosition } from './codeLocations';

export interface LineTicks {
  /** 1-based line in the generated script. */
  readonly line: number;
  readonly ticks: number;
}

export interface CpuNode {
  readonly index: number;
  /** -1 for the root. */
  readonly parent: number;
  readonly children: readonly number[];
  readonly location: number;
  readonly lineTicks: readonly LineTicks[];
}

export interface CpuModel {
  /** Depth-first order; index 0 is the root. */
  readonly nodes: readonly CpuNode[];
  readonly locations: readonly CodeLocation[];
  /** Node index of each sample. */
  readonly sampleNodes: Uint32Array;
  /** Time of each sample in µs since the profile started. */
  readonly sampleTimesUs: Float64Array;
  /** Time each sample stands for, in µs (the gap to the next sample). */
  readonly sampleDurationsUs: Float64Array;
  readonly durationUs: number;
  /** The sampling interval actually achieved (median gap between samples), in µs. */
  readonly intervalUs: number;
  readonly annotations?: FlameLensAnnotations;
  readonly rootPath?: string;
}

/** A time range within the profile, in ms since it started. */
export interface TimeRange {
  readonly startMs: number;
  readonly endMs: number;
}

/** Builds the model of a validated profile. */
export function buildCpuModel(profile: SavedCpuProfile): CpuModel {
  const table = new LocationTable(profile.$vscode);
  const { nodes, indexById } = callTree(profile, table);
  return {
    nodes,
    locations: table.locations,
    ...sampleTimeline(profile, indexById),
    intervalUs: medianPositive(profile.timeDeltas ?? []),
    annotations: profile.$flamelens,
    rootPath: profile.$vscode?.rootPath,
  };
}

/**
 * The nodes in depth-first order from the root (the one node nobody names as a child), with
 * the index each profile node id got. Iterative: deep recursion in the target must not
 * overflow our stack.
 */
function callTree(profile: SavedCpuProfile, table: LocationTable): { nodes: CpuNode[]; indexById: Map<number, number> } {
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  const childIds = new Set(profile.nodes.flatMap((node) => node.children ?? []));
  const root = profile.nodes.find((node) => !childIds.has(node.id)) ?? profile.nodes[0];
  const nodes: CpuNode[] = [];
  const indexById = new Map<number, number>();
  const stack: Array<{ id: number; parent: number }> = [{ id: root.id, parent: -1 }];
  const children: number[][] = [];
  while (stack.length > 0) {
    const { id, parent } = stack.pop()!;
    if (indexById.has(id)) continue; // A damaged file with a cycle must not loop forever.
    const raw: ProfileNode = byId.get(id)!;
    const index = nodes.length;
    indexById.set(id, index);
    children.push([]);
    if (parent >= 0) children[parent].push(index);
    nodes.push({
      index,
      parent,
      children: children[index],
      location: table.indexOf(raw),
      lineTicks: (raw.positionTicks ?? []).map((t) => ({ line: t.line, ticks: t.ticks })),
    });
    const kids = raw.children ?? [];
    for (let i = kids.length - 1; i >= 0; i--) stack.push({ id: kids[i], parent: index });
  }
  return { nodes, indexById };
}

/**
 * Each sample's node, time and the time it stands for (the gap to the next one; the last
 * lasts until the profile's end), in typed arrays: a long profile has millions of samples.
 */
function sampleTimeline(
  profile: SavedCpuProfile,
  indexById: ReadonlyMap<number, number>,
): Pick<CpuModel, 'sampleNodes' | 'sampleTimesUs' | 'sampleDurationsUs' | 'durationUs'> {
  const samples = profile.samples ?? [];
  const deltas = profile.timeDeltas ?? [];
  const sampleNodes = new Uint32Array(samples.length);
  const sampleTimesUs = new Float64Array(samples.length);
  const sampleDurationsUs = new Float64Array(samples.length);
  let time = 0;
  for (let i = 0; i < samples.length; i++) {
    time += Math.max(0, deltas[i]); // V8 occasionally reorders samples by a few µs.
    sampleTimesUs[i] = time;
    sampleNodes[i] = indexById.get(samples[i]) ?? 0;
  }
  const durationUs = Math.max(profile.endTime - profile.startTime, time);
  for (let i = 0; i < samples.length; i++) {
    const next = i + 1 < samples.length ? sampleTimesUs[i + 1] : durationUs;
    sampleDurationsUs[i] = Math.max(0, next - sampleTimesUs[i]);
  }
  return { sampleNodes, sampleTimesUs, sampleDurationsUs, durationUs };
}

/** Self time in µs of every node, counting only samples inside `range` when given. */
export function selfTimesUs(model: CpuModel, range?: TimeRange): Float64Array {
  const self = new Float64Array(model.nodes.length);
  const from = range ? range.startMs * 1000 : -Infinity;
  const to = range ? range.endMs * 1000 : Infinity;
  for (let i = 0; i < model.sampleNodes.length; i++) {
    const t = model.sampleTimesUs[i];
    if (t >= from && t <= to) self[model.sampleNodes[i]] += model.sampleDurationsUs[i];
  }
  return self;
}

/** Total (self + descendants) time in µs of every node. */
export function totalTimesUs(model: CpuModel, self: Float64Array): Float64Array {
  const total = Float64Array.from(self);
  // Children come after their parent in depth-first order, so one backward pass suffices.
  for (let i = model.nodes.length - 1; i > 0; i--) total[model.nodes[i].parent] += total[i];
  return total;
}

function medianPositive(values: readonly number[]): number {
  // A typed array sorts numbers natively: ~10× faster than Array#sort on 2M deltas.
  const positive = Float64Array.from(values.filter((v) => v > 0)).sort();
  return positive.length === 0 ? 0 : positive[Math.floor(positive.length / 2)];
}
