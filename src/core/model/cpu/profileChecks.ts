/**
 * Checks of what profile files share: CDP call frames and js-debug's `$vscode` block (in
 * .cpuprofile and .heapprofile files) and our `$flamelens` block, with one-sentence errors.
 * Plain loops, no closure per element: a 300k-node profile must open fast.
 */
import { badInput } from '../../errors';

/** Line and column numbers: V8 uses -1 for "none"; nothing real has billions of lines. */
const maxPosition = 0x7fffffff;

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
    if (
      typeof entry !== 'object' ||
      entry === null ||
      !Array.isArray(entry.locations) ||
      (entry.callFrame !== undefined && callFrameProblem(entry.callFrame))
    ) {
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
export function checkFlameLensAnnotations(value: unknown, name: string): void {
  const block = value as { version?: unknown; scripts?: unknown };
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw badInput(`${name} has a malformed "$flamelens" block; the file is damaged.`);
  if (typeof block.version === 'number' && block.version > 1) {
    throw badInput(
      `${name} was written by a newer FlameLens ("$flamelens" version ${Number.isFinite(block.version) ? block.version : '?'}); update FlameLens to read it.`,
    );
  }
  if (block.version !== 1 || !Array.isArray(block.scripts))
    throw badInput(`${name} has a malformed "$flamelens" block (no version 1 or no scripts); the file is damaged.`);
  const workers = (block as { workerThreads?: unknown }).workerThreads;
  if (workers !== undefined && !(isCount(workers) && workers <= maxPosition))
    throw badInput(`${name} has an impossible "workerThreads" in "$flamelens"; the file is damaged.`);
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

/** A whole number of things (ticks, hits, an index). */
export function isCount(value: unknown): value is number {
  return Number.isSafeInteger(value) && (value as number) >= 0;
}

/** A 0- or 1-based line or column (V8's -1 is not allowed here). */
export function isLine(value: unknown): value is number {
  return Number.isInteger(value) && (value as number) >= 0 && (value as number) <= maxPosition;
}

/** A CDP line or column: 0-based, -1 for frames without one. */
function isPosition(value: unknown): boolean {
  return Number.isInteger(value) && (value as number) >= -1 && (value as number) <= maxPosition;
}
