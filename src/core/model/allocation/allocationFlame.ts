/**
 * The allocation call tree as d3-flame-graph draws it (the profile view's FlameFrameDto, with
 * `value` and `self` in bytes), pruned like the CPU flamegraph: a frame narrower than
 * `minFraction` of the whole is dropped with its subtree (its bytes still count in its parent's
 * width) and counted in the parent's `hidden`; zooming asks for that subtree.
 */
import { buildVisibleSubtree } from '../flame/visibleSubtree';
import type { FlameFrameDto } from '../../../protocol/shared/views';
import { placeOf, type AllocationModel } from './allocationModel';

export interface AllocationFlameOptions {
  /** Frames narrower than this share of the drawn root are dropped; 1/800 ≈ 2 px of a wide panel. */
  readonly minFraction?: number;
  /** Draw only the subtree of this node (zooming in); the root by default. */
  readonly rootNode?: number;
}

/** Builds the pruned allocation flame tree of a model. */
export function buildAllocationFlameTree(model: AllocationModel, options: AllocationFlameOptions = {}): FlameFrameDto {
  const rootNode = options.rootNode ?? 0;
  const total = model.totalBytes;
  const threshold = total[rootNode] * (options.minFraction ?? 1 / 800);
  return buildVisibleSubtree(model.nodes, total, rootNode, threshold, (index) => {
    const location = model.locations[model.nodes[index].location];
    const place = placeOf(location);
    return {
      id: index,
      name: index === 0 ? 'all' : location.functionName,
      value: Math.round(total[index]),
      self: Math.round(model.selfBytes[index]),
      ...(place ? { location: { file: place.file, line: place.line } } : {}),
      category: location.category,
      children: [] as FlameFrameDto[],
      hidden: 0,
    };
  });
}
