/**
 * The header of a V8 .heapsnapshot (its `snapshot.meta`): which field is where in the flat
 * node and edge arrays, and the names of node and edge types. Checked once, so the parser and
 * the graph can index the arrays by position without looking names up again.
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
  if (!isCount(s!.node_count) || !isCount(s!.edge_count)) {
    throw badInput(`${name} has no node and edge counts in its header; it was written by an unsupported tool or Node version.`);
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

function isCount(value: unknown): value is number {
  return typeof value === 'number' && Number.isInteger(value) && value >= 0;
}
