// Committed profiles name files under a placeholder root, so they work from any clone.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseCpuProfile } from '../../src/core/model/cpu/profileFile';
import type { SavedCpuProfile } from '../../src/core/model/cpu/savedProfile';
import { fixtureProfiles, repoRoot } from './paths';

/** The text of a committed profile with the placeholder replaced by this clone's root. */
export function fixtureProfileText(name: string): string {
  const text = fs.readFileSync(path.join(fixtureProfiles, name), 'utf8');
  const rootUrl = pathToFileURL(repoRoot).href;
  return text.replaceAll('file:///FLAMELENS_REPO', rootUrl).replaceAll('/FLAMELENS_REPO', repoRoot);
}

export function loadFixtureProfile(name: string): SavedCpuProfile {
  return parseCpuProfile(fixtureProfileText(name), name);
}

/** Writes the fixture (placeholder replaced) into `dir` and returns its path. */
export function materializeFixtureProfile(name: string, dir: string): string {
  const file = path.join(dir, path.basename(name));
  fs.writeFileSync(file, fixtureProfileText(name));
  return file;
}

/** Folded stacks ("a;b;c 12"), one line per distinct stack: readable in review as a golden file. */
export function foldedStacks(profile: SavedCpuProfile): string {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map<number, number>();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const counts = new Map<string, number>();
  for (const id of profile.samples ?? []) {
    const names: string[] = [];
    for (let at: number | undefined = id; at !== undefined; at = parent.get(at)) {
      const frame = byId.get(at)!.callFrame;
      names.push(frame.functionName || '(anonymous)');
    }
    const key = names.reverse().join(';');
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  return (
    [...counts]
      .map(([stack, n]) => `${stack} ${n}`)
      .sort()
      .join('\n') + '\n'
  );
}
