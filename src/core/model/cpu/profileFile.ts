/**
 * Reads and writes .cpuprofile files. Reading checks that the file is one, so every later step can trust
 * its shape: every field the model, the annotations and the reports use has the right type, every figure
 * is finite and within sense, every id points at something that exists and the nodes form one tree.
 * Bad files get one sentence that says what is wrong with them. The checks are one pass over plain
 * loops (no closure per element): a 300k-node, 2M-sample profile must open as fast as before.
 */
import * as path from 'node:path';
import { badInput } from '../../errors';
import { parseJson, readFileText, writeJsonFileAtomically, type JsonFileKind } from '../../files/jsonFile';
import { callFrameProblem, checkFlameLensAnnotations, checkVsCodeAnnotations, isCount, isLine } from './profileChecks';
import type { SavedCpuProfile } from './savedProfile';

const kind: JsonFileKind = { what: 'a CPU profile', whole: 'the profile' };

/**
 * Bounds of sense for times in µs. V8 does emit small negative deltas (samples reordered by a few µs;
 * the model clamps them), so those are fine; a gap of more than ~11 days between two samples, or a
 * recording timestamp beyond ~3 centuries, only comes from a damaged or forged file.
 */
const maxDeltaUs = 1e12;
const maxTimestampUs = 1e16;

/** Reads and validates a CPU profile file (Chrome DevTools, `node --cpu-prof`, js-debug or FlameLens). */
export async function readCpuProfileFile(file: string): Promise<SavedCpuProfile> {
  return parseCpuProfile(await readFileText(file), path.basename(file));
}

/** Parses and validates the text of a CPU profile; `name` is used in messages. */
export function parseCpuProfile(text: string, name: string): SavedCpuProfile {
  return validateCpuProfile(parseJson(text, name, kind), name);
}

function validateCpuProfile(value: unknown, name: string): SavedCpuProfile {
  const profile = checkTopLevel(value, name);
  const nodes = profile.nodes as unknown[];
  const locationCount = checkVsCodeAnnotations(profile.$vscode, name);
  if (profile.$flamelens !== undefined) checkFlameLensAnnotations(profile.$flamelens, name);
  const indexById = checkNodes(nodes, locationCount, name);
  checkOneTree(nodes as Array<{ id: number; children?: unknown[] }>, indexById, name);
  checkSamples(profile, indexById, name);
  return profile as unknown as SavedCpuProfile;
}

/** A CPU profile at all (not a heap snapshot or an old format), with nodes and sensible start and end times. */
function checkTopLevel(value: unknown, name: string): Record<string, unknown> {
  const profile = value as Record<string, unknown>;
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw badInput(`${name} is not a CPU profile.`);
  if (profile.snapshot !== undefined) throw badInput(`${name} is a heap snapshot, not a CPU profile; open it with "flamelens heap".`);
  if (profile.head !== undefined)
    throw badInput(`${name} is a heap profile or an old-format CPU profile; FlameLens reads the Profiler.Profile format of Node 8 and later.`);
  const nodes = profile.nodes;
  if (!Array.isArray(nodes) || nodes.length === 0) throw badInput(`${name} is not a CPU profile: it has no "nodes".`);
  if (typeof profile.startTime !== 'number' || typeof profile.endTime !== 'number') {
    throw badInput(`${name} is not a complete CPU profile: "startTime"/"endTime" are missing.`);
  }
  if (!isTimestamp(profile.startTime) || !isTimestamp(profile.endTime)) {
    throw badInput(`${name} has an impossible "startTime" or "endTime"; the file is damaged.`);
  }
  return profile;
}

/**
 * Each node's own fields: an id (once), a call frame, counts, ticks and a location id inside the
 * `$vscode` block (`locationCount` < 0: the file has none). Ids are checked first for all nodes,
 * since the index is sized by them.
 */
function checkNodes(nodes: readonly unknown[], locationCount: number, name: string): NodeIndex {
  for (let i = 0; i < nodes.length; i++) {
    const node = nodes[i] as Record<string, unknown> | null;
    if (typeof node !== 'object' || node === null || !Number.isSafeInteger(node.id) || typeof node.callFrame !== 'object' || node.callFrame === null) {
      throw badInput(`${name} has a malformed node (no id or callFrame); the file is damaged.`);
    }
  }
  const indexById = new NodeIndex(nodes as Array<{ id: number }>);
  for (let i = 0; i < nodes.length; i++) {
    const node = nodes[i] as Record<string, unknown>;
    const id = node.id as number;
    if (!indexById.add(id, i)) throw badInput(`${name} has node ${id} twice; the file is damaged.`);
    const problem = callFrameProblem(node.callFrame);
    if (problem) throw badInput(`${name} has a malformed call frame in node ${id} (${problem}); the file is damaged.`);
    if (node.hitCount !== undefined && !isCount(node.hitCount)) throw badInput(`${name} has an impossible "hitCount" in node ${id}; the file is damaged.`);
    if (node.children !== undefined && !Array.isArray(node.children))
      throw badInput(`${name} has node ${id} whose "children" is not a list; the file is damaged.`);
    if (node.positionTicks !== undefined && !arePositionTicks(node.positionTicks)) {
      throw badInput(`${name} has malformed "positionTicks" in node ${id} (each needs a line and a tick count); the file is damaged.`);
    }
    if (node.locationId !== undefined) {
      const locationId = node.locationId;
      if (!isCount(locationId) || (locationCount >= 0 && locationId >= locationCount)) {
        throw badInput(`${name} has node ${id} pointing at a source location that is not in its "$vscode" block; the file is damaged.`);
      }
    }
  }
  return indexById;
}

