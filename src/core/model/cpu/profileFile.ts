/**
 * Reads and writes .cpuprofile files. Reading checks that the file is one, so every later step can trust
 * its shape. Bad files get one sentence that says what is wrong with them.
 */
import * as path from 'node:path';
import { badInput } from '../../errors';
import { parseJson, readFileText, writeJsonFileAtomically, type JsonFileKind } from '../../files/jsonFile';
import type { SavedCpuProfile } from './savedProfile';

const kind: JsonFileKind = { what: 'a CPU profile', whole: 'the profile' };

/** Reads and validates a CPU profile file (Chrome DevTools, `node --cpu-prof`, js-debug or FlameLens). */
export async function readCpuProfileFile(file: string): Promise<SavedCpuProfile> {
  return parseCpuProfile(await readFileText(file), path.basename(file));
}

/** Parses and validates the text of a CPU profile; `name` is used in messages. */
export function parseCpuProfile(text: string, name: string): SavedCpuProfile {
  return validateCpuProfile(parseJson(text, name, kind), name);
}

function validateCpuProfile(value: unknown, name: string): SavedCpuProfile {
  const profile = value as Partial<SavedCpuProfile> & { snapshot?: unknown; head?: unknown };
  if (typeof value !== 'object' || value === null) throw badInput(`${name} is not a CPU profile.`);
  if (profile.snapshot !== undefined) throw badInput(`${name} is a heap snapshot, not a CPU profile; open it with "flamelens heap".`);
  if (profile.head !== undefined) throw badInput(`${name} is a heap profile or an old-format CPU profile; FlameLens reads the Profiler.Profile format of Node 8 and later.`);
  if (!Array.isArray(profile.nodes) || profile.nodes.length === 0) throw badInput(`${name} is not a CPU profile: it has no "nodes".`);
  if (typeof profile.startTime !== 'number' || typeof profile.endTime !== 'number') {
    throw badInput(`${name} is not a complete CPU profile: "startTime"/"endTime" are missing.`);
  }
  const ids = new Set<number>();
  for (const node of profile.nodes) {
    if (typeof node?.id !== 'number' || typeof node.callFrame !== 'object' || node.callFrame === null) {
      throw badInput(`${name} has a malformed node (no id or callFrame); the file is damaged.`);
    }
    ids.add(node.id);
  }
  for (const node of profile.nodes) {
    for (const child of node.children ?? []) {
      if (!ids.has(child)) throw badInput(`${name} refers to node ${child}, which is not in the file; the file is damaged.`);
    }
  }
  const samples = profile.samples ?? [];
  const deltas = profile.timeDeltas ?? [];
  if (samples.length !== deltas.length) {
    throw badInput(`${name} has ${samples.length} samples but ${deltas.length} time deltas; the file is damaged.`);
  }
  for (const id of samples) {
    if (!ids.has(id)) throw badInput(`${name} has a sample of node ${id}, which is not in the file; the file is damaged.`);
  }
  return profile as SavedCpuProfile;
}

/** Writes a profile atomically (temp file, then rename): a crash never leaves half a file. */
export async function writeCpuProfileFile(file: string, profile: SavedCpuProfile): Promise<void> {
  await writeJsonFileAtomically(file, profile);
}
