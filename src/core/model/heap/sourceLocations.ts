/**
 * Where things in a snapshot are defined. V8 records a (script id, line, column) for each
 * function; the script's file name is reached through the function's shared info
 * (closure → shared → script_or_debug_info → the script, whose name is the path). A closure
 * scope is placed at the function that owns it, and a class at its constructor function.
 */
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { SourceLocationDto } from '../../../protocol/profileViews';
import type { Retainers } from './dominators';
import type { HeapGraph } from './heapGraph';

export class SourceLocations {
  /** Node ordinal → index of its run in graph.locations; built on the first question. */
  private index: Map<number, number> | undefined;
  private readonly scriptNames = new Map<number, string | undefined>();
  private classes: Map<string, number> | undefined;

  constructor(
    private readonly graph: HeapGraph,
    private readonly retainers: Retainers,
  ) {}

  private get byNode(): Map<number, number> {
    if (!this.index) {
      this.index = new Map();
      const fields = this.graph.layout.locationFieldCount;
      for (let i = 0; i + fields <= this.graph.locations.length; i += fields) this.index.set(this.graph.locations[i], i);
    }
    return this.index;
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

  /** Where a class is defined: its constructor function, found by name. */
  ofClass(name: string): SourceLocationDto | undefined {
    if (!this.classes) {
      this.classes = new Map();
      const { graph } = this;
      for (const node of this.byNode.keys()) {
        if (graph.nodeType[node] !== graph.types.closure) continue;
        const fn = graph.nameOf(node);
        if (fn && !this.classes.has(fn) && this.hasPrototype(node)) this.classes.set(fn, node);
      }
    }
    const node = this.classes.get(name);
    return node === undefined ? undefined : this.ofFunction(node);
  }

  private ofFunction(node: number): SourceLocationDto | undefined {
    const at = this.byNode.get(node);
    if (at === undefined) return undefined;
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
      if (graph.nodeType[holder] === graph.types.closure && this.byNode.has(holder)) return holder;
    }
    return undefined;
  }

  private scriptFile(fn: number, scriptId: number): string | undefined {
    if (this.scriptNames.has(scriptId)) return this.scriptNames.get(scriptId);
    const shared = this.child(fn, 'shared');
    const script = shared === undefined ? undefined : (this.child(shared, 'script_or_debug_info') ?? this.child(shared, 'script'));
    const name = script === undefined ? undefined : asFilePath(this.graph.nameOf(script));
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

/** Script names are paths (CommonJS) or file URLs (ES modules); Node's own start with "node:". */
function asFilePath(name: string): string | undefined {
  if (name.startsWith('file://')) {
    try {
      return fileURLToPath(name);
    } catch {
      return undefined;
    }
  }
  return path.isAbsolute(name) ? name : undefined;
}
