/**
 * The walk both flamegraphs (CPU time and allocated bytes) share: the subtree under `rootNode`
 * of a call tree stored in depth-first order, keeping only frames at least `threshold` wide.
 * A pruned frame is counted in its parent's `hidden` so the view can fetch it on zoom.
 */
export interface PrunableFrame {
  readonly children: PrunableFrame[];
  hidden: number;
}

/**
 * How many levels below the root a tree may hold. Deeper frames are left for zooming in:
 * JSON and structured clone (the hand-over to the view) overflow the stack somewhere between
 * 1,000 and 2,000 levels, and recursive code reaches 5,000 as a matter of course.
 */
export const maxFrameDepth = 500;

/**
 * Calls `makeFrame` for every node wide enough to draw, whose ancestors are drawn too, and
 * not deeper than `maxFrameDepth` below the root, and links the frames into a tree; returns
 * the root's frame.
 */
export function buildVisibleSubtree<F extends PrunableFrame>(
  nodes: ReadonlyArray<{ readonly parent: number }>,
  total: ArrayLike<number>,
  rootNode: number,
  threshold: number,
  makeFrame: (index: number) => F,
): F {
  const frames = new Map<number, F>();
  // Depth-first order keeps a subtree contiguous: it ends at the first node whose parent is outside.
  const inSubtree = new Uint8Array(nodes.length);
  const depth = new Uint32Array(nodes.length);
  inSubtree[rootNode] = 1;
  for (let index = rootNode; index < nodes.length; index++) {
    if (index !== rootNode) {
      if (!inSubtree[nodes[index].parent]) break;
      inSubtree[index] = 1;
      depth[index] = depth[nodes[index].parent] + 1;
    }
    const parent = index === rootNode ? undefined : frames.get(nodes[index].parent);
    if (index !== rootNode && !parent) continue; // an ancestor was too narrow or too deep
    if (index !== rootNode && (total[index] < threshold || total[index] === 0 || depth[index] > maxFrameDepth)) {
      if (total[index] > 0) parent!.hidden++;
      continue;
    }
    const frame = makeFrame(index);
    frames.set(index, frame);
    parent?.children.push(frame);
  }
  return frames.get(rootNode)!;
}
