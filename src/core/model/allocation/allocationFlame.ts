/**
 * The allocation call tree as d3-flame-graph draws it (the profile view's FlameFrameDto, with
 * `value` and `self` in bytes), pruned like the CPU flamegraph: a frame narrower than
 * `minFraction` of the whole is dropped with its subtree (its bytes still count in its parent's
 * width) and counted in the parent's `hidden`; zooming asks for that subtree.
 */
import type { FlameFrameDto } from '../../../protocol/profileViews';
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
  const frames = new Map<number, FlameFrameDto & { hidden: number }>();
  // Depth-first order keeps a subtree contiguous: it ends at the first node whose parent is outside it.
  const inSubtree = new Uint8Array(model.nodes.length);
  inSubtree[rootNode] = 1;
  for (let index = rootNode; index < model.nodes.length; index++) {
    const node = model.nodes[index];
    if (index !== rootNode) {
      if (!inSubtree[node.parent]) break;
      inSubtree[index] = 1;
    }
    const parent = index === rootNode ? undefined : frames.get(node.parent);
    if (index !== rootNode && !parent) continue; // an ancestor was too narrow
    if (index !== rootNode && (total[index] < threshold || total[index] === 0)) {
      if (total[index] > 0) parent!.hidden++;
      continue;
    }
    const location = model.locations[node.location];
    const place = placeOf(location);
    const frame = {
      id: index,
      name: index === 0 ? 'all' : location.functionName,
      value: Math.round(total[index]),
      self: Math.round(model.selfBytes[index]),
      location: place ? `${place.file}:${place.line}` : '',
      category: location.category,
      children: [] as FlameFrameDto[],
      hidden: 0,
    };
    frames.set(index, frame);
    parent?.children.push(frame);
  }
  return frames.get(rootNode)!;
}
