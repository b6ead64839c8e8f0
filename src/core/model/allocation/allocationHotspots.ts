/**
 * Who allocates: bytes per function (self, and total counted once per stack even when a
 * function recurses) and per line, in original-source terms. The line of a function's bytes is
 * the function's own line: the sampling heap profiler does not record the allocating line
 * (see allocationModel.ts).
 */
import type { Category } from '../cpu/categories';
import { placeOf, type AllocationModel } from './allocationModel';

export interface AllocatingFunction {
  readonly key: string;
  readonly name: string;
  /** Original source path when known, else the script's; '' for V8's own frames. */
  readonly file: string;
  /** 1-based line where the function starts; 0 for V8's own frames. */
  readonly line: number;
  readonly category: Category;
  readonly selfBytes: number;
  readonly selfPct: number;
  readonly totalBytes: number;
  readonly totalPct: number;
}

export interface AllocatingLine {
  readonly file: string;
  readonly line: number;
  readonly selfBytes: number;
  readonly selfPct: number;
}

export interface AllocationHotspots {
  readonly totalBytes: number;
  /** By self bytes, most first. */
  readonly functions: readonly AllocatingFunction[];
  /** By self bytes, most first; only lines in source files. */
  readonly lines: readonly AllocatingLine[];
}

/** Bytes per function and per line of a model. */
export function computeAllocationHotspots(model: AllocationModel): AllocationHotspots {
  const all = model.totalBytes[0] ?? 0;
  const pct = (bytes: number) => (all > 0 ? Math.round((bytes / all) * 1000) / 10 : 0);
  const functions: AllocatingFunction[] = [...bytesByFunction(model)].map(([key, entry]) => {
    const location = model.locations[entry.location];
    const place = placeOf(location);
    return {
      key,
      name: location.functionName,
      file: place?.file ?? '',
      line: place?.line ?? 0,
      category: location.category,
      selfBytes: Math.round(entry.self),
      selfPct: pct(entry.self),
      totalBytes: Math.round(entry.total),
      totalPct: pct(entry.total),
    };
  });
  functions.sort((a, b) => b.selfBytes - a.selfBytes || b.totalBytes - a.totalBytes);
  return { totalBytes: Math.round(all), functions, lines: bytesByLine(functions, pct) };
}

/**
 * Self and total bytes per function (one key per original place and name, so one function's
 * nodes anywhere in the tree add up); total counted once per stack, not again for recursion.
 */
function bytesByFunction(model: AllocationModel): Map<string, { location: number; self: number; total: number }> {
  const keyOfLocation = model.locations.map((location) => {
    const place = placeOf(location);
    return place ? `${place.file}:${place.line}:${location.functionName}` : `(native):${location.functionName}`;
  });
  const byKey = new Map<string, { location: number; self: number; total: number }>();
  const onPath = new Map<string, number>();
  const path: number[] = [];
  for (let index = 1; index < model.nodes.length; index++) {
    const node = model.nodes[index];
    // Depth-first order: leave the nodes that are not this node's ancestors.
    while (path.length > 0 && path[path.length - 1] !== node.parent) {
      const left = keyOfLocation[model.nodes[path.pop()!].location];
      onPath.set(left, onPath.get(left)! - 1);
    }
    const key = keyOfLocation[node.location];
    const entry = byKey.get(key) ?? { location: node.location, self: 0, total: 0 };
    entry.self += model.selfBytes[index];
    if (!onPath.get(key)) entry.total += model.totalBytes[index]; // a recursive call is already inside its caller's total
    byKey.set(key, entry);
    onPath.set(key, (onPath.get(key) ?? 0) + 1);
    path.push(index);
  }
  return byKey;
}

/** A function's bytes on its own line (V8 records no allocating line), summed per line of source files. */
function bytesByLine(functions: readonly AllocatingFunction[], pct: (bytes: number) => number): AllocatingLine[] {
  const byLine = new Map<string, AllocatingLine & { selfBytes: number }>();
  for (const fn of functions) {
    if (!fn.file || fn.line <= 0 || fn.selfBytes === 0) continue;
    const key = `${fn.file}:${fn.line}`;
    const line = byLine.get(key) ?? { file: fn.file, line: fn.line, selfBytes: 0, selfPct: 0 };
    byLine.set(key, { ...line, selfBytes: line.selfBytes + fn.selfBytes, selfPct: pct(line.selfBytes + fn.selfBytes) });
  }
  return [...byLine.values()].sort((a, b) => b.selfBytes - a.selfBytes);
}
