/**
 * Generated → original positions through source maps, with @jridgewell/trace-mapping
 * behind one small interface. Maps are found the way Node and DevTools find them (the
 * sourceMappingURL the script declares: a data: URI or a file), never fetched from the
 * network, and kept in a bounded cache owned by the resolver.
 */
import { decodedMappings, originalPositionFor, TraceMap } from '@jridgewell/trace-mapping';
import { maxPathLength } from '../../protocol/shared/validators';
import { bounded } from '../files/jsonFile';
import { localFile } from './localFile';
import { MappingIndex } from './mappingIndex';
import * as path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

export interface OriginalLine {
  /** Absolute path (or URL, when the map names no file) of the original source. */
  readonly file: string;
  /** 1-based. */
  readonly line: number;
}

export interface OriginalPosition extends OriginalLine {
  /** 1-based. */
  readonly column: number;
  readonly name?: string;
}

/** One script's source map, answering 1-based positions with memoized lookups. */
export class ScriptSourceMap {
  /** Memoized answers by generated line, then column (minified lines can be megabytes long). */
  private readonly positions = new Map<number, Map<number, OriginalPosition | null>>();
  private readonly lines = new Map<number, OriginalLine | null>();
  private readonly paths = new Map<string, string>();
  private mappingIndex: MappingIndex | undefined;

  /**
   * `mappings` is the map's encoded mappings; without it (index maps) trace-mapping answers.
   * They are decoded at once, so a damaged map fails while loading (and is set aside) rather
   * than in the middle of a report.
   */
  constructor(
    private readonly map: TraceMap,
    private readonly mappings?: string,
  ) {
    if (mappings !== undefined) this.mappingIndex = new MappingIndex(mappings, map.resolvedSources.length);
  }

  /** The original position of a generated (line, column), both 1-based. */
  originalPosition(line: number, column: number): OriginalPosition | undefined {
    try {
      return this.findOriginalPosition(line, column);
    } catch {
      return undefined; // A map trace-mapping cannot follow leaves the position generated.
    }
  }

  private findOriginalPosition(line: number, column: number): OriginalPosition | undefined {
    let onLine = this.positions.get(line);
    if (!onLine) this.positions.set(line, (onLine = new Map()));
    let hit = onLine.get(column);
    if (hit === undefined) {
      const found = this.lookup(line, column);
      const wholeLine = found ? undefined : this.findOriginalLine(line);
      hit = found ?? (wholeLine ? { ...wholeLine, column: 1 } : null);
      onLine.set(column, hit);
    }
    return hit ?? undefined;
  }

  /** The first mapped line at or after `line` (within `lookahead` lines): for functions that start on unmapped code such as "use strict". */
  firstMappedLineFrom(line: number, lookahead: number): OriginalLine | undefined {
    for (let at = line; at <= line + lookahead; at++) {
      const found = this.originalLine(at);
      if (found) return found;
    }
    return undefined;
  }

  /** Where a whole generated line comes from: its first mapped segment. */
  originalLine(line: number): OriginalLine | undefined {
    try {
      return this.findOriginalLine(line);
    } catch {
      return undefined;
    }
  }

  private findOriginalLine(line: number): OriginalLine | undefined {
    let hit = this.lines.get(line);
    if (hit === undefined) {
      if (this.mappings !== undefined) {
        const first = this.index().firstOnLine(line - 1);
        hit = first ? { file: this.pathOf(this.map.resolvedSources[first.source] ?? ''), line: first.line + 1 } : null;
      } else {
        const segment = decodedMappings(this.map)[line - 1]?.find((s) => s.length >= 4) as [number, number, number, number] | undefined;
        hit = segment ? { file: this.pathOf(this.map.resolvedSources[segment[1]] ?? ''), line: segment[2] + 1 } : null;
      }
      this.lines.set(line, hit);
    }
    return hit ?? undefined;
  }

  private lookup(line: number, column: number): OriginalPosition | undefined {
    if (this.mappings !== undefined) {
      const found = this.index().lookup(line - 1, column - 1);
      return found && { file: this.pathOf(this.map.resolvedSources[found.source] ?? ''), line: found.line + 1, column: found.column + 1 };
    }
    const found = originalPositionFor(this.map, { line, column: column - 1 });
    return found.source === null ? undefined : { file: this.pathOf(found.source), line: found.line, column: found.column + 1, name: found.name ?? undefined };
  }

  /**
   * The original name the map gives the identifier at a generated position (1-based), e.g. a
   * minified function's real name at its name token; undefined when the map names nothing there.
   */
  originalName(line: number, column: number): string | undefined {
    try {
      const found = originalPositionFor(this.map, { line, column: column - 1 });
      return found.name ?? undefined;
    } catch {
      return undefined;
    }
  }

  private index(): MappingIndex {
    this.mappingIndex ??= new MappingIndex(this.mappings!, this.map.resolvedSources.length);
    return this.mappingIndex;
  }

  private pathOf(source: string): string {
    let file = this.paths.get(source);
    if (file === undefined) this.paths.set(source, (file = localFile(source) ?? source));
    return file;
  }
}

export interface SourceMapResolverOptions {
  /** Reads a file by absolute path; undefined when it cannot be read. */
  readFile(file: string): Promise<string | undefined>;
  /** Told once per script whose map is damaged (one sentence; its positions stay generated). */
  onProblem?(message: string): void;
  /** How many maps to keep; the least recently used goes first. */
  readonly maxMaps?: number;
}

/** Finds, loads and caches the source maps of scripts. */
export class SourceMapResolver {
  private readonly cache = new Map<string, ScriptSourceMap | null>();

