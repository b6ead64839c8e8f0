/**
 * Which functions each function may call, across scripts: the call sites of
 * scriptStructure.ts resolved through the script's own functions and its require/import
 * bindings. This is what decides what V8 could have inlined where — a callee that V8
 * inlined before sampling began has no node of its own, so the source is the only witness.
 *
 * Resolution errs on the side of listing a possible callee (a method call `x.run()` may
 * reach any `run` the script or its imports define): attribution only gives a callee time
 * for lines where that callee has code and the profile has ticks.
 */
import { builtinModules, createRequire } from 'node:module';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { localFile } from './localFile';
import type { Callee, ScriptStructure } from './scriptStructure';

/** A function in the set of scripts being annotated: [scriptIndex, functionIndex]. */
export type FunctionRef = readonly [number, number];

export interface StaticScript {
  readonly url: string;
  readonly structure: ScriptStructure;
}

/** At most this many functions answer one name, so a common method name does not tie every script together. */
const maxByName = 3;

/** The URL of the module `specifier` names from the script at `fromUrl`; undefined for builtins and what cannot be found. */
export function resolveModuleUrl(specifier: string, fromUrl: string): string | undefined {
  const from = localFile(fromUrl);
  if (!from || specifier.startsWith('node:') || builtinModules.includes(specifier)) return undefined;
  const candidates = [specifier];
  // TypeScript run directly (tsx, type stripping) imports `./x.js` or `./x` meaning `./x.ts`.
  if (specifier.startsWith('.')) {
    const bare = specifier.replace(/\.(c|m)?js$/, '');
    for (const ext of ['.ts', '.mts', '.cts', '.tsx', '/index.ts']) candidates.push(bare + ext);
  }
  const requireFrom = createRequire(from);
  for (const candidate of candidates) {
    try {
      const resolved = requireFrom.resolve(candidate);
      if (path.isAbsolute(resolved)) return pathToFileURL(fs.realpathSync(resolved)).href;
    } catch {
      // Not this spelling; try the next.
    }
  }
  return undefined;
}

/** Every call site of every function of `scripts`, resolved to functions of `scripts`, as [line, script, function] triples. */
export function resolveCalls(scripts: readonly StaticScript[], moduleUrl: (specifier: string, fromUrl: string) => string | undefined): number[][][] {
  const indexByUrl = new Map(scripts.map((s, i) => [s.url, i]));
  const byName = scripts.map((s) => functionsByName(s.structure));
  const moduleIndex = (specifier: string, from: number): number | undefined => {
    const url = moduleUrl(specifier, scripts[from].url);
    return url === undefined ? undefined : indexByUrl.get(url);
  };
  const named = (script: number, name: string): FunctionRef[] =>
    (byName[script].get(name) ?? []).slice(0, maxByName).flatMap((fn) => {
      // An export getter (`checksumAll: () => p`) hands out the function that is really called.
      const alias = scripts[script].structure.aliases.get(fn);
      const target = alias === undefined ? undefined : byName[script].get(alias);
      return (target ?? [fn]).slice(0, maxByName).map((f) => [script, f] as const);
    });

  const resolve = (script: number, callee: Callee): FunctionRef[] => {
    const { bindings } = scripts[script].structure;
    switch (callee.kind) {
      case 'function':
        return [[script, callee.index]];
      case 'name': {
        const binding = bindings.get(callee.name);
        if (!binding) return named(script, callee.name);
        const target = moduleIndex(binding.specifier, script);
        return target === undefined || binding.imported === undefined ? [] : named(target, binding.imported);
      }
      case 'member': {
        const binding = callee.object === undefined ? undefined : bindings.get(callee.object);
        if (binding) {
          const target = moduleIndex(binding.specifier, script);
          return target === undefined ? [] : named(target, callee.property);
        }
        // `this.run()`, `parser.run()`: the script's own `run`, else one its imports define.
        const own = named(script, callee.property);
        if (own.length > 0) return own;
        const imported: FunctionRef[] = [];
        for (const { specifier } of new Set(bindings.values())) {
          const target = moduleIndex(specifier, script);
          if (target !== undefined) imported.push(...named(target, callee.property));
        }
        return imported.slice(0, maxByName);
      }
    }
  };

  return scripts.map((script, s) =>
    script.structure.callSites.map((sites) => {
      const triples: number[] = [];
      const seen = new Set<string>();
      for (const { line, callee } of sites) {
        for (const [target, fn] of resolve(s, callee)) {
          const key = `${line}:${target}:${fn}`;
          if (!seen.has(key)) triples.push(line, target, fn);
          seen.add(key);
        }
      }
      return triples;
    }),
  );
}

/** The specifiers a script imports (to load the scripts it may call into). */
export function importedSpecifiers(structure: ScriptStructure): string[] {
  return [...new Set([...structure.bindings.values()].map((b) => b.specifier))];
}

function functionsByName(structure: ScriptStructure): Map<string, number[]> {
  const byName = new Map<string, number[]>();
  structure.functions.forEach((range, index) => {
    const name = range[5];
    if (!name || index === 0) return;
    const list = byName.get(name) ?? [];
    // Top-level functions first: a name called from elsewhere is most often one of them.
    if (range[4] === 0) list.unshift(index);
    else list.push(index);
    byName.set(name, list);
  });
  return byName;
}
