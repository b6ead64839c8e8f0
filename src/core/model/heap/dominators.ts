/**
 * Who keeps what alive: the retainers of every object, the dominator tree and retained sizes.
 *
 * An object's retained size is what the garbage collector would free if the object went away:
 * itself plus everything only reachable through it, i.e. its subtree in the dominator tree.
 * The tree is computed with Lengauer–Tarjan (near-linear, no iteration to a fixed point, so a
 * 1 GiB snapshot takes seconds) on typed arrays, in DFS-number space for locality.
 *
 * The rules match Chrome DevTools, so retained sizes agree with it: weak references do not
 * retain; shortcut edges only count from the root, where V8 uses them to point at the user's
 * global objects; and an object reachable from those globals is only considered held by other
 * such objects (not by V8-internal caches that also point at it), so `global` and the modules
 * hanging off it own what the program holds. Objects the root cannot reach hang off the root,
 * and their references into live objects are ignored.
 */
import type { HeapGraph } from './heapGraph';
import type { ScratchArrays } from './scratchArrays';

const NONE = 0xffffffff;

export interface Retainers {
  /** 1 for objects reachable from the user's globals. */
  readonly userOwned: Uint8Array;
  /** Retainers of node i are retainerNode[firstRetainer[i]] … [firstRetainer[i + 1] − 1]. */
  readonly firstRetainer: Uint32Array;
  readonly retainerNode: Uint32Array;
}

export interface DominatorTree {
  /** The immediate dominator's ordinal for each node (the root dominates itself). */
  readonly dominator: Uint32Array;
  /** Bytes each node keeps alive, itself included (32-bit when the whole heap fits). */
  readonly retainedSize: Float64Array | Uint32Array;
}

/** Whether an edge can keep its target alive at all. */
export function isRetainingEdge(graph: HeapGraph, from: number, edge: number): boolean {
  const type = graph.edgeType[edge];
  return type !== graph.edgeTypes.weak && (type !== graph.edgeTypes.shortcut || from === 0);
}

/** Whether an edge counts for dominators (see the file comment). */
function holds(graph: HeapGraph, userOwned: Uint8Array, from: number, edge: number): boolean {
  return isRetainingEdge(graph, from, edge) && (from === 0 || userOwned[from] >= userOwned[graph.edgeTo[edge]]);
}

/** Marks everything reachable (through non-weak edges) from the root's shortcut edges: the user's globals. */
function markUserOwned(graph: HeapGraph, scratch: ScratchArrays): Uint8Array {
  const { nodeCount, firstEdge, edgeTo, edgeType } = graph;
  const owned = new Uint8Array(nodeCount);
  const stack = scratch.take();
  let top = 0;
  for (let e = firstEdge[0], end = firstEdge[1]; e < end; e++) {
    if (edgeType[e] !== graph.edgeTypes.shortcut || owned[edgeTo[e]]) continue;
    owned[edgeTo[e]] = 1;
    stack[top++] = edgeTo[e];
  }
  while (top > 0) {
    const node = stack[--top];
    for (let e = firstEdge[node], end = firstEdge[node + 1]; e < end; e++) {
      const target = edgeTo[e];
      if (owned[target] || edgeType[e] === graph.edgeTypes.weak) continue;
      owned[target] = 1;
      stack[top++] = target;
    }
  }
  scratch.give(stack);
  return owned;
}

/** The reverse of every holding edge. */
export function buildRetainers(graph: HeapGraph, scratch: ScratchArrays): Retainers {
  const { nodeCount, firstEdge, edgeTo } = graph;
  const userOwned = markUserOwned(graph, scratch);
  const firstRetainer = scratch.take(); // kept: nodeCount + 1 entries
  for (let node = 0; node < nodeCount; node++) {
    for (let e = firstEdge[node], end = firstEdge[node + 1]; e < end; e++) {
      if (holds(graph, userOwned, node, e)) firstRetainer[edgeTo[e] + 1]++;
    }
  }
  for (let node = 0; node < nodeCount; node++) firstRetainer[node + 1] += firstRetainer[node];
  const retainerNode = new Uint32Array(firstRetainer[nodeCount]);
  const fill = scratch.take();
  fill.set(firstRetainer);
  for (let node = 0; node < nodeCount; node++) {
    for (let e = firstEdge[node], end = firstEdge[node + 1]; e < end; e++) {
      if (holds(graph, userOwned, node, e)) retainerNode[fill[edgeTo[e]]++] = node;
    }
  }
  scratch.give(fill);
  return { userOwned, firstRetainer, retainerNode };
}

