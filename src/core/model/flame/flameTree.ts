/**
 * The call tree as d3-flame-graph draws it, pruned to frames that can be seen: a frame
 * narrower than `minFraction` of the whole is dropped with its subtree (its time still
 * counts in its parent's width). 300k-node profiles become a few thousand frames.
 */
import { buildVisibleSubtree } from './visibleSubtree';
import type { FlameFrameDto, SourceLocationDto } from '../../../protocol/shared/views';
import { selfTimesUs, totalTimesUs, type CpuModel, type TimeRange } from '../cpu/cpuModel';
import { localFile } from '../../sources/localFile';
import type { Hotspots } from '../cpu/hotspots';

/** A frame of the CPU flamegraph (ms); the protocol's DTO is the one type, so the tree goes to the views as built. */
export type FlameFrame = FlameFrameDto;

export interface FlameTreeOptions {
  readonly range?: TimeRange;
  /** Frames narrower than this share of the root are dropped; 1/4000 ≈ a pixel on a wide screen. */
  readonly minFraction?: number;
  /** Draw only the subtree of this node (zooming in); the root of the tree by default. */
  readonly rootNode?: number;
  /** With hotspots, functions V8 inlined become frames of their own under the node that ran them. */
  readonly hotspots?: Hotspots;
  /** Self and total µs per node for `range`, when the caller already has them (zooming reuses them). */
  readonly times?: { readonly self: Float64Array; readonly total: Float64Array };
}

/** Builds the pruned flame tree of a model. */
export function buildFlameTree(model: CpuModel, options: FlameTreeOptions = {}): FlameFrame {
  const self = options.times?.self ?? selfTimesUs(model, options.range);
  const total = options.times?.total ?? totalTimesUs(model, self);
  const rootNode = options.rootNode ?? 0;
  const threshold = total[rootNode] * (options.minFraction ?? 1 / 4000);
  return buildVisibleSubtree(model.nodes, total, rootNode, threshold, (index) => {
    const location = model.locations[model.nodes[index].location];
    const place = location.original ?? (location.url ? { file: localFile(location.url) ?? location.url, line: location.line } : undefined);
    const frame: FlameFrame = {
      id: index,
      name: index === 0 ? 'all' : location.functionName,
      value: round(total[index] / 1000),
      self: round(self[index] / 1000),
      ...(place ? { location: { file: place.file, line: place.line } } : {}),
      category: location.category,
      children: [],
      hidden: 0,
    };
    if (options.hotspots) addInlinedFrames(frame, index, options.hotspots, threshold);
    return frame;
  });
}

/**
 * Frames for the code V8 inlined into a node, nested as the calls were (a function inlined
 * into an inlined function sits under it), taking their time out of the node's self time.
 */
function addInlinedFrames(frame: FlameFrame, index: number, hotspots: Hotspots, threshold: number): void {
  const inlined = hotspots.inlinedByNode.get(index);
  if (!inlined) return;
  const byKey = new Map(hotspots.functions.map((f) => [f.key, f]));
  let movedUs = 0;
  for (const { chain, us, inlinedAt } of inlined) {
    if (us < threshold || chain.some((key) => !byKey.has(key))) continue;
    movedUs += us;
    let parent = frame;
    chain.forEach((key, depth) => {
      const fn = byKey.get(key)!;
      const last = depth === chain.length - 1;
      const at: SourceLocationDto | undefined = last && inlinedAt ? { file: inlinedAt.file, line: inlinedAt.line } : undefined;
      let child = parent.children.find((c) => c.inlined && c.key === key && sameLocation(c.inlinedAt, at));
      if (!child) {
        child = {
          id: -1 - index, // no subtree of its own to fetch
          key,
          name: fn.name,
          value: 0,
          self: 0,
          ...(fn.file ? { location: { file: fn.file, line: fn.line } } : {}),
          category: fn.category,
          children: [],
          hidden: 0,
          inlined: true,
          ...(at ? { inlinedAt: at } : {}),
        };
        parent.children.push(child);
      }
      (child as { value: number }).value = round(child.value + us / 1000);
      if (last) (child as { self: number }).self = round(child.self + us / 1000);
      parent = child;
    });
  }
  (frame as { self: number }).self = round(Math.max(0, frame.self - movedUs / 1000));
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

function sameLocation(a: SourceLocationDto | undefined, b: SourceLocationDto | undefined): boolean {
  return a === b || (a !== undefined && b !== undefined && a.file === b.file && a.line === b.line);
}

function round(ms: number): number {
  return Math.round(ms * 1000) / 1000;
}
