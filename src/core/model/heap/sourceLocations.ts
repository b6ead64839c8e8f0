/**
 * Where things in a snapshot are defined. V8 records a (script id, line, column) for each
 * function; the script's file name is reached through the function's shared info
 * (closure → shared → script_or_debug_info → the script, whose name is the path). A closure
 * scope is placed at the function that owns it, and a class at its constructor function.
 */
import { localFile } from '../../sources/localFile';
import type { SourceLocationDto } from '../../../protocol/shared/views';
import type { Retainers } from './dominators';
import type { HeapGraph } from './heapGraph';

export class SourceLocations {
  /** Node ordinal → index of its run, only when V8 did not write them in node order. */
  private unsorted: Map<number, number> | undefined;
  private checked = false;
  private readonly scriptNames = new Map<number, string | undefined>();
  /** Closure name index → the closures of that name that have a definition site. */
  private classes: Map<number, number[]> | undefined;

  constructor(
    private readonly graph: HeapGraph,
    private readonly retainers: Retainers,
  ) {}

  /** The index of the node's run in graph.locations, or −1. */
  private locationOf(node: number): number {
    const { locations, layout } = this.graph;
    const fields = layout.locationFieldCount;
    if (!this.checked) {
      this.checked = true;
      // V8 writes locations in node order; binary search then needs no index at all.
      for (let i = fields; i < locations.length; i += fields) {
        if (locations[i] < locations[i - fields]) {
          this.unsorted = new Map();
          for (let j = 0; j < locations.length; j += fields) this.unsorted.set(locations[j], j);
          break;
        }
      }
    }
    if (this.unsorted) return this.unsorted.get(node) ?? -1;
    let low = 0;
    let high = locations.length / fields - 1;
    while (low <= high) {
      const mid = (low + high) >>> 1;
      const value = locations[mid * fields];
      if (value === node) return mid * fields;
      if (value < node) low = mid + 1;
      else high = mid - 1;
    }
    return -1;
  }

  /** The definition of a function, of the function owning a closure scope, or undefined. */
  definitionOf(node: number): SourceLocationDto | undefined {
    if (this.graph.nodeType[node] === this.graph.types.closure) return this.ofFunction(node);
    if (this.graph.nameOf(node) === 'system / Context') {
      const owner = this.functionOwningScope(node);
      return owner === undefined ? undefined : this.ofFunction(owner);
    }
    return undefined;
  }

  /**
   * Where a class is defined: its constructor function, found by the string-table index of the
   * class name (V8 stores each distinct string once), so no names need decoding to look.
   */
  ofClassNamed(nameIndex: number): SourceLocationDto | undefined {
    if (nameIndex < 0) return undefined;
    if (!this.classes) {
      this.classes = new Map();
      const { graph } = this;
      const fields = graph.layout.locationFieldCount;
      for (let i = 0; i < graph.locations.length; i += fields) {
        const node = graph.locations[i];
        if (graph.nodeType[node] !== graph.types.closure) continue;
        const name = graph.nodeName[node];
        const list = this.classes.get(name);
        if (list) list.push(node);
        else this.classes.set(name, [node]);
      }
    }
    const node = this.classes.get(nameIndex)?.find((fn) => this.hasPrototype(fn));
    return node === undefined ? undefined : this.ofFunction(node);
  }

  private ofFunction(node: number): SourceLocationDto | undefined {
    const at = this.locationOf(node);
    if (at < 0) return undefined;
    const file = this.scriptFile(node, this.graph.locations[at + 1]);
    return file ? { file, line: this.graph.locations[at + 2] + 1 } : undefined;
  }

  /** Constructors have a `prototype` property; plain functions used as classes too. */
  private hasPrototype(node: number): boolean {
    const { graph } = this;
    for (let e = graph.firstEdge[node], end = graph.firstEdge[node + 1]; e < end; e++) {
      if (graph.edgeType[e] === graph.edgeTypes.property && graph.edgeLabel(e) === 'prototype') return true;
    }
    return false;
  }

  private functionOwningScope(context: number): number | undefined {
    const { graph, retainers } = this;
    for (let r = retainers.firstRetainer[context], end = retainers.firstRetainer[context + 1]; r < end; r++) {
      const holder = retainers.retainerNode[r];
      if (graph.nodeType[holder] === graph.types.closure && this.locationOf(holder) >= 0) return holder;
    }
    return undefined;
  }

  private scriptFile(fn: number, scriptId: number): string | undefined {
    if (this.scriptNames.has(scriptId)) return this.scriptNames.get(scriptId);
    const shared = this.child(fn, 'shared');
    const script = shared === undefined ? undefined : (this.child(shared, 'script_or_debug_info') ?? this.child(shared, 'script'));
    const name = script === undefined ? undefined : localFile(this.graph.nameOf(script));
    this.scriptNames.set(scriptId, name);
    return name;
  }

  private child(node: number, label: string): number | undefined {
    const { graph } = this;
    for (let e = graph.firstEdge[node], end = graph.firstEdge[node + 1]; e < end; e++) {
      if (graph.edgeType[e] === graph.edgeTypes.internal && graph.edgeLabel(e) === label) return graph.edgeTo[e];
    }
    return undefined;
  }
}