/**
 * One tree: each node has at most one parent, and every node hangs off the root (the first node
 * nobody calls, as the model chooses it). That rules out cycles, which would otherwise loop.
 */
function checkOneTree(nodes: ReadonlyArray<{ id: number; children?: unknown[] }>, indexById: NodeIndex, name: string): void {
  const parentOf = new Int32Array(nodes.length).fill(-1);
  for (let i = 0; i < nodes.length; i++) {
    const children = nodes[i].children;
    if (!children) continue;
    for (let c = 0; c < children.length; c++) {
      const child = children[c];
      const index = indexById.get(child);
      if (index < 0) {
        throw badInput(
          typeof child === 'number'
            ? `${name} refers to node ${child}, which is not in the file; the file is damaged.`
            : `${name} has a child of node ${nodes[i].id} that is not a node id; the file is damaged.`,
        );
      }
      if (index === i || parentOf[index] !== -1) {
        throw badInput(`${name} has node ${child} called from two places (or from itself); the call tree is not a tree, the file is damaged.`);
      }
      parentOf[index] = i;
    }
  }
  const root = parentOf.indexOf(-1);
  if (root < 0) throw badInput(`${name} has no root node (its nodes call each other in a circle); the file is damaged.`);
  const reached = countReachable(nodes, indexById, root);
  if (reached !== nodes.length) {
    throw badInput(`${name} has ${nodes.length - reached} nodes outside the call tree (a second root or a circle); the file is damaged.`);
  }
}

/** Nodes reachable from `root` (iteratively: a deep tree must not overflow our stack). */
function countReachable(nodes: ReadonlyArray<{ children?: unknown[] }>, indexById: NodeIndex, root: number): number {
  let reached = 0;
  const stack: number[] = [root];
  while (stack.length > 0) {
    const at = stack.pop()!;
    reached++;
    const children = nodes[at].children;
    if (children) for (let c = 0; c < children.length; c++) stack.push(indexById.get(children[c]));
  }
  return reached;
}

/** One time delta per sample, each of a node in the file, adding up to a finite time. */
function checkSamples(profile: Record<string, unknown>, indexById: NodeIndex, name: string): void {
  const samples = profile.samples ?? [];
  const deltas = profile.timeDeltas ?? [];
  if (!Array.isArray(samples) || !Array.isArray(deltas)) throw badInput(`${name} has malformed "samples" or "timeDeltas" (not lists); the file is damaged.`);
  if (samples.length !== deltas.length) {
    throw badInput(`${name} has ${samples.length} samples but ${deltas.length} time deltas; the file is damaged.`);
  }
  let time = 0;
  for (let i = 0; i < samples.length; i++) {
    const id = samples[i];
    if (indexById.get(id) < 0) {
      throw badInput(
        `${name} has a sample of ${typeof id === 'number' ? `node ${id}, which is not in the file` : 'something that is not a node id'}; the file is damaged.`,
      );
    }
    const delta = deltas[i];
    if (typeof delta !== 'number' || !(delta >= -maxDeltaUs && delta <= maxDeltaUs)) {
      throw badInput(`${name} has an impossible time delta (#${i + 1}); the file is damaged.`);
    }
    time += delta;
  }
  if (!Number.isFinite(time)) throw badInput(`${name} has time deltas that add up to no finite time; the file is damaged.`);
}

/**
 * Node ids → positions in `nodes`. V8 numbers nodes 1…n, so a typed array indexed by id answers
 * the 2M sample lookups of a big profile much faster than a Map; scattered ids use a Map.
 */
class NodeIndex {
  private readonly dense: Int32Array | undefined;
  private readonly sparse: Map<number, number> | undefined;

  constructor(nodes: ReadonlyArray<{ readonly id: number }>) {
    let min = Infinity;
    let max = -Infinity;
    for (let i = 0; i < nodes.length; i++) {
      const id = nodes[i].id;
      if (id < min) min = id;
      if (id > max) max = id;
    }
    if (min >= 0 && max < 4 * nodes.length + 1024) this.dense = new Int32Array(max + 1).fill(-1);
    else this.sparse = new Map();
  }

  /** False when the id is there already. */
  add(id: number, index: number): boolean {
    if (this.dense) {
      if (this.dense[id] >= 0) return false;
      this.dense[id] = index;
      return true;
    }
    if (this.sparse!.has(id)) return false;
    this.sparse!.set(id, index);
    return true;
  }

  /** The node's position, or -1 when `id` names no node (or is not a number). */
  get(id: unknown): number {
    if (typeof id !== 'number') return -1;
    if (this.dense) return Number.isInteger(id) && id >= 0 && id < this.dense.length ? this.dense[id] : -1;
    return this.sparse!.get(id) ?? -1;
  }
}

function arePositionTicks(value: unknown): boolean {
  if (!Array.isArray(value)) return false;
  for (let i = 0; i < value.length; i++) {
    const tick = value[i] as { line?: unknown; ticks?: unknown } | null;
    if (typeof tick !== 'object' || tick === null || !isLine(tick.line) || !isCount(tick.ticks)) return false;
  }
  return true;
}

function isTimestamp(value: unknown): boolean {
  return typeof value === 'number' && value >= -maxTimestampUs && value <= maxTimestampUs;
}

/** Writes a profile atomically (temp file, then rename): a crash never leaves half a file. */
export async function writeCpuProfileFile(file: string, profile: SavedCpuProfile): Promise<void> {
  await writeJsonFileAtomically(file, profile);
}
