/**
 * Groups objects by class (constructor name, or "(type)" for internal things) and sums what
 * each class holds. A class's retained size counts an object only when no other object of the
 * same class dominates it — otherwise a linked list's nodes would be counted once per node
 * above them. This is how Chrome DevTools' Summary view counts, so the figures agree with it.
 */
import type { DominatorTree } from './dominators';
import { classNameOfType, type HeapGraph } from './heapGraph';
import type { ScratchArrays } from './scratchArrays';

export interface HeapClasses {
  /** Dense class number of each node. */
  readonly classOf: Uint32Array;
  readonly names: readonly string[];
  /** The string-table index of each class's name (−1 for "(type)" classes), to match its constructor. */
  readonly nameIndex: Int32Array;
  readonly count: Float64Array;
  readonly shallowSize: Float64Array;
  readonly retainedSize: Float64Array;
}

export function groupByClass(graph: HeapGraph, tree: DominatorTree, scratch: ScratchArrays): HeapClasses {
  const n = graph.nodeCount;
  const classOf = scratch.take().subarray(0, n); // kept
  const names: string[] = [];
  const nameIndexes: number[] = [];
  const byName = new Map<number, number>();
  const byType = new Map<number, number>();
  for (let node = 0; node < n; node++) {
    const type = graph.nodeType[node];
    let id: number | undefined;
    if (graph.hasNamedClass(type)) {
      const name = graph.nodeName[node];
      id = byName.get(name);
      if (id === undefined) {
        byName.set(name, (id = names.push(graph.strings.get(name)) - 1));
        nameIndexes[id] = name;
      }
    } else {
      id = byType.get(type);
      if (id === undefined) {
        byType.set(type, (id = names.push(classNameOfType(graph, type)) - 1));
        nameIndexes[id] = -1;
      }
    }
    classOf[node] = id;
  }
  // Different name strings can spell the same constructor; merge them under one class.
  const canonical = mergeSameNames(names, classOf);
  const classes = canonical.names.length;
  const nameIndex = new Int32Array(classes).fill(-1);
  for (let id = names.length - 1; id >= 0; id--) nameIndex[canonical.remap[id]] = nameIndexes[id];
  const count = new Float64Array(classes);
  const shallowSize = new Float64Array(classes);
  for (let node = 0; node < n; node++) {
    const c = canonical.classOf[node];
    count[c]++;
    shallowSize[c] += graph.nodeSelfSize[node];
  }
  const retainedSize = retainedSizeByClass(n, canonical.classOf, classes, tree, scratch);
  return { classOf: canonical.classOf, names: canonical.names, nameIndex, count, shallowSize, retainedSize };
}

function mergeSameNames(names: string[], classOf: Uint32Array): { names: string[]; classOf: Uint32Array; remap: Uint32Array } {
  const first = new Map<string, number>();
  const remap = new Uint32Array(names.length);
  const merged: string[] = [];
  names.forEach((name, id) => {
    let target = first.get(name);
    if (target === undefined) first.set(name, (target = merged.push(name) - 1));
    remap[id] = target;
  });
  if (merged.length === names.length) return { names, classOf, remap };
  for (let node = 0; node < classOf.length; node++) classOf[node] = remap[classOf[node]];
  return { names: merged, classOf, remap };
}

/** Walks the dominator tree keeping, per class, how many of its objects are above the current one. */
function retainedSizeByClass(n: number, classOf: Uint32Array, classes: number, tree: DominatorTree, scratch: ScratchArrays): Float64Array {
  const { dominator, retainedSize } = tree;
  const firstChild = scratch.take();
  for (let node = 1; node < n; node++) firstChild[dominator[node] + 1]++;
  for (let node = 0; node < n; node++) firstChild[node + 1] += firstChild[node];
  const children = scratch.take();
  const fill = scratch.take();
  fill.set(firstChild);
  for (let node = 1; node < n; node++) children[fill[dominator[node]]++] = node;

  const result = new Float64Array(classes);
  const onPath = new Uint32Array(classes);
  const stackNode = fill; // done with it
  const stackChild = scratch.take();
  let top = 0;
  stackNode[0] = 0;
  stackChild[0] = firstChild[0];
  // The root is not an object of the program; its children start the classes' sums.
  while (top >= 0) {
    const node = stackNode[top];
    if (stackChild[top] === firstChild[node + 1]) {
      if (top > 0) onPath[classOf[node]]--;
      top--;
      continue;
    }
    const child = children[stackChild[top]++];
    const c = classOf[child];
    if (onPath[c] === 0) result[c] += retainedSize[child];
    onPath[c]++;
    top++;
    stackNode[top] = child;
    stackChild[top] = firstChild[child];
  }
  scratch.give(firstChild, children, stackNode, stackChild);
  return result;
}
