/**
 * Groups objects by class (constructor name, or "(type)" for internal things) and sums what
 * each class holds. A class's retained size counts an object only when no other object of the
 * same class dominates it — otherwise a linked list's nodes would be counted once per node
 * above them. This is how Chrome DevTools' Summary view counts, so the figures agree with it.
 */
import type { DominatorTree } from './dominators';
import { classNameOfType, type HeapGraph } from './heapGraph';

export interface HeapClasses {
  /** Dense class number of each node. */
  readonly classOf: Uint32Array;
  readonly names: readonly string[];
  readonly count: Float64Array;
  readonly shallowSize: Float64Array;
  readonly retainedSize: Float64Array;
}

export function groupByClass(graph: HeapGraph, tree: DominatorTree): HeapClasses {
  const n = graph.nodeCount;
  const classOf = new Uint32Array(n);
  const names: string[] = [];
  const byName = new Map<number, number>();
  const byType = new Map<number, number>();
  for (let node = 0; node < n; node++) {
    const type = graph.nodeType[node];
    let id: number | undefined;
    if (graph.hasNamedClass(type)) {
      const name = graph.nodeName[node];
      id = byName.get(name);
      if (id === undefined) byName.set(name, (id = names.push(graph.strings.get(name)) - 1));
    } else {
      id = byType.get(type);
      if (id === undefined) byType.set(type, (id = names.push(classNameOfType(graph, type)) - 1));
    }
    classOf[node] = id;
  }
  // Different name strings can spell the same constructor; merge them under one class.
  const canonical = mergeSameNames(names, classOf);
  const classes = canonical.names.length;
  const count = new Float64Array(classes);
  const shallowSize = new Float64Array(classes);
  for (let node = 0; node < n; node++) {
    const c = canonical.classOf[node];
    count[c]++;
    shallowSize[c] += graph.nodeSelfSize[node];
  }
  const retainedSize = retainedSizeByClass(n, canonical.classOf, classes, tree);
  return { classOf: canonical.classOf, names: canonical.names, count, shallowSize, retainedSize };
}

function mergeSameNames(names: string[], classOf: Uint32Array): { names: string[]; classOf: Uint32Array } {
  const first = new Map<string, number>();
  const remap = new Uint32Array(names.length);
  const merged: string[] = [];
  names.forEach((name, id) => {
    let target = first.get(name);
    if (target === undefined) first.set(name, (target = merged.push(name) - 1));
    remap[id] = target;
  });
  if (merged.length === names.length) return { names, classOf };
  for (let node = 0; node < classOf.length; node++) classOf[node] = remap[classOf[node]];
  return { names: merged, classOf };
}

/** Walks the dominator tree keeping, per class, how many of its objects are above the current one. */
function retainedSizeByClass(n: number, classOf: Uint32Array, classes: number, tree: DominatorTree): Float64Array {
  const { dominator, retainedSize } = tree;
  const firstChild = new Uint32Array(n + 1);
  for (let node = 1; node < n; node++) firstChild[dominator[node] + 1]++;
  for (let node = 0; node < n; node++) firstChild[node + 1] += firstChild[node];
  const children = new Uint32Array(n);
  const fill = firstChild.slice(0, n);
  for (let node = 1; node < n; node++) children[fill[dominator[node]]++] = node;

  const result = new Float64Array(classes);
  const onPath = new Uint32Array(classes);
  const stackNode = new Uint32Array(n);
  const stackChild = new Uint32Array(n);
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
  return result;
}
