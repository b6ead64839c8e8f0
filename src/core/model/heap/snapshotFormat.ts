/**
 * The header of a V8 .heapsnapshot (its `snapshot.meta`): which field is where in the flat
 * node and edge arrays, and the names of node and edge types. Checked once, so the parser and
 * the graph can index the arrays by position without looking names up again; and once parsed,
 * that the arrays only hold what the header and the strings allow.
 */
import { badInput } from '../../errors';

export interface SnapshotLayout {
  readonly nodeCount: number;
  readonly edgeCount: number;
  readonly nodeFieldCount: number;
  readonly edgeFieldCount: number;
  /** Position of each field we keep inside one node's / one edge's run of numbers. */
  readonly nodeType: number;
  readonly nodeName: number;
  readonly nodeId: number;
  readonly nodeSelfSize: number;
  readonly nodeEdgeCount: number;
  readonly edgeType: number;
  readonly edgeNameOrIndex: number;
  readonly edgeToNode: number;
  readonly nodeTypes: readonly string[];
  readonly edgeTypes: readonly string[];
  readonly locationFieldCount: number;
}

/** Reads the layout from the parsed `snapshot` object; `name` is the file for messages. */
export function readSnapshotLayout(snapshot: unknown, name: string): SnapshotLayout {
  const s = snapshot as { meta?: Record<string, unknown>; node_count?: unknown; edge_count?: unknown } | undefined;
  const meta = s?.meta;
  const nodeFields = meta?.node_fields;
  const edgeFields = meta?.edge_fields;
  const nodeTypes = (meta?.node_types as unknown[] | undefined)?.[0];
  const edgeTypes = (meta?.edge_types as unknown[] | undefined)?.[0];
  if (!isStrings(nodeFields) || !isStrings(edgeFields) || !isStrings(nodeTypes) || !isStrings(edgeTypes)) {
    throw badInput(`${name} is not a V8 heap snapshot: its header has no node and edge field lists.`);
  }
  if (typeof s!.node_count !== 'number' || typeof s!.edge_count !== 'number') {
    throw badInput(`${name} has no node and edge counts in its header; it was written by an unsupported tool or Node version.`);
  }
  if (!isCount(s!.node_count) || !isCount(s!.edge_count) || s!.node_count < 1) {
    throw badInput(
      `${name} is not a valid heap snapshot: its header counts ${s!.node_count} objects and ${s!.edge_count} references, which no snapshot can hold (the file is damaged).`,
    );
  }
  const field = (fields: string[], wanted: string) => {
    const index = fields.indexOf(wanted);
    if (index < 0) throw badInput(`${name} is not a heap snapshot FlameLens can read: its nodes or edges have no "${wanted}" field.`);
    return index;
  };
  const locationFields = meta?.location_fields;
  return {
    nodeCount: s!.node_count as number,
    edgeCount: s!.edge_count as number,
    nodeFieldCount: nodeFields.length,
    edgeFieldCount: edgeFields.length,
    nodeType: field(nodeFields, 'type'),
    nodeName: field(nodeFields, 'name'),
    nodeId: field(nodeFields, 'id'),
    nodeSelfSize: field(nodeFields, 'self_size'),
    nodeEdgeCount: field(nodeFields, 'edge_count'),
    edgeType: field(edgeFields, 'type'),
    edgeNameOrIndex: field(edgeFields, 'name_or_index'),
    edgeToNode: field(edgeFields, 'to_node'),
    nodeTypes,
    edgeTypes,
    locationFieldCount: isStrings(locationFields) ? locationFields.length : 4,
  };
}

function isStrings(value: unknown): value is string[] {
  return Array.isArray(value) && value.every((v) => typeof v === 'string');
}

/** Ordinals and edge positions are 32-bit (typed arrays): V8 itself cannot write more. */
const maxCount = 0xfffffffe;

function isCount(value: unknown): value is number {
  return typeof value === 'number' && Number.isInteger(value) && value >= 0 && value <= maxCount;
}

/**
 * Every type is one the header names, every name one of the strings, every location on an
 * object that exists: then nothing later indexes outside an array. One pass, after the parse.
 * `locations` holds runs of [object ordinal, script, line, column].
 */
export function checkSnapshotValues(
  name: string,
  layout: SnapshotLayout,
  arrays: { readonly nodeType: Uint8Array; readonly nodeName: Uint32Array; readonly edgeType: Uint8Array; readonly edgeNameOrIndex: Uint32Array },
  stringCount: number,
  locations: Uint32Array,
): void {
  const damaged = (what: string) => badInput(`${name} is damaged: ${what}. Take the snapshot again.`);
  const nodeTypes = layout.nodeTypes.length;
  for (let node = 0; node < layout.nodeCount; node++) {
    if (arrays.nodeType[node] >= nodeTypes) throw damaged(`object #${node} has a type its header does not name`);
    if (arrays.nodeName[node] >= stringCount) throw damaged(`object #${node} has a name that is not among its strings`);
  }
  const edgeTypes = layout.edgeTypes.length;
  // Element and hidden references are numbered, not named (as V8 writes them).
  const element = layout.edgeTypes.indexOf('element');
  const hidden = layout.edgeTypes.indexOf('hidden');
  for (let edge = 0; edge < layout.edgeCount; edge++) {
    const type = arrays.edgeType[edge];
    if (type >= edgeTypes) throw damaged(`reference #${edge} has a type its header does not name`);
    if (type !== element && type !== hidden && arrays.edgeNameOrIndex[edge] >= stringCount)
      throw damaged(`reference #${edge} has a name that is not among its strings`);
  }
  const fields = layout.locationFieldCount;
  for (let at = 0; at + fields <= locations.length; at += fields) {
    if (locations[at] >= layout.nodeCount) throw damaged('a source location names an object that is not in it');
  }
}
