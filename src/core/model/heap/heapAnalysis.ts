/**
 * One open heap snapshot and the questions the views and the CLI ask about it: the summary per
 * constructor, the objects of a class, how one object is held. Everything heavy (retainers,
 * dominators, per-class sums) is computed once when the snapshot opens.
 */
import * as path from 'node:path';
import type { HeapSummaryDto, InstancePageDto, RetainerPathDto } from '../../../protocol/heap/views';
import { buildDominatorTree, buildRetainers, type DominatorTree, type Retainers } from './dominators';
import { groupByClass, type HeapClasses } from './heapClasses';
import type { HeapGraph } from './heapGraph';
import { readHeapSnapshotFile, type ReadOptions } from './readHeapSnapshot';
import { distancesFromRoot, retainerPath } from './retainerPaths';
import { ScratchArrays } from './scratchArrays';
import { SourceLocations } from './sourceLocations';

export interface OpenOptions extends ReadOptions {
  /** Called as the analysis moves from one phase to the next. */
  onPhase?(phase: 'reading' | 'retainers' | 'dominators' | 'classes'): void;
}

/** Reads and analyses a .heapsnapshot file. */
export async function analyzeHeapSnapshotFile(file: string, options: OpenOptions = {}): Promise<HeapAnalysis> {
  options.onPhase?.('reading');
  const graph = await readHeapSnapshotFile(file, options);
  return analyzeHeapGraph(graph, path.basename(file), options);
}

/** Analyses a parsed snapshot (e.g. one parsed while it streamed in). */
export function analyzeHeapGraph(graph: HeapGraph, title = 'Heap snapshot', options: OpenOptions = {}): HeapAnalysis {
  // Temporaries are shared between the passes and dropped together at the end.
  const scratch = new ScratchArrays(graph.nodeCount + 1);
  options.onPhase?.('retainers');
  const retainers = buildRetainers(graph, scratch);
  options.onPhase?.('dominators');
  const tree = buildDominatorTree(graph, retainers, scratch);
  options.onPhase?.('classes');
  const classes = groupByClass(graph, tree, scratch);
  return new HeapAnalysis(title, graph, retainers, tree, classes);
}

export class HeapAnalysis {
  readonly locations: SourceLocations;
  readonly totalSize: number;
  private distance: Uint32Array | undefined;
  private instanceCache: { classId: number; ordinals: Uint32Array } | undefined;

  constructor(
    readonly title: string,
    readonly graph: HeapGraph,
    readonly retainers: Retainers,
    readonly tree: DominatorTree,
    readonly classes: HeapClasses,
  ) {
    this.locations = new SourceLocations(graph, retainers);
    let total = 0;
    for (let node = 0; node < graph.nodeCount; node++) total += graph.nodeSelfSize[node];
    this.totalSize = total;
  }

  /** Constructors by retained size, largest first (`top` rows, or all). */
  summary(top?: number): HeapSummaryDto {
    const { names, count, shallowSize, retainedSize } = this.classes;
    const order = names.map((_, id) => id).sort((a, b) => retainedSize[b] - retainedSize[a] || shallowSize[b] - shallowSize[a]);
    const rows = order.slice(0, top ?? order.length).map((classId) => ({
      classId,
      name: names[classId],
      count: count[classId],
      shallowSize: shallowSize[classId],
      retainedSize: retainedSize[classId],
      location: this.locations.ofClassNamed(this.classes.nameIndex[classId]),
    }));
    return { title: this.title, nodes: this.graph.nodeCount, totalSize: this.totalSize, constructors: rows };
  }

  /** The objects of a class, largest retained size first, one page at a time. */
  instances(classId: number, offset = 0, limit = 100): InstancePageDto {
    const ordinals = this.ordinalsOf(classId);
    const rows = Array.from(ordinals.subarray(offset, offset + limit), (ordinal) => ({
      ordinal,
      id: this.graph.nodeId[ordinal],
      label: this.labelOf(ordinal),
      shallowSize: this.graph.nodeSelfSize[ordinal],
      retainedSize: this.tree.retainedSize[ordinal],
    }));
    return { classId, total: ordinals.length, offset, rows };
  }

  /** How an object is held, from its holder up to a GC root. */
  retainerPath(ordinal: number): RetainerPathDto {
    if (!Number.isInteger(ordinal) || ordinal < 0 || ordinal >= this.graph.nodeCount) return { ordinal, steps: [] };
    this.distance ??= distancesFromRoot(this.graph);
    return { ordinal, steps: retainerPath(this.graph, this.retainers, this.distance, this.locations, ordinal) };
  }

  dispose(): void {
    this.graph.dispose();
  }

  private ordinalsOf(classId: number): Uint32Array {
    if (this.instanceCache?.classId === classId) return this.instanceCache.ordinals;
    const { classOf } = this.classes;
    let count = 0;
    for (let node = 0; node < classOf.length; node++) if (classOf[node] === classId) count++;
    const ordinals = new Uint32Array(count);
    count = 0;
    for (let node = 0; node < classOf.length; node++) if (classOf[node] === classId) ordinals[count++] = node;
    const retained = this.tree.retainedSize;
    const sorted = Uint32Array.from(Array.from(ordinals).sort((a, b) => retained[b] - retained[a]));
    this.instanceCache = { classId, ordinals: sorted };
    return sorted;
  }

  private labelOf(ordinal: number): string {
    const { graph } = this;
    const type = graph.nodeType[ordinal];
    if (type === graph.types.string || type === graph.types.slicedString) {
      return JSON.stringify(graph.strings.preview(graph.nodeName[ordinal], 80).slice(0, 80));
    }
    if (type === graph.types.closure) return `${graph.nameOf(ordinal) || '(anonymous)'}()`;
    return graph.classNameOf(ordinal);
  }
}
