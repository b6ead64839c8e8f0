/**
 * The call tree as d3-flame-graph draws it, pruned to frames that can be seen: a frame
 * narrower than `minFraction` of the whole is dropped with its subtree (its time still
 * counts in its parent's width). 300k-node profiles become a few thousand frames.
 */
import type { Category } from '../cpu/categories';
import { selfTimesUs, totalTimesUs, type CpuModel, type TimeRange } from '../cpu/cpuModel';
import { displayPath } from '../cpu/hotspots';

export interface FlameFrame {
  readonly name: string;
  /** Total time in ms (d3-flame-graph's `value`). */
  readonly value: number;
  /** Self time in ms. */
  readonly self: number;
  /** "file:line" in the original source when known; empty for native frames. */
  readonly location: string;
  readonly category: Category;
  readonly children: FlameFrame[];
}

export interface FlameTreeOptions {
  readonly range?: TimeRange;
  /** Frames narrower than this share of the root are dropped; 1/4000 ≈ a pixel on a wide screen. */
  readonly minFraction?: number;
}

/** Builds the pruned flame tree of a model. */
export function buildFlameTree(model: CpuModel, options: FlameTreeOptions = {}): FlameFrame {
  const self = selfTimesUs(model, options.range);
  const total = totalTimesUs(model, self);
  const threshold = total[0] * (options.minFraction ?? 1 / 4000);
  const frames: Array<FlameFrame | undefined> = new Array(model.nodes.length);
  for (const node of model.nodes) {
    if (node.index > 0 && (total[node.index] < threshold || total[node.index] === 0 || !frames[node.parent])) continue;
    const location = model.locations[node.location];
    const place = location.original ?? (location.url ? { file: displayPath(location.url), line: location.line } : undefined);
    const frame: FlameFrame = {
      name: node.index === 0 ? 'all' : location.functionName,
      value: round(total[node.index] / 1000),
      self: round(self[node.index] / 1000),
      location: place ? `${place.file}:${place.line}` : '',
      category: location.category,
      children: [],
    };
    frames[node.index] = frame;
    if (node.index > 0) frames[node.parent]!.children.push(frame);
  }
  return frames[0]!;
}

/** Number of frames in a tree (to tell how much pruning kept). */
export function countFrames(frame: FlameFrame): number {
  let count = 0;
  const stack = [frame];
  while (stack.length > 0) {
    const f = stack.pop()!;
    count++;
    stack.push(...f.children);
  }
  return count;
}

function round(ms: number): number {
  return Math.round(ms * 1000) / 1000;
}
