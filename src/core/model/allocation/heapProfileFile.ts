/**
 * Reads and writes .heapprofile files (FlameLens, `node --heap-prof`, Chrome DevTools). Reading
 * checks the shape once, so the model can trust it; a bad file gets one sentence saying what
 * is wrong. Writing is atomic (a `.partial` file renamed on success).
 */
import * as path from 'node:path';
import { badInput } from '../../errors';
import { parseJson, readFileText, writeJsonFileAtomically, type JsonFileKind } from '../../files/jsonFile';
import { callFrameProblem, checkVsCodeAnnotations } from '../cpu/profileChecks';
import type { HeapProfileNode, SavedHeapProfile } from './savedHeapProfile';

const kind: JsonFileKind = { what: 'an allocation profile', whole: 'the allocation profile' };

/** Reads and validates an allocation profile file. */
export async function readHeapProfileFile(file: string): Promise<SavedHeapProfile> {
  return parseHeapProfile(await readFileText(file), path.basename(file));
}

/** Parses and validates the text of an allocation profile; `name` is used in messages. */
export function parseHeapProfile(text: string, name: string): SavedHeapProfile {
  return validateHeapProfile(parseJson(text, name, kind), name);
}

/** No single call site allocates a petabyte: bigger figures only come from damaged or forged files. */
const maxBytes = 1e15;

function validateHeapProfile(value: unknown, name: string): SavedHeapProfile {
  const profile = value as Partial<SavedHeapProfile> & { nodes?: unknown; snapshot?: unknown };
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw badInput(`${name} is not an allocation profile.`);
  if (profile.snapshot !== undefined) throw badInput(`${name} is a heap snapshot, not an allocation profile; open it with "flamelens heap".`);
  if (profile.nodes !== undefined) throw badInput(`${name} is a CPU profile, not an allocation profile; open it with "flamelens report".`);
  if (typeof profile.head !== 'object' || profile.head === null) throw badInput(`${name} is not an allocation profile: it has no "head".`);
  const locationCount = checkVsCodeAnnotations(profile.$vscode, name);
  checkRecording(profile.$flamelens, name);
  const ids = checkNodes(profile.head, locationCount, name);
  return { ...(profile as SavedHeapProfile), samples: knownSamples(profile.samples, ids, name) };
}

/**
 * Every node of the tree under `head`: its fields, its location inside the `$vscode` block
 * (`locationCount` < 0: the file has none), its id once. Returns the ids.
 */
function checkNodes(head: unknown, locationCount: number, name: string): Set<number> {
  const ids = new Set<number>();
  // Iteratively: a damaged or hostile file must not overflow our stack. (Parsed JSON is a tree:
  // no node can be its own ancestor.)
  const stack: unknown[] = [head];
  while (stack.length > 0) {
    const node = stack.pop() as Partial<HeapProfileNode> | null;
    if (
      typeof node !== 'object' ||
      node === null ||
      !Number.isSafeInteger(node.id) ||
      typeof node.selfSize !== 'number' ||
      typeof node.callFrame !== 'object' ||
      node.callFrame === null ||
      !Array.isArray(node.children)
    ) {
      throw badInput(`${name} has a malformed node (no id, selfSize, callFrame or children); the file is damaged.`);
    }
    const id = node.id as number;
    if (!(node.selfSize >= 0 && node.selfSize <= maxBytes)) throw badInput(`${name} has an impossible "selfSize" in node ${id}; the file is damaged.`);
    const problem = callFrameProblem(node.callFrame);
    if (problem) throw badInput(`${name} has a malformed node: a call frame in node ${id} (${problem}); the file is damaged.`);
    if (
      node.locationId !== undefined &&
      !(Number.isSafeInteger(node.locationId) && node.locationId >= 0 && (locationCount < 0 || node.locationId < locationCount))
    ) {
      throw badInput(`${name} has node ${id} pointing at a source location that is not in its "$vscode" block; the file is damaged.`);
    }
    if (ids.has(id)) throw badInput(`${name} has node ${id} twice; the file is damaged.`);
    ids.add(id);
    for (let i = 0; i < node.children.length; i++) stack.push(node.children[i]);
  }
  return ids;
}

/**
 * The samples, checked, without those of nodes not in the tree: V8 itself lists the last few
 * samples (allocated while it builds the profile) under a node that is not in the tree — seen
 * on Node 20 in about half the recordings.
 */
function knownSamples(value: unknown, ids: ReadonlySet<number>, name: string): SavedHeapProfile['samples'] {
  const samples = value ?? [];
  if (!Array.isArray(samples)) throw badInput(`${name} has malformed "samples"; the file is damaged.`);
  let allKnown = true;
  for (let i = 0; i < samples.length; i++) {
    const sample = samples[i] as { size?: unknown; nodeId?: unknown; ordinal?: unknown } | null;
    if (
      typeof sample !== 'object' ||
      sample === null ||
      typeof sample.size !== 'number' ||
      typeof sample.nodeId !== 'number' ||
      (sample.ordinal !== undefined && typeof sample.ordinal !== 'number')
    ) {
      throw badInput(`${name} has a malformed sample (no size or nodeId); the file is damaged.`);
    }
    if (!(sample.size >= 0 && sample.size <= maxBytes) || (sample.ordinal !== undefined && !Number.isFinite(sample.ordinal))) {
      throw badInput(`${name} has a sample with an impossible size (#${i + 1}); the file is damaged.`);
    }
    if (!ids.has(sample.nodeId)) allKnown = false;
  }
  const checked = samples as SavedHeapProfile['samples'];
  return allKnown ? checked : checked.filter((s) => ids.has(s.nodeId));
}

/** The optional `$flamelens` block: how the profile was recorded. Unknown fields are left alone. */
function checkRecording(value: unknown, name: string): void {
  if (value === undefined) return;
  const recording = value as { samplingIntervalBytes?: unknown; includesCollected?: unknown };
  if (
    typeof value !== 'object' ||
    value === null ||
    (recording.samplingIntervalBytes !== undefined &&
      !(typeof recording.samplingIntervalBytes === 'number' && recording.samplingIntervalBytes > 0 && recording.samplingIntervalBytes <= maxBytes)) ||
    (recording.includesCollected !== undefined && typeof recording.includesCollected !== 'boolean')
  ) {
    throw badInput(`${name} has a malformed "$flamelens" block; the file is damaged.`);
  }
}

/** Writes an allocation profile atomically (temp file, then rename). */
export async function writeHeapProfileFile(file: string, profile: SavedHeapProfile): Promise<void> {
  await writeJsonFileAtomically(file, profile);
}
