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
import type { SavedCpuProfile } from './savedProfile';

const kind: JsonFileKind = { what: 'a CPU profile', whole: 'the profile' };

/**
 * Bounds of sense for times in µs. V8 does emit small negative deltas (samples reordered by a few µs;
 * the model clamps them), so those are fine; a gap of more than ~11 days between two samples, or a
 * recording timestamp beyond ~3 centuries, only comes from a damaged or forged file.
 */
const maxDeltaUs = 1e12;
const maxTimestampUs = 1e16;
/** Line and column numbers: V8 uses -1 for "none"; nothing real has billions of lines. */
const maxPosition = 0x7fffffff;

/** Reads and validates a CPU profile file (Chrome DevTools, `node --cpu-prof`, js-debug or FlameLens). */
export async function readCpuProfileFile(file: string): Promise<SavedCpuProfile> {
  return parseCpuProfile(await readFileText(file), path.basename(file));
}

/** Parses and validates the text of a CPU profile; `name` is used in messages. */
export function parseCpuProfile(text: string, name: string): SavedCpuProfile {
  return validateCpuProfile(parseJson(text, name, kind), name);
}

function validateCpuProfile(value: unknown, name: string): SavedCpuProfile {
  const profile = value as Record<string, unknown>;
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw badInput(`${name} is not a CPU profile.`);
  if (profile.snapshot !== undefined) throw badInput(`${name} is a heap snapshot, not a CPU profile; open it with "flamelens heap".`);
  if (profile.head !== undefined) throw badInput(`${name} is a heap profile or an old-format CPU profile; FlameLens reads the Profiler.Profile format of Node 8 and later.`);
  const nodes = profile.nodes;
  if (!Array.isArray(nodes) || nodes.length === 0) throw badInput(`${name} is not a CPU profile: it has no "nodes".`);
  if (typeof profile.startTime !== 'number' || typeof profile.endTime !== 'number') {
    throw badInput(`${name} is not a complete CPU profile: "startTime"/"endTime" are missing.`);
  }
  if (!isTimestamp(profile.startTime) || !isTimestamp(profile.endTime)) {
    throw badInput(`${name} has an impossible "startTime" or "endTime"; the file is damaged.`);
  }
  const locationCount = checkVsCodeAnnotations(profile.$vscode, name);
  if (profile.$flamelens !== undefined) checkFlameLensAnnotations(profile.$flamelens, name);

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
    if (node.children !== undefined && !Array.isArray(node.children)) throw badInput(`${name} has node ${id} whose "children" is not a list; the file is damaged.`);
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

  // One tree: each node has at most one parent, and every node hangs off the root (the first node
  // nobody calls, as the model chooses it). That rules out cycles, which would otherwise loop.
  const parentOf = new Int32Array(nodes.length).fill(-1);
  for (let i = 0; i < nodes.length; i++) {
    const children = (nodes[i] as { children?: unknown[] }).children;
    if (!children) continue;
    for (let c = 0; c < children.length; c++) {
      const child = children[c];
      const index = indexById.get(child);
      if (index < 0) {
        throw badInput(
          typeof child === 'number'
            ? `${name} refers to node ${child}, which is not in the file; the file is damaged.`
            : `${name} has a child of node ${(nodes[i] as { id: number }).id} that is not a node id; the file is damaged.`,
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
  let reached = 0;
  const stack: number[] = [root];
  while (stack.length > 0) {
    const at = stack.pop()!;
    reached++;
    const children = (nodes[at] as { children?: number[] }).children;
    if (children) for (let c = 0; c < children.length; c++) stack.push(indexById.get(children[c]));
  }
  if (reached !== nodes.length) {
    throw badInput(`${name} has ${nodes.length - reached} nodes outside the call tree (a second root or a circle); the file is damaged.`);
  }

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
      throw badInput(`${name} has a sample of ${typeof id === 'number' ? `node ${id}, which is not in the file` : 'something that is not a node id'}; the file is damaged.`);
    }
    const delta = deltas[i];
    if (typeof delta !== 'number' || !(delta >= -maxDeltaUs && delta <= maxDeltaUs)) {
      throw badInput(`${name} has an impossible time delta (#${i + 1}); the file is damaged.`);
    }
    time += delta;
  }
  if (!Number.isFinite(time)) throw badInput(`${name} has time deltas that add up to no finite time; the file is damaged.`);
  return profile as unknown as SavedCpuProfile;
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

/**
 * Checks a `$vscode` block (js-debug's shape; also in .heapprofile files) and returns how many
 * locations it has, or -1 when there is none.
 */
export function checkVsCodeAnnotations(value: unknown, name: string): number {
  if (value === undefined) return -1;
  const block = value as { rootPath?: unknown; locations?: unknown };
  if (typeof value !== 'object' || value === null || !Array.isArray(block.locations) || (block.rootPath !== undefined && typeof block.rootPath !== 'string')) {
    throw badInput(`${name} has a malformed "$vscode" block (no list of locations); the file is damaged.`);
  }
  const locations = block.locations;
  for (let i = 0; i < locations.length; i++) {
    const entry = locations[i] as { callFrame?: unknown; locations?: unknown } | null;
    if (typeof entry !== 'object' || entry === null || !Array.isArray(entry.locations) || (entry.callFrame !== undefined && callFrameProblem(entry.callFrame))) {
      throw badInput(`${name} has a malformed "$vscode" location (#${i + 1}); the file is damaged.`);
    }
    const places = entry.locations;
    for (let p = 0; p < places.length; p++) {
      if (!isSourceLocation(places[p])) throw badInput(`${name} has a malformed "$vscode" source position (location #${i + 1}); the file is damaged.`);
    }
  }
  return locations.length;
}

/**
 * Checks a `$flamelens` block: version 1, and for each script its URL, function ranges and line
 * origins. Fields it does not know are left alone (later versions may add optional ones).
 */
function checkFlameLensAnnotations(value: unknown, name: string): void {
  const block = value as { version?: unknown; scripts?: unknown };
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw badInput(`${name} has a malformed "$flamelens" block; the file is damaged.`);
  if (typeof block.version === 'number' && block.version > 1) {
    throw badInput(`${name} was written by a newer FlameLens ("$flamelens" version ${Number.isFinite(block.version) ? block.version : '?'}); update FlameLens to read it.`);
  }
  if (block.version !== 1 || !Array.isArray(block.scripts)) throw badInput(`${name} has a malformed "$flamelens" block (no version 1 or no scripts); the file is damaged.`);
  const workers = (block as { workerThreads?: unknown }).workerThreads;
  if (workers !== undefined && !(isCount(workers) && workers <= maxPosition)) throw badInput(`${name} has an impossible "workerThreads" in "$flamelens"; the file is damaged.`);
  const scripts = block.scripts;
  for (let s = 0; s < scripts.length; s++) {
    const script = scripts[s] as { url?: unknown; functions?: unknown; lines?: unknown } | null;
    if (typeof script !== 'object' || script === null || typeof script.url !== 'string' || !Array.isArray(script.functions) || !Array.isArray(script.lines)) {
      throw badInput(`${name} has a malformed "$flamelens" script (#${s + 1}: no url, functions or lines); the file is damaged.`);
    }
    const functions = script.functions;
    for (let f = 0; f < functions.length; f++) {
      if (!isFunctionRange(functions[f], f)) {
        throw badInput(`${name} has a malformed function range in "$flamelens" (script #${s + 1}, function #${f + 1}); the file is damaged.`);
      }
    }
    const lines = script.lines;
    for (let l = 0; l < lines.length; l++) {
      const line = lines[l] as unknown[];
      if (!Array.isArray(line) || line.length < 3 || !isLine(line[0]) || typeof line[1] !== 'string' || !isLine(line[2])) {
        throw badInput(`${name} has a malformed line origin in "$flamelens" (script #${s + 1}, entry #${l + 1}); the file is damaged.`);
      }
    }
    const field = optionalScriptFieldProblem(script as Record<string, unknown>, functions.length, scripts);
    if (field) throw badInput(`${name} has a malformed "${field}" in "$flamelens" (script #${s + 1}); the file is damaged.`);
  }
}

/**
 * The optional per-script lists (absent from older files), parallel to `functions` but for
 * `runOnce` (a list of lines): which one is malformed, or ''. Checked here because the model
 * indexes with what they hold.
 */
function optionalScriptFieldProblem(script: Record<string, unknown>, functionCount: number, scripts: readonly unknown[]): string {
  const { starts, codeLines, runOnce, calls, origins } = script;
  if (starts !== undefined && !(Array.isArray(starts) && starts.length === 2 * functionCount && starts.every(isLine))) return 'starts';
  if (runOnce !== undefined && !(Array.isArray(runOnce) && runOnce.every(isLine))) return 'runOnce';
  if (codeLines !== undefined) {
    if (!Array.isArray(codeLines) || codeLines.length !== functionCount) return 'codeLines';
    for (const lines of codeLines) if (!Array.isArray(lines) || !lines.every(isLine)) return 'codeLines';
  }
  if (calls !== undefined) {
    if (!Array.isArray(calls) || calls.length !== functionCount) return 'calls';
    for (const triples of calls) {
      if (!Array.isArray(triples) || triples.length % 3 !== 0) return 'calls';
      for (let t = 0; t < triples.length; t += 3) {
        const target = scripts[triples[t + 1]] as { functions?: unknown } | undefined;
        const targetCount = Number.isInteger(triples[t + 1]) && Array.isArray(target?.functions) ? (target!.functions as unknown[]).length : -1;
        if (!isLine(triples[t]) || !Number.isInteger(triples[t + 2]) || triples[t + 2] < 0 || triples[t + 2] >= targetCount) return 'calls';
      }
    }
  }
  if (origins !== undefined) {
    if (!Array.isArray(origins) || origins.length !== functionCount) return 'origins';
    for (const origin of origins) if (origin !== null && !(Array.isArray(origin) && typeof origin[0] === 'string' && isLine(origin[1]))) return 'origins';
  }
  return '';
}

/** What is wrong with a CDP call frame, or '' when nothing is. */
export function callFrameProblem(value: unknown): string {
  const frame = value as { functionName?: unknown; url?: unknown; scriptId?: unknown; lineNumber?: unknown; columnNumber?: unknown } | null;
  if (typeof frame !== 'object' || frame === null) return 'not an object';
  if (typeof frame.functionName !== 'string') return 'the function name is not text';
  if (typeof frame.url !== 'string') return 'the url is not text';
  if (typeof frame.scriptId !== 'string' && !(typeof frame.scriptId === 'number' && Number.isFinite(frame.scriptId))) return 'no script id';
  if (!isPosition(frame.lineNumber) || !isPosition(frame.columnNumber)) return 'the line or column is not a number';
  return '';
}

/** A function range: [startLine, startColumn, endLine, endColumn, parent, name], the parent listed before it (so no circle). */
function isFunctionRange(value: unknown, index: number): boolean {
  if (!Array.isArray(value) || value.length < 6) return false;
  const parent = value[4];
  return (
    isLine(value[0]) &&
    isLine(value[1]) &&
    isLine(value[2]) &&
    isLine(value[3]) &&
    Number.isInteger(parent) &&
    parent >= -1 &&
    parent < index &&
    typeof value[5] === 'string'
  );
}

function isSourceLocation(value: unknown): boolean {
  const place = value as { lineNumber?: unknown; columnNumber?: unknown; source?: { name?: unknown; path?: unknown } | null; relativePath?: unknown } | null;
  if (typeof place !== 'object' || place === null || !isLine(place.lineNumber) || !isLine(place.columnNumber)) return false;
  const source = place.source;
  if (typeof source !== 'object' || source === null) return false;
  if (source.name !== undefined && typeof source.name !== 'string') return false;
  if (source.path !== undefined && typeof source.path !== 'string') return false;
  return place.relativePath === undefined || typeof place.relativePath === 'string';
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

/** A whole number of things (ticks, hits, an index). */
function isCount(value: unknown): value is number {
  return Number.isSafeInteger(value) && (value as number) >= 0;
}

/** A 0- or 1-based line or column (V8's -1 is not allowed here). */
function isLine(value: unknown): value is number {
  return Number.isInteger(value) && (value as number) >= 0 && (value as number) <= maxPosition;
}

/** A CDP line or column: 0-based, -1 for frames without one. */
function isPosition(value: unknown): boolean {
  return Number.isInteger(value) && (value as number) >= -1 && (value as number) <= maxPosition;
}

/** Writes a profile atomically (temp file, then rename): a crash never leaves half a file. */
export async function writeCpuProfileFile(file: string, profile: SavedCpuProfile): Promise<void> {
  await writeJsonFileAtomically(file, profile);
}
