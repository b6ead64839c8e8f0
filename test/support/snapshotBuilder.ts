// Writes small V8-format heap snapshots from a readable description, for unit tests with known answers.
import * as fs from 'node:fs';
import * as path from 'node:path';

export interface NodeSpec {
  readonly type: 'synthetic' | 'object' | 'string' | 'closure' | 'array' | 'hidden' | 'native';
  readonly name: string;
  readonly size: number;
  readonly id?: number;
}

export interface EdgeSpec {
  readonly from: number;
  readonly to: number;
  readonly type: 'property' | 'element' | 'internal' | 'weak' | 'shortcut' | 'context' | 'hidden';
  readonly name: string | number;
}

const nodeTypes = [
  'hidden',
  'array',
  'string',
  'object',
  'code',
  'closure',
  'regexp',
  'number',
  'native',
  'synthetic',
  'concatenated string',
  'sliced string',
  'symbol',
  'bigint',
  'object shape',
];
const edgeTypes = ['context', 'element', 'property', 'internal', 'hidden', 'shortcut', 'weak'];

/** The snapshot's JSON text; node 0 is the root. Ids default to 2 × (ordinal + 1) − 1, as V8 counts. */
export function snapshotText(nodes: readonly NodeSpec[], edges: readonly EdgeSpec[], locations: number[][] = []): string {
  const strings: string[] = ['<dummy>'];
  const stringIndex = (s: string) => {
    const at = strings.indexOf(s);
    return at >= 0 ? at : strings.push(s) - 1;
  };
  const nodeFields = 7;
  const nodeValues: number[][] = nodes.map((n, i) => {
    const count = edges.filter((e) => e.from === i).length;
    return [nodeTypes.indexOf(n.type), stringIndex(n.name), n.id ?? 2 * i + 1, n.size, count, 0, 0];
  });
  const edgeValues: number[][] = [];
  nodes.forEach((_, i) =>
    edges
      .filter((e) => e.from === i)
      .forEach((e) => {
        const nameOrIndex = typeof e.name === 'number' ? e.name : stringIndex(e.name);
        edgeValues.push([edgeTypes.indexOf(e.type), nameOrIndex, e.to * nodeFields]);
      }),
  );
  const meta = {
    node_fields: ['type', 'name', 'id', 'self_size', 'edge_count', 'trace_node_id', 'detachedness'],
    node_types: [nodeTypes, 'string', 'number', 'number', 'number', 'number', 'number'],
    edge_fields: ['type', 'name_or_index', 'to_node'],
    edge_types: [edgeTypes, 'string_or_number', 'node'],
    trace_function_info_fields: ['function_id', 'name', 'script_name', 'script_id', 'line', 'column'],
    trace_node_fields: ['id', 'function_info_index', 'count', 'size', 'children'],
    sample_fields: ['timestamp_us', 'last_assigned_id'],
    location_fields: ['object_index', 'script_id', 'line', 'column'],
  };
  // Laid out like V8 writes it: one node or edge per line, sections in V8's order.
  return (
    `{"snapshot":{"meta":${JSON.stringify(meta)},"node_count":${nodes.length},"edge_count":${edgeValues.length},"trace_function_count":0},\n` +
    `"nodes":[${nodeValues.map((v) => v.join(',')).join('\n,')}],\n` +
    `"edges":[${edgeValues.map((v) => v.join(',')).join('\n,')}],\n` +
    `"trace_function_infos":[],\n"trace_tree":[[1,0,0,0,[]]],\n"samples":[],\n` +
    `"locations":[${locations.map((l) => [l[0] * nodeFields, ...l.slice(1)].join(',')).join('\n,')}],\n` +
    `"strings":[${strings.map((s) => JSON.stringify(s)).join('\n,')}]}`
  );
}

export function writeSnapshot(dir: string, name: string, nodes: readonly NodeSpec[], edges: readonly EdgeSpec[]): string {
  const file = path.join(dir, name);
  fs.writeFileSync(file, snapshotText(nodes, edges));
  return file;
}