/** Computes the dominator tree and retained sizes. */
export function buildDominatorTree(graph: HeapGraph, retainers: Retainers, scratch: ScratchArrays): DominatorTree {
  const n = graph.nodeCount;
  const { vertex, parent, dfn, reached } = depthFirstNumbering(graph, retainers.userOwned, scratch);
  // Retainers in DFS numbers while the dominators are computed (one array less at the peak),
  // then back to node ordinals.
  const { retainerNode } = retainers;
  for (let r = 0; r < retainerNode.length; r++) retainerNode[r] = dfn[retainerNode[r]];
  scratch.give(dfn);
  const idom = lengauerTarjan(n, vertex, parent, reached, retainers, scratch);
  for (let r = 0; r < retainerNode.length; r++) retainerNode[r] = vertex[retainerNode[r]];

  const dominator = scratch.take().subarray(0, n); // kept
  // No retained size exceeds the whole heap: when that fits in 32 bits, so do they all.
  let total = 0;
  for (let node = 0; node < n; node++) total += graph.nodeSelfSize[node];
  const retainedSize = total < 2 ** 32 ? scratch.take().subarray(0, n) : new Float64Array(n);
  for (let node = 0; node < n; node++) retainedSize[node] = graph.nodeSelfSize[node];
  // A dominator always has a smaller DFS number than the nodes it dominates, so one pass from
  // the highest number down adds every subtree into its dominator before that one is added on.
  for (let w = n - 1; w > 0; w--) {
    const node = vertex[w];
    const owner = vertex[idom[w]];
    dominator[node] = owner;
    retainedSize[owner] += retainedSize[node];
  }
  dominator[vertex[0]] = vertex[0];
  scratch.give(vertex, idom);
  return { dominator, retainedSize };
}

interface Numbering {
  /** DFS number → node ordinal. */
  readonly vertex: Uint32Array;
  /** DFS number → DFS number of the tree parent. */
  readonly parent: Uint32Array;
  /** Node ordinal → DFS number. */
  readonly dfn: Uint32Array;
  /** Nodes numbered from the root; the rest (garbage, weakly held) come after. */
  readonly reached: number;
}

/** Numbers the nodes in depth-first order from the root, then from every node left unreached. */
function depthFirstNumbering(graph: HeapGraph, userOwned: Uint8Array, scratch: ScratchArrays): Numbering {
  const n = graph.nodeCount;
  const { firstEdge, edgeTo } = graph;
  const dfn = scratch.take(NONE);
  const vertex = scratch.take();
  const parent = scratch.take();
  const stackNode = scratch.take();
  const stackEdge = scratch.take();
  let count = 0;
  const visitFrom = (start: number) => {
    dfn[start] = count;
    vertex[count] = start;
    parent[count] = 0; // unreached nodes hang off the root
    count++;
    let top = 0;
    stackNode[0] = start;
    stackEdge[0] = firstEdge[start];
    while (top >= 0) {
      const node = stackNode[top];
      const end = firstEdge[node + 1];
      let e = stackEdge[top];
      while (e < end && (dfn[edgeTo[e]] !== NONE || !holds(graph, userOwned, node, e))) e++;
      if (e === end) {
        top--;
        continue;
      }
      stackEdge[top] = e + 1;
      const next = edgeTo[e];
      dfn[next] = count;
      vertex[count] = next;
      parent[count] = dfn[node];
      count++;
      top++;
      stackNode[top] = next;
      stackEdge[top] = firstEdge[next];
    }
  };
  visitFrom(0);
  const reached = count;
  for (let node = 0; node < n; node++) if (dfn[node] === NONE) visitFrom(node);
  scratch.give(stackNode, stackEdge);
  return { vertex, parent, dfn, reached };
}

