/**
 * Resolves a profile's locations once and writes them into it (a new object; the input is
 * not touched): `$vscode` (js-debug's shape: original position of each call frame) and
 * `$flamelens` (original lines of sampled lines, function ranges of sampled scripts).
 * Done at capture time with the live target's sources, or on open for files that lack it.
 */
import * as path from 'node:path';
import type { CallFrame, LineOrigin, ProfileNode, SavedCpuProfile, ScriptAnnotations, SourceLocation, VsCodeAnnotations } from '../model/cpu/savedProfile';
import { localFile } from './localFile';
import type { ScriptSourceReader } from './scriptSources';
import { scriptStructureOf, type ScriptStructure } from './scriptStructure';
import { importedSpecifiers, resolveCalls, resolveModuleUrl } from './staticCalls';
import { SourceMapResolver, type ScriptSourceMap } from './sourceMaps';

export interface AnnotateOptions {
  /** Folder the program ran in; written as `$vscode.rootPath`. */
  readonly rootPath?: string;
  /** Told, in one sentence, of what could not be used (a damaged source map: that script keeps its generated positions). */
  onNote?(message: string): void;
}

interface ScriptInfo {
  readonly map?: ScriptSourceMap;
  readonly structure?: ScriptStructure;
}

/** How many import hops from a sampled script to follow, and how many scripts to read at most. */
const importDepth = 3;
const maxScripts = 300;

/** Returns the profile with `$vscode` and `$flamelens` filled in (kept when already there). */
export async function annotateProfile(profile: SavedCpuProfile, reader: ScriptSourceReader, options: AnnotateOptions = {}): Promise<SavedCpuProfile> {
  if (profile.$flamelens && profile.$vscode) return profile;
  const resolver = new SourceMapResolver({ readFile: reader.readFile, onProblem: options.onNote });
  const scripts = new Map<string, Promise<ScriptInfo>>();
  const scriptInfo = (url: string, scriptId?: string) => {
    let info = scripts.get(url);
    if (!info) {
      info = loadScript(url, scriptId, reader, resolver);
      scripts.set(url, info);
    }
    return info;
  };

  const withLocations = profile.$vscode ? profile : await vscodeLocations(profile, (frame) => scriptInfo(frame.url, String(frame.scriptId)), options.rootPath);
  if (profile.$flamelens) return withLocations;
  return { ...withLocations, $flamelens: { version: 1, scripts: await scriptAnnotations(profile, scriptInfo) } };
}

/**
 * The scripts with samples and those they import (a few hops: V8 may have inlined their
 * functions without a node of their own), each with its functions, what they call, and
 * the original lines of every line that has ticks anywhere in the profile.
 */
async function scriptAnnotations(profile: SavedCpuProfile, scriptInfo: (url: string, scriptId?: string) => Promise<ScriptInfo>): Promise<ScriptAnnotations[]> {
  const tickLines = new Set<number>();
  const queue: Array<{ url: string; scriptId?: string; depth: number }> = [];
  const queued = new Set<string>();
  for (const node of profile.nodes) {
    if (!node.hitCount && !node.positionTicks?.length) continue;
    for (const tick of node.positionTicks ?? []) tickLines.add(tick.line);
    const { url, scriptId } = node.callFrame;
    if (localFile(url) && !queued.has(url)) queue.push({ url, scriptId: String(scriptId), depth: 0 });
    queued.add(url);
  }
  const moduleUrls = new Map<string, string | undefined>();
  const moduleUrl = (specifier: string, fromUrl: string) => {
    const key = `${fromUrl}\u0000${specifier}`;
    if (!moduleUrls.has(key)) moduleUrls.set(key, resolveModuleUrl(specifier, fromUrl));
    return moduleUrls.get(key);
  };

  const loaded: Array<{ url: string; info: ScriptInfo }> = [];
  for (let next = 0; next < queue.length; next++) {
    const { url, scriptId, depth } = queue[next];
    const info = await scriptInfo(url, scriptId);
    if (!info.structure && !info.map) continue;
    loaded.push({ url, info });
    if (!info.structure || depth >= importDepth) continue;
    for (const specifier of importedSpecifiers(info.structure)) {
      const imported = moduleUrl(specifier, url);
      if (imported && !queued.has(imported) && queued.size < maxScripts) queue.push({ url: imported, depth: depth + 1 });
      if (imported) queued.add(imported);
    }
  }

  const calls = resolveCalls(
    loaded.map(({ url, info }) => ({ url, structure: info.structure ?? emptyStructure })),
    moduleUrl,
  );
  return loaded.map(({ url, info: { map, structure } }, index) => {
    const functions = structure?.functions ?? [];
    const lastLine = functions[0]?.[2] ?? Infinity;
    const lines = new Set([...tickLines].filter((line) => line <= lastLine));
    for (const range of functions) lines.add(range[0]);
    const origins: LineOrigin[] = [];
    for (const line of [...lines].sort((a, b) => a - b)) {
      const original = map?.originalLine(line);
      if (original) origins.push([line, original.file, original.line]);
    }
    return {
      url,
      functions,
      lines: origins,
      ...(structure ? { starts: structure.starts, codeLines: structure.codeLines, runOnce: structure.runOnce, calls: calls[index] } : {}),
      ...(map && structure ? { origins: functionOrigins(map, structure) } : {}),
    };
  });
}