  constructor(private readonly options: SourceMapResolverOptions) {}

  /**
   * The map of a script, from the URL it declared (Debugger.scriptParsed) or else from the
   * `//# sourceMappingURL=` comment in its text.
   */
  async mapFor(scriptUrl: string, declaredUrl?: string, scriptText?: string): Promise<ScriptSourceMap | undefined> {
    const cached = this.cache.get(scriptUrl);
    if (cached !== undefined) {
      this.cache.delete(scriptUrl);
      this.cache.set(scriptUrl, cached); // most recently used goes last
      return cached ?? undefined;
    }
    const reference = declaredUrl || (scriptText !== undefined ? sourceMappingUrlIn(scriptText) : undefined);
    const loaded = reference ? await this.load(scriptUrl, reference) : undefined;
    this.cache.set(scriptUrl, loaded ?? null);
    while (this.cache.size > (this.options.maxMaps ?? 64)) this.cache.delete(this.cache.keys().next().value!);
    return loaded;
  }

  private async load(scriptUrl: string, reference: string): Promise<ScriptSourceMap | undefined> {
    try {
      if (reference.startsWith('data:')) return parseMap(decodeDataUri(reference), toUrl(scriptUrl));
      const mapUrl = new URL(reference, toUrl(scriptUrl));
      if (mapUrl.protocol !== 'file:') return undefined; // No remote content.
      const text = await this.options.readFile(fileURLToPath(mapUrl));
      return text === undefined ? undefined : parseMap(text, mapUrl.href);
    } catch (error) {
      // A broken map must not break the profile: this script's positions stay generated.
      const script = bounded(path.basename(scriptUrl) || scriptUrl, 120);
      this.options.onProblem?.(
        `The source map of ${script} is damaged (${bounded((error as Error)?.message ?? String(error), 120)}); its locations are shown in the generated code.`,
      );
      return undefined;
    }
  }
}

/**
 * Longest `sources` entry or `sourceRoot` taken as a path (the same limit the views apply): a
 * longer one is damage (and would be printed).
 */

function parseMap(text: string, mapUrl: string): ScriptSourceMap {
  const raw = JSON.parse(text) as Record<string, unknown>;
  checkMapShape(raw);
  // trace-mapping resolves the sources (sourceRoot, relative paths); our index decodes mappings.
  return new ScriptSourceMap(new TraceMap(raw as never, mapUrl), typeof raw.mappings === 'string' ? raw.mappings : undefined);
}

/**
 * The fields trace-mapping and our index trust, checked first: `sources` must be paths, not
 * objects or megabytes of text that would end up printed as a file name.
 */
function checkMapShape(raw: Record<string, unknown>, inSection = false): void {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) throw new Error('it is not a JSON object');
  if (raw.version !== undefined && raw.version !== 3) throw new Error('its version is not 3');
  if (raw.sections !== undefined) {
    // An index map's sections hold plain maps (the spec allows no nesting, so neither do we).
    if (inSection) throw new Error('a section holds sections');
    if (!Array.isArray(raw.sections)) throw new Error('"sections" is not a list');
    for (const section of raw.sections) {
      const map = (section as { map?: unknown } | null)?.map;
      if (typeof map !== 'object' || map === null) throw new Error('a section has no map');
      checkMapShape(map as Record<string, unknown>, true);
    }
    return;
  }
  if (typeof raw.mappings !== 'string') throw new Error('"mappings" is not text');
  if (!Array.isArray(raw.sources)) throw new Error('"sources" is not a list');
  for (const source of raw.sources) {
    if (source !== null && (typeof source !== 'string' || source.length > maxPathLength)) throw new Error('"sources" holds something that is not a path');
  }
  if (raw.sourceRoot !== undefined && raw.sourceRoot !== null && (typeof raw.sourceRoot !== 'string' || raw.sourceRoot.length > maxPathLength)) {
    throw new Error('"sourceRoot" is not a path');
  }
  if (raw.names !== undefined && !Array.isArray(raw.names)) throw new Error('"names" is not a list');
  if (raw.sourcesContent !== undefined && raw.sourcesContent !== null && !Array.isArray(raw.sourcesContent)) throw new Error('"sourcesContent" is not a list');
}

/** How far from a script's end its sourceMappingURL comment is looked for (a URL comment is short). */
const mappingCommentTail = 4096;

/** The last sourceMappingURL comment of a script, if any. */
export function sourceMappingUrlIn(text: string): string | undefined {
  const tail = text.length > mappingCommentTail ? text.slice(-mappingCommentTail) : text;
  const matches = [...tail.matchAll(/\/\/[#@]\s*sourceMappingURL=(\S+)\s*$/gm)];
  if (matches.length > 0) return matches[matches.length - 1][1];
  // An inline map can be longer than the tail we looked at. It is a comment that ends the
  // script; the same words inside the code (a tool that writes maps, as tsx does) are not one.
  const at = text.lastIndexOf('sourceMappingURL=data:');
  if (at < 0 || !/\/\/[#@]\s*$/.test(text.slice(Math.max(0, at - 8), at))) return undefined;
  const found = /^sourceMappingURL=(\S+)\s*$/.exec(text.slice(at));
  return found?.[1];
}

function toUrl(scriptUrl: string): string {
  return path.isAbsolute(scriptUrl) ? pathToFileURL(scriptUrl).href : scriptUrl;
}

function decodeDataUri(uri: string): string {
  const comma = uri.indexOf(',');
  const meta = uri.slice(5, comma);
  const payload = uri.slice(comma + 1);
  return meta.endsWith(';base64') ? Buffer.from(payload, 'base64').toString('utf8') : decodeURIComponent(payload);
}