/**
 * Immediate dominators in DFS-number space (the simple variant with path compression). The
 * forest's ancestor links live in `parent` itself: a node's slot still holds its tree parent
 * until the node is linked (which is all `link` would write), and path compression only
 * rewrites linked nodes. Nodes are linked in decreasing DFS order, so "linked" is a comparison.
 */
function lengauerTarjan(n: number, vertex: Uint32Array, parent: Uint32Array, reached: number, retainers: Retainers, scratch: ScratchArrays): Uint32Array {
  /** Holds DFS numbers while this runs (see buildDominatorTree). */
  const { firstRetainer, retainerNode } = retainers;
  const semi = scratch.take();
  const label = scratch.take();
  const idom = scratch.take();
  const bucketHead = scratch.take(NONE);
  const bucketNext = scratch.take();
  const forest = new LinkedForest(n, parent, semi, label);

  for (let w = n - 1; w > 0; w--) {
    const p = parent[w];
    let s = p; // the tree parent is a predecessor, also for nodes hung off the root
    const node = vertex[w];
    for (let r = firstRetainer[node], end = firstRetainer[node + 1]; r < end; r++) {
      const v = retainerNode[r];
      // Garbage pointing at live objects does not change who keeps them alive.
      if (v >= reached && w < reached) continue;
      const candidate = v < w ? v : semi[forest.evaluate(v)];
      if (candidate < s) s = candidate;
    }
    semi[w] = s;
    bucketNext[w] = bucketHead[s];
    bucketHead[s] = w;
    forest.link(w);
    for (let v = bucketHead[p]; v !== NONE; v = bucketNext[v]) {
      const y = forest.evaluate(v);
      idom[v] = semi[y] < semi[v] ? y : p;
    }
    bucketHead[p] = NONE;
  }
  for (let w = 1; w < reached; w++) if (idom[w] !== semi[w]) idom[w] = idom[idom[w]];
  // What the root cannot reach is garbage V8 has not collected yet: each piece is on its own.
  idom.fill(0, reached);
  idom[0] = 0;
  scratch.give(semi, label, bucketHead, bucketNext, parent);
  return idom;
}

/**
 * Lengauer–Tarjan's forest of linked nodes, with path compression. Its ancestor links are the
 * tree parents themselves (see lengauerTarjan); nodes are linked in decreasing DFS order, so
 * "linked" is `v >= linkedFrom`.
 */
class LinkedForest {
  private linkedFrom: number;
  // Grows only as deep as compression ever goes (usually a handful; a long list can go deep).
  private readonly path: number[] = [];

  constructor(
    n: number,
    private readonly ancestor: Uint32Array,
    private readonly semi: Uint32Array,
    private readonly label: Uint32Array,
  ) {
    this.linkedFrom = n;
    for (let v = 0; v < n; v++) {
      semi[v] = v;
      label[v] = v;
    }
  }

  /** link(parent(w), w): ancestor[w] already is its parent. */
  link(w: number): void {
    this.linkedFrom = w;
  }

  /** The node of least semidominator on the forest path above `v` (v itself when it is a root). */
  evaluate(v: number): number {
    const { ancestor, semi, label, path, linkedFrom } = this;
    if (v < linkedFrom) return v;
    // Path compression, iteratively: a retainer chain can be millions of objects long.
    let u = v;
    while (ancestor[u] >= linkedFrom) {
      path.push(u);
      u = ancestor[u];
    }
    while (path.length > 0) {
      const x = path.pop()!;
      const a = ancestor[x];
      if (semi[label[a]] < semi[label[x]]) label[x] = label[a];
      ancestor[x] = ancestor[a];
    }
    return label[v];
  }
}
