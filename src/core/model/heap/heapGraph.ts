/**
 * A parsed heap snapshot as flat typed arrays, indexed by node ordinal (0 = the root) and edge
 * index. Only the fields FlameLens uses are kept (17 bytes per node, 9 per edge), which is what
 * lets a 1 GiB snapshot fit in about its own size. Strings stay in the file (SnapshotStrings).
 */
import type { SnapshotLayout } from './snapshotFormat';
import type { SnapshotStrings } from './snapshotStrings';

export interface HeapGraphArrays {
  readonly nodeType: Uint8Array;
  readonly nodeName: Uint32Array;
  readonly nodeId: Uint32Array;
  /** Bytes; saturates at 4 GiB − 1 for a single object, far beyond any real one. */
  readonly nodeSelfSize: Uint32Array;
  /** Edges of node i are firstEdge[i] … firstEdge[i + 1] − 1. */
  readonly firstEdge: Uint32Array;
  readonly edgeType: Uint8Array;
  /** A string index for named edges, the element index for element and hidden edges. */
  readonly edgeNameOrIndex: Uint32Array;
  /** Target node ordinal. */
  readonly edgeTo: Uint32Array;
  /** Where closures were defined: runs of [node ordinal, script id, line, column] (0-based). */
  readonly locations: Uint32Array;
}

export class HeapGraph implements HeapGraphArrays {
  readonly nodeType: Uint8Array;
  readonly nodeName: Uint32Array;
  readonly nodeId: Uint32Array;
  readonly nodeSelfSize: Uint32Array;
  readonly firstEdge: Uint32Array;
  readonly edgeType: Uint8Array;
  readonly edgeNameOrIndex: Uint32Array;
  readonly edgeTo: Uint32Array;
  readonly locations: Uint32Array;
  readonly nodeCount: number;
  readonly edgeCount: number;
  /** Type codes looked up once, so hot loops compare numbers. */
  readonly types: Readonly<
    Record<
      | 'hidden'
      | 'array'
      | 'string'
      | 'object'
      | 'code'
      | 'closure'
      | 'regexp'
      | 'number'
      | 'native'
      | 'synthetic'
      | 'concatString'
      | 'slicedString'
      | 'objectShape',
      number
    >
  >;
  readonly edgeTypes: Readonly<Record<'context' | 'element' | 'property' | 'internal' | 'hidden' | 'shortcut' | 'weak', number>>;

  constructor(
    readonly layout: SnapshotLayout,
    arrays: HeapGraphArrays,
    readonly strings: SnapshotStrings,
  ) {
    this.nodeType = arrays.nodeType;
    this.nodeName = arrays.nodeName;
    this.nodeId = arrays.nodeId;
    this.nodeSelfSize = arrays.nodeSelfSize;
    this.firstEdge = arrays.firstEdge;
    this.edgeType = arrays.edgeType;
    this.edgeNameOrIndex = arrays.edgeNameOrIndex;
    this.edgeTo = arrays.edgeTo;
    this.locations = arrays.locations;
    this.nodeCount = layout.nodeCount;
    this.edgeCount = layout.edgeCount;
    const node = (name: string) => layout.nodeTypes.indexOf(name);
    const edge = (name: string) => layout.edgeTypes.indexOf(name);
    this.types = {
      hidden: node('hidden'),
      array: node('array'),
      string: node('string'),
      object: node('object'),
      code: node('code'),
      closure: node('closure'),
      regexp: node('regexp'),
      number: node('number'),
      native: node('native'),
      synthetic: node('synthetic'),
      concatString: node('concatenated string'),
      slicedString: node('sliced string'),
      objectShape: node('object shape'),
    };
    this.edgeTypes = {
      context: edge('context'),
      element: edge('element'),
      property: edge('property'),
      internal: edge('internal'),
      hidden: edge('hidden'),
      shortcut: edge('shortcut'),
      weak: edge('weak'),
    };
  }

  /** The name of the node (its constructor for objects, its contents for strings). */
  nameOf(ordinal: number): string {
    return this.strings.get(this.nodeName[ordinal]);
  }

  typeNameOf(ordinal: number): string {
    return this.layout.nodeTypes[this.nodeType[ordinal]] ?? 'unknown';
  }

  /**
   * The class a node is counted under in the summary, as Chrome DevTools groups them: objects
   * by constructor name, everything else by its type in parentheses.
   */
  classNameOf(ordinal: number): string {
    const type = this.nodeType[ordinal];
    if (type === this.types.object || type === this.types.native) return this.nameOf(ordinal);
    return classNameOfType(this, type);
  }

  /** Whether the node's class is its constructor name (rather than a fixed "(type)"). */
  hasNamedClass(type: number): boolean {
    return type === this.types.object || type === this.types.native;
  }

  /** The edge's label as DevTools prints it: a property name, `[3]` for elements. */
  edgeLabel(edge: number): string {
    const type = this.edgeType[edge];
    const nameOrIndex = this.edgeNameOrIndex[edge];
    if (type === this.edgeTypes.element || type === this.edgeTypes.hidden) return `[${nameOrIndex}]`;
    return this.strings.get(nameOrIndex);
  }

  edgeTypeName(edge: number): string {
    return this.layout.edgeTypes[this.edgeType[edge]] ?? 'unknown';
  }

  dispose(): void {
    this.strings.close();
  }
}

export function classNameOfType(graph: HeapGraph, type: number): string {
  const t = graph.types;
  switch (type) {
    case t.hidden:
      return '(system)';
    case t.code:
      return '(compiled code)';
    default:
      return `(${graph.layout.nodeTypes[type] ?? 'unknown'})`;
  }
}
