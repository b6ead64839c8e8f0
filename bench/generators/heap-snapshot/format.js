'use strict';
/**
 * The .heapsnapshot format as Node 20's `v8.writeHeapSnapshot()` writes it: the meta block, the
 * node and edge type codes, V8's string escaping, and the buffered writers of the sections.
 */
const fs = require('node:fs');

const MiB = 2 ** 20;

const NODE_TYPES = [
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
  'wasm object',
];
const EDGE_TYPES = ['context', 'element', 'property', 'internal', 'hidden', 'shortcut', 'weak'];
const META = {
  node_fields: ['type', 'name', 'id', 'self_size', 'edge_count', 'trace_node_id', 'detachedness'],
  node_types: [NODE_TYPES, 'string', 'number', 'number', 'number', 'number', 'number'],
  edge_fields: ['type', 'name_or_index', 'to_node'],
  edge_types: [EDGE_TYPES, 'string_or_number', 'node'],
  trace_function_info_fields: ['function_id', 'name', 'script_name', 'script_id', 'line', 'column'],
  trace_node_fields: ['id', 'function_info_index', 'count', 'size', 'children'],
  sample_fields: ['timestamp_us', 'last_assigned_id'],
  location_fields: ['object_index', 'script_id', 'line', 'column'],
};
const NODE_FIELD_COUNT = META.node_fields.length;
const T = { hidden: 0, array: 1, string: 2, object: 3, code: 4, closure: 5, number: 7, native: 8, synthetic: 9, cons: 10, shape: 14 };
const E = { context: 0, element: 1, property: 2, internal: 3, hidden: 4, shortcut: 5, weak: 6 };

/** V8 puts at most this many characters of a string in the snapshot (--heap-snapshot-string-limit). */
const STRING_NAME_LIMIT = 1024;

/** A string as V8's serializer writes it: JSON escapes, and every non-ASCII character as \uXXXX. */
function quote(text) {
  return JSON.stringify(text).replace(/[\u0080-\uffff]/g, (c) => '\\u' + c.charCodeAt(0).toString(16).padStart(4, '0'));
}

/** One section of the output, written to its own temporary file in a buffered way. */
class Section {
  constructor(file, separator) {
    this.file = file;
    this.fd = fs.openSync(file, 'w');
    this.separator = separator;
    this.parts = [];
    this.pending = 0;
    this.items = 0;
    this.bytes = 0;
  }
  add(text) {
    if (this.items++ > 0) this.parts.push(this.separator);
    this.parts.push(text);
    this.pending += text.length + 2;
    if (this.pending > 4 * MiB) this.flush();
  }
  flush() {
    if (this.parts.length === 0) return;
    const text = this.parts.join('');
    this.parts = [];
    this.pending = 0;
    fs.writeSync(this.fd, text, null, 'latin1'); // ASCII only (see quote)
    this.bytes += text.length;
  }
  close() {
    this.flush();
    fs.closeSync(this.fd);
  }
}

/** The strings section: vocabulary is interned (deduplicated), content strings are appended. */
class StringTable {
  constructor(section) {
    this.section = section;
    this.count = 0;
    this.interned = new Map();
    this.numbers = [];
  }
  add(text) {
    this.section.add(quote(text));
    return this.count++;
  }
  intern(text) {
    let index = this.interned.get(text);
    if (index === undefined) this.interned.set(text, (index = this.add(text)));
    return index;
  }
  /** "0", "1", ...: the names of internal edges of arrays, shortcut edges and GC-root edges. */
  number(n) {
    let index = this.numbers[n];
    if (index === undefined) index = this.numbers[n] = this.intern(String(n));
    return index;
  }
}

module.exports = { MiB, META, NODE_FIELD_COUNT, T, E, STRING_NAME_LIMIT, quote, Section, StringTable };