/**
 * Where each function starts in the original source, and its original name when the map
 * keeps one (minified code): found at the function's name, else its start, by exact position.
 */
function functionOrigins(map: ScriptSourceMap, structure: ScriptStructure): Array<readonly [string, number] | readonly [string, number, string] | null> {
  return structure.functions.map((range, index) => {
    const [nameLine, nameColumn] = [structure.namePositions[index * 2], structure.namePositions[index * 2 + 1]];
    const [line, column] = index === 0 ? [range[0], range[1]] : [structure.starts[index * 2], structure.starts[index * 2 + 1]];
    const found =
      (nameLine > 0 ? map.originalPosition(nameLine, nameColumn) : undefined) ??
      map.originalPosition(range[0], range[1]) ??
      map.originalPosition(line, column) ??
      map.firstMappedLineFrom(line, 5);
    if (!found) return null;
    // Bundlers map the glue they write (export getters, helpers) to the very start of a source:
    // such a function has no place in the original, only in the generated file.
    if (found.line === 1 && (found as { column?: number }).column === 1 && index > 0 && !(line === 1 && column === 1)) return generatedOnly;
    const name = nameLine > 0 ? map.originalName(nameLine, nameColumn) : undefined;
    return name && name !== range[5] ? ([found.file, found.line, name] as const) : ([found.file, found.line] as const);
  });
}

/** An `origins` entry for a function the bundler wrote itself: it exists only in the generated file. */
const generatedOnly = ['', 0] as const;

const emptyStructure: ScriptStructure = {
  functions: [],
  starts: [],
  namePositions: [],
  codeLines: [],
  runOnce: [],
  callSites: [],
  bindings: new Map(),
  aliases: new Map(),
};

function withColumn(line: { file: string; line: number } | undefined) {
  return line && { ...line, column: 1 };
}

async function loadScript(url: string, scriptId: string | undefined, reader: ScriptSourceReader, resolver: SourceMapResolver): Promise<ScriptInfo> {
  if (!localFile(url)) return {}; // node: internals, eval code and natives stay as they are.
  const source = await reader.script(url, scriptId);
  const map = await resolver.mapFor(url, source?.sourceMapURL, source?.text);
  const structure = source?.text !== undefined ? scriptStructureOf(source.text) : undefined;
  return { map, structure };
}

/** The js-debug `$vscode` block: each distinct call frame's original location; nodes point at it. */
async function vscodeLocations(
  profile: SavedCpuProfile,
  scriptInfo: (frame: CallFrame) => Promise<ScriptInfo>,
  rootPath: string | undefined,
): Promise<SavedCpuProfile> {
  const locations: Array<{ callFrame: CallFrame; locations: SourceLocation[] }> = [];
  const indexByKey = new Map<string, number>();
  const nodes: ProfileNode[] = [];
  for (const node of profile.nodes) {
    const frame = node.callFrame;
    // A script id names one script (and so its URL) within a profile: the short key is enough.
    const key = `${frame.scriptId}:${frame.lineNumber}:${frame.columnNumber}:${frame.functionName}`;
    let locationId = indexByKey.get(key);
    if (locationId === undefined) {
      locationId = locations.length;
      indexByKey.set(key, locationId);
      locations.push({ callFrame: frame, locations: await sourceLocationsOf(frame, scriptInfo, rootPath) });
    }
    // The fields of Profiler.ProfileNode, copied explicitly: much faster than a spread on 100k nodes.
    nodes.push({
      id: node.id,
      callFrame: frame,
      hitCount: node.hitCount,
      children: node.children,
      deoptReason: node.deoptReason,
      positionTicks: node.positionTicks,
      locationId,
    });
  }
  const $vscode: VsCodeAnnotations = { rootPath, locations };
  return { ...profile, nodes, $vscode };
}

/** A call frame's original location(s), through its script's source map; also used for allocation profiles. */
export async function sourceLocationsOf(
  frame: CallFrame,
  scriptInfo: (frame: CallFrame) => Promise<ScriptInfo>,
  rootPath: string | undefined,
): Promise<SourceLocation[]> {
  const generatedPath = localFile(frame.url);
  if (!generatedPath) return [];
  const { map } = await scriptInfo(frame);
  const original = map?.originalPosition(frame.lineNumber + 1, frame.columnNumber + 1) ?? withColumn(map?.firstMappedLineFrom(frame.lineNumber + 1, 5)); // e.g. a module starting with "use strict"
  const file = original?.file ?? generatedPath;
  return [
    {
      lineNumber: original?.line ?? frame.lineNumber + 1,
      columnNumber: original?.column ?? frame.columnNumber + 1,
      source: { name: path.basename(file), path: file, sourceReference: 0 },
      relativePath: rootPath && path.isAbsolute(file) ? path.relative(rootPath, file) : undefined,
    },
  ];
}
