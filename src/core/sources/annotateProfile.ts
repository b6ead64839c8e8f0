/**
 * Resolves a profile's locations once and writes them into it (a new object; the input is
 * not touched): `$vscode` (js-debug's shape: original position of each call frame) and
 * `$flamelens` (original lines of sampled lines, function ranges of sampled scripts).
 * Done at capture time with the live target's sources, or on open for files that lack it.
 */
import * as path from 'node:path';
import type {
  CallFrame,
  FunctionRange,
  LineOrigin,
  ProfileNode,
  SavedCpuProfile,
  ScriptAnnotations,
  SourceLocation,
  VsCodeAnnotations,
} from '../model/cpu/savedProfile';
import { functionRangesOf } from './functionRanges';
import { scriptPath, type ScriptSourceReader } from './scriptSources';
import { SourceMapResolver, type ScriptSourceMap } from './sourceMaps';

export interface AnnotateOptions {
  /** Folder the program ran in; written as `$vscode.rootPath`. */
  readonly rootPath?: string;
}

interface ScriptInfo {
  readonly map?: ScriptSourceMap;
  readonly functions?: FunctionRange[];
}

/** Returns the profile with `$vscode` and `$flamelens` filled in (kept when already there). */
export async function annotateProfile(
  profile: SavedCpuProfile,
  reader: ScriptSourceReader,
  options: AnnotateOptions = {},
): Promise<SavedCpuProfile> {
  if (profile.$flamelens && profile.$vscode) return profile;
  const resolver = new SourceMapResolver({ readFile: reader.readFile });
  const scripts = new Map<string, Promise<ScriptInfo>>();
  const scriptInfo = (frame: CallFrame) => {
    let info = scripts.get(frame.url);
    if (!info) {
      info = loadScript(frame, reader, resolver);
      scripts.set(frame.url, info);
    }
    return info;
  };

  const withLocations = profile.$vscode ? profile : await vscodeLocations(profile, scriptInfo, options.rootPath);
  if (profile.$flamelens) return withLocations;
  const sampledScripts = sampledLinesByScript(profile);
  const annotated: ScriptAnnotations[] = [];
  for (const [url, { frame, lines }] of sampledScripts) {
    const { map, functions } = await scriptInfo(frame);
    if (!functions && !map) continue;
    for (const range of functions ?? []) lines.add(range[0]);
    const origins: LineOrigin[] = [];
    for (const line of [...lines].sort((a, b) => a - b)) {
      const original = map?.originalLine(line);
      if (original) origins.push([line, original.file, original.line]);
    }
    annotated.push({ url, functions: functions ?? [], lines: origins });
  }
  return { ...withLocations, $flamelens: { version: 1, scripts: annotated } };
}

/**
 * The generated lines with samples, by script. A node's tick lines are also listed under the
 * scripts of the functions it calls (a few levels down): when V8 inlines a function from
 * another script, the ticks carry that script's line numbers (see lineAttribution.ts).
 */
function sampledLinesByScript(profile: SavedCpuProfile): Map<string, { frame: CallFrame; lines: Set<number> }> {
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  const scripts = new Map<string, { frame: CallFrame; lines: Set<number> }>();
  const addLines = (node: ProfileNode, lines: readonly number[]) => {
    if (!scriptPath(node.callFrame.url)) return;
    const entry = scripts.get(node.callFrame.url) ?? { frame: node.callFrame, lines: new Set<number>() };
    for (const line of lines) entry.lines.add(line);
    scripts.set(node.callFrame.url, entry);
  };
  for (const node of profile.nodes) {
    if (!node.hitCount && !node.positionTicks?.length) continue;
    const lines = (node.positionTicks ?? []).map((tick) => tick.line);
    addLines(node, lines);
    let level = node.children ?? [];
    for (let depth = 0; depth < 3 && level.length > 0 && lines.length > 0; depth++) {
      const next: number[] = [];
      for (const id of level) {
        const child = byId.get(id);
        if (!child) continue;
        if (child.callFrame.url !== node.callFrame.url) addLines(child, lines);
        next.push(...(child.children ?? []));
      }
      level = next;
    }
  }
  return scripts;
}

function withColumn(line: { file: string; line: number } | undefined) {
  return line && { ...line, column: 1 };
}

async function loadScript(frame: CallFrame, reader: ScriptSourceReader, resolver: SourceMapResolver): Promise<ScriptInfo> {
  if (!scriptPath(frame.url)) return {}; // node: internals, eval code and natives stay as they are.
  const source = await reader.script(frame.url, String(frame.scriptId));
  const map = await resolver.mapFor(frame.url, source?.sourceMapURL, source?.text);
  const functions = source?.text !== undefined ? functionRangesOf(source.text) : undefined;
  return { map, functions };
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
  const generatedPath = scriptPath(frame.url);
  if (!generatedPath) return [];
  const { map } = await scriptInfo(frame);
  const original =
    map?.originalPosition(frame.lineNumber + 1, frame.columnNumber + 1) ??
    withColumn(map?.firstMappedLineFrom(frame.lineNumber + 1, 5)); // e.g. a module starting with "use strict"
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
