/**
 * How an object is held: the shortest chain of references from a GC root down to it, found by
 * walking up through the retainer that is closest to the root (breadth-first distances), the way
 * DevTools orders its Retainers view. Steps are described in the user's terms: the property or
 * variable name, what holds it, and where that is defined when the snapshot knows.
 */
import type { RetainerStepDto } from '../../../protocol/heap/views';
import type { Retainers } from './dominators';
import { isRetainingEdge } from './dominators';
import type { HeapGraph } from './heapGraph';
import type { SourceLocations } from './sourceLocations';

const UNREACHED = 0xffffffff;
const MAX_STEPS = 40;

/** Breadth-first distance of every node from the root over retaining edges. */
export function distancesFromRoot(graph: HeapGraph): Uint32Array {
  const n = graph.nodeCount;
  const distance = new Uint32Array(n).fill(UNREACHED);
  const queue = new Uint32Array(n);
  let head = 0;
  let tail = 0;
  distance[0] = 0;
  queue[tail++] = 0;
  while (head < tail) {
    const node = queue[head++];
    const next = distance[node] + 1;
    for (let e = graph.firstEdge[node], end = graph.firstEdge[node + 1]; e < end; e++) {
      const target = graph.edgeTo[e];
      if (distance[target] === UNREACHED && isRetainingEdge(graph, node, e)) {
        distance[target] = next;
        queue[tail++] = target;
      }
    }
  }
  return distance;
}

export function retainerPath(graph: HeapGraph, retainers: Retainers, distance: Uint32Array, locations: SourceLocations, ordinal: number): RetainerStepDto[] {
  const steps: RetainerStepDto[] = [];
  let node = ordinal;
  const seen = new Set<number>([node]);
  while (node !== 0 && steps.length < MAX_STEPS) {
    let best = -1;
    for (let r = retainers.firstRetainer[node], end = retainers.firstRetainer[node + 1]; r < end; r++) {
      const holder = retainers.retainerNode[r];
      if (seen.has(holder)) continue;
      if (best < 0 || distance[holder] < distance[best]) best = holder;
    }
    if (best < 0 || best === 0) break;
    const edge = edgeBetween(graph, best, node);
    steps.push({
      via: edge < 0 ? '?' : graph.edgeLabel(edge),
      edgeType: edge < 0 ? 'unknown' : graph.edgeTypeName(edge),
      holder: describeHolder(graph, best),
      holderId: graph.nodeId[best],
      ordinal: best,
      location: locations.definitionOf(best),
    });
    seen.add(best);
    node = best;
  }
  return steps;
}

/** One line per step, as the CLI and the leak ranking print it: "auditTrail in Array", … */
export function formatRetainerSteps(steps: readonly RetainerStepDto[]): string[] {
  return steps.map((step) => {
    const where = step.location ? ` (${step.location.file}:${step.location.line})` : '';
    return `${step.via} in ${step.holder}${where}`;
  });
}

function edgeBetween(graph: HeapGraph, from: number, to: number): number {
  for (let e = graph.firstEdge[from], end = graph.firstEdge[from + 1]; e < end; e++) {
    if (graph.edgeTo[e] === to && isRetainingEdge(graph, from, e)) return e;
  }
  return -1;
}

function describeHolder(graph: HeapGraph, node: number): string {
  const type = graph.nodeType[node];
  const name = graph.nameOf(node);
  if (type === graph.types.closure) return `${name || '(anonymous)'}()`;
  if (name === 'system / Context') return 'closure scope';
  if (type === graph.types.synthetic) return name;
  if (type === graph.types.object || type === graph.types.native) return name || 'Object';
  return graph.classNameOf(node);
}
