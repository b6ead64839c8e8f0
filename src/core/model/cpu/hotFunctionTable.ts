/**
 * The functions a CPU profile's time is charged to, each described once (name, original file
 * and line, category) and accumulating its self and total time. Functions are keyed by their
 * source range when known, so a function met both as its own node and inlined into others is
 * one entry; a location without ranges stands for its own function.
 */
import { categorize, type Category } from './categories';
import type { CodeLocation, CpuModel } from './cpuModel';
import { localFile } from '../../sources/localFile';
import { key as functionKey, LineAttribution, type FunctionId } from './lineAttribution';

export interface FunctionAccumulator {
  key: string;
  name: string;
  file: string;
  line: number;
  category: Category;
  selfUs: number;
  totalUs: number;
}

type Description = Omit<FunctionAccumulator, 'key'>;
type Place = { readonly file: string; readonly line: number };

export class HotFunctionTable {
  readonly attribution: LineAttribution;
  /** Original place of each generated line, per script URL ($flamelens `lines`). */
  private readonly origins: Map<string, Map<number, Place>>;
  private readonly functions = new Map<string, FunctionAccumulator>();
  /** Most lookups are a node's own function: remembered per location (no key to build). */
  private readonly ownEntries = new Map<number, FunctionAccumulator>();

  constructor(model: CpuModel) {
    this.attribution = new LineAttribution(model);
    this.origins = new Map(
      (model.annotations?.scripts ?? []).map((s) => [s.url, new Map(s.lines.map(([line, file, originalLine]) => [line, { file, line: originalLine }]))]),
    );
  }

  /** Every function met so far, in the order first met. */
  entries(): IterableIterator<FunctionAccumulator> {
    return this.functions.values();
  }

  /** The location's own function (as V8 named the node), as a FunctionId. */
  ownIdOf(location: CodeLocation): FunctionId {
    return { url: location.url, fn: this.attribution.ownFunction(location) };
  }

  /** The entry of the function a node at `location` belongs to. */
  ownEntryOf(location: CodeLocation): FunctionAccumulator {
    let entry = this.ownEntries.get(location.index);
    if (!entry) this.ownEntries.set(location.index, (entry = this.entryOf(location, this.ownIdOf(location))));
    return entry;
  }

  /** The entry of function `id`, met in a node at `location` (its own or one inlined into it). */
  entryOf(location: CodeLocation, id: FunctionId): FunctionAccumulator {
    const key = id.fn >= 0 ? functionKey(id) : `@${location.index}`;
    let entry = this.functions.get(key);
    if (!entry) {
      const isOwn = id.url === location.url && id.fn === this.attribution.ownFunction(location);
      entry = { key, ...(id.fn >= 0 && !isOwn ? this.describeRange(id) : this.describeLocation(location)) };
      this.functions.set(key, entry);
    }
    return entry;
  }

  /** Where a generated line is in the original source; in compacted code (many functions on one line) the function's own start. */
  placeOfLine(id: FunctionId, line: number): Place {
    const script = this.attribution.script(id.url);
    const exact = id.fn >= 0 && script?.isCompacted(line) ? script.originOf(id.fn) : undefined;
    return exact ?? this.origins.get(id.url)?.get(line) ?? { file: localFile(id.url) ?? id.url, line };
  }

  /** A node's own function: its start and name through the map, by exact position (minified code renames and packs them). */
  private describeLocation(location: CodeLocation): Description {
    const fn = this.attribution.ownFunction(location);
    const script = fn >= 0 ? this.attribution.script(location.url) : undefined;
    const name = script?.originalNameOf(fn) ?? location.functionName;
    const generated = this.origins.get(location.url)?.get(location.line);
    const mapped = script?.isGenerated(fn) ? undefined : (script?.originOf(fn) ?? location.original ?? generated);
    const place = mapped ?? { file: localFile(location.url) ?? location.url, line: location.url ? location.line : 0 };
    return {
      name,
      file: place.file,
      line: place.line,
      category: mapped ? categorize(name, place.file) : location.category,
      selfUs: 0,
      totalUs: 0,
    };
  }

  /** A function known only from its script's ranges (it ran inlined into another node). */
  private describeRange({ url, fn }: FunctionId): Description {
    const script = this.attribution.script(url)!;
    const range = script.functions[fn];
    const generatedOnly = { file: localFile(url) ?? url, line: range[0] };
    const place = script.isGenerated(fn) ? generatedOnly : (script.originOf(fn) ?? this.origins.get(url)?.get(range[0]) ?? generatedOnly);
    const name = script.originalNameOf(fn) ?? (range[5] || '(anonymous)');
    return { name, file: place.file, line: place.line, category: categorize(name, place.file), selfUs: 0, totalUs: 0 };
  }
}
