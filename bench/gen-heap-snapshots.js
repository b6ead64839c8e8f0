'use strict';
/**
 * B1 inputs: synthetic V8 heap snapshots (.heapsnapshot, the format Node 20 writes), generated
 * with a fixed seed and STREAMED to disk: the generator never holds a snapshot (nor a section of
 * one) in memory, only the plan of the object graph (a few bytes per object cluster).
 *
 *   node bench/gen-heap-snapshots.js [dense-250m|dense-1g|strings ...] [--force] [--no-check]
 *
 * Inputs (bench/inputs/, ignored by git; rebuilt from this script):
 *   dense-250m  object-dense, ~250 MiB      dense-1g  object-dense, ~1 GiB
 *   strings     string-heavy: ≥ 320 MiB in the strings section (long, unique log messages,
 *               some longer than V8's 1024-character name limit, as V8 truncates them)
 *
 * Format, as `v8.writeHeapSnapshot()` writes it in Node 20 (checked against a real one): meta with
 * the 7 node fields (type, name, id, self_size, edge_count, trace_node_id, detachedness) and
 * 3 edge fields; sections nodes, edges, trace_function_infos, trace_tree, samples, locations,
 * strings; one node / edge / location / string per line; edges in node order; to_node = node
 * ordinal × 7; string 0 is "<dummy>"; ASCII only (other characters as \uXXXX); odd ids for heap
 * objects, even for native ones; locations for JS functions and for instances of user classes.
 *
 * Shape of the heap (all deterministic from the seed):
 *  - the synthetic root: element edge to "(GC roots)", shortcut edges to three global objects
 *    (the main context and two vm contexts), element edges to "C++ roots",
 *    "C++ cross-thread roots" and "Node / Environment" (native nodes under it);
 *  - "(GC roots)" with V8's 28 subgroups: (Internalized strings) → the interned strings,
 *    (Read-only roots) → maps and oddballs, (Builtins) → code, (Global handles) → app objects,
 *    (Stack roots) / (Handle scope) → in-flight PendingRequest clusters reachable only from there;
 *  - per class a map (object shape), a prototype, a constructor closure with its shared function
 *    info (code) and module context;
 *  - an app object graph: App → OrderStore → 64 OrderShards → Arrays of Orders → items Arrays →
 *    OrderItems → shared Products; Customers shared by Orders, Sessions, Uploads, PendingRequests
 *    and a Map registry (70 % of them); Products shared by the catalog Array, per-Category Arrays
 *    and OrderItems; LogEntries pointing at earlier Orders and Customers; Sessions held by the
 *    SessionCache and some also by the vm contexts' WorkerState caches (so their dominator is the
 *    root); WeakRefs and map transitions as weak edges (to objects also held strongly);
 *    closures with contexts (context edges), heap numbers, Dates, cons strings, Buffers with
 *    native backing stores, back references (cycles). Arrays are a JS Array object with element
 *    edges plus its elements store (type array) with internal edges, as V8 reports them.
 * Every node is reachable from the root through strong edges (no orphans).
 *
 * After writing, each file is parsed once with heap-snapshot-toolkit (Chrome DevTools' parser)
 * and must give the same node and edge counts with no problem reported; the result is cached
 * in <file>.meta.json with the generator version, and a file is rebuilt only when that changes.
 */
const fs = require('node:fs');
const path = require('node:path');
const { spawnSync } = require('node:child_process');
const { INPUTS_DIR, prng } = require('./lib');

/** Bump when the output changes: cached inputs are rebuilt. */
const GENERATOR_VERSION = 3;
const MiB = 2 ** 20;

const INPUTS = {
  'dense-250m': { file: 'b1-dense-250m.heapsnapshot', seed: 0xb1250, mode: 'dense', targetBytes: 250 * MiB, label: 'object-dense ~250 MiB' },
  'dense-1g': { file: 'b1-dense-1g.heapsnapshot', seed: 0xb11024, mode: 'dense', targetBytes: 1024 * MiB, label: 'object-dense ~1 GiB' },
  /** A small one to try the generator and the runners quickly (not part of B1). */
  smoke: { file: 'b1-smoke.heapsnapshot', seed: 0xb15, mode: 'dense', targetBytes: 8 * MiB, label: 'smoke test ~8 MiB' },
  strings: { file: 'b1-strings.heapsnapshot', seed: 0xb15770, mode: 'strings', targetStringBytes: 320 * MiB, label: 'string-heavy (≥ 320 MiB of strings)' },
};

// ---------------------------------------------------------------------------------------------
// The format

const NODE_TYPES = ['hidden', 'array', 'string', 'object', 'code', 'closure', 'regexp', 'number', 'native', 'synthetic', 'concatenated string', 'sliced string', 'symbol', 'bigint', 'object shape', 'wasm object'];
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

// ---------------------------------------------------------------------------------------------
// Text of content strings

const LEXICON = (
  'order customer payment shipped invoice warehouse refund session token request response cache ' +
  'timeout retry upstream latency queue worker handler router middleware database query index ' +
  'table record batch stream buffer socket header cookie render template account profile address ' +
  'catalog product price discount coupon cart checkout inventory stock supplier delivery tracking ' +
  'error warning notice debug trace span metric counter gauge histogram sample event listener ' +
  'promise resolve reject callback closure context scope module import export config feature flag'
).split(' ');
const ODD_WORDS = ['caf\u00e9', 'na\u00efve', 'Z\u00fcrich', '\u4e2d\u6587', '\u0394elta', 'say "hi"', 'C:\\temp\\x', 'tab\there', 'line\nbreak', '\u0001ctl'];

/** Deterministic text of `length` characters: words, with now and then a character that needs escaping. */
function makeText(seed, length, prefix) {
  const random = prng(seed);
  const parts = [prefix];
  let total = prefix.length;
  while (total < length) {
    const r = random();
    const word = r < 0.015 ? ODD_WORDS[Math.floor(random() * ODD_WORDS.length)] : r < 0.1 ? (random() * 1e6).toFixed(0) : LEXICON[Math.floor(random() * LEXICON.length)];
    parts.push(' ', word);
    total += word.length + 1;
  }
  return parts.join('').slice(0, length);
}

function hex(random, digits) {
  let s = '';
  while (s.length < digits) s += Math.floor(random() * 2 ** 32).toString(16).padStart(8, '0');
  return s.slice(0, digits);
}

/** Self size of a sequential string in a 64-bit V8 (no pointer compression): 16-byte header. */
function stringSize(text, logicalLength = text.length) {
  let twoByte = false;
  for (let i = 0; i < text.length && !twoByte; i++) twoByte = text.charCodeAt(i) > 0xff;
  return (16 + logicalLength * (twoByte ? 2 : 1) + 7) & ~7;
}

// ---------------------------------------------------------------------------------------------
// The graph, built cluster by cluster

/**
 * A run of nodes laid out together. Edge targets are local indices (≥ 0) or absolute ordinals
 * encoded as -(ordinal + 1). Node names are string indices, or a deferred content string
 * { seed, length, prefix, logical } whose text is made only when the node is written.
 */
class Cluster {
  constructor() {
    this.nodes = [];
  }
  add(type, name, size, loc, detachedness = 0) {
    this.nodes.push({ type, name, size, loc, detachedness, edges: [] });
    return this.nodes.length - 1;
  }
  edge(from, type, name, to) {
    this.nodes[from].edges.push(type, name, to);
  }
}
const abs = (ordinal) => -ordinal - 1;

const USER_CLASSES = ['App', 'OrderStore', 'OrderShard', 'CustomerRegistry', 'ProductCatalog', 'Category', 'SessionCache', 'LogBuffer', 'EventBus', 'UploadStore', 'WorkerState', 'Order', 'OrderItem', 'Customer', 'Address', 'Product', 'Session', 'LogEntry', 'Upload', 'PendingRequest', 'Timeout'];
const BUILTIN_CLASSES = ['Object', 'Array', 'Map', 'Date', 'Buffer', 'ArrayBuffer', 'WeakRef'];
const GC_ROOT_GROUPS = ['(Internalized strings)', '(External strings)', '(Read-only roots)', '(Strong roots)', '(Smi roots)', '(Bootstrapper)', '(Stack roots)', '(Relocatable)', '(Debugger)', '(Compilation cache)', '(Handle scope)', '(Builtins)', '(Global handles)', '(Traced handles)', '(Eternal handles)', '(Thread manager)', '(Strong roots)', '(Extensions)', '(Code flusher)', '(Startup object cache)', '(Read-only object cache)', '(Shareable object cache)', '(Weak collections)', '(Wrapper tracing)', '(Write barrier)', '(Retain maps)', '(Client heap)', '(Unknown)'];
const VOCABULARY = {
  status: ['pending', 'paid', 'shipped', 'delivered', 'cancelled', 'refunded'],
  city: ['Lisbon', 'Porto', 'Berlin', 'Paris', 'Madrid', 'Oslo', 'Rome', 'Vienna', 'Prague', 'Dublin', 'Zurich', 'Warsaw'],
  category: ['books', 'music', 'garden', 'toys', 'tools', 'food', 'sports', 'office', 'kitchen', 'health'],
  level: ['debug', 'info', 'warn', 'error'],
  route: ['/api/orders', '/api/orders/:id', '/api/customers', '/api/cart', '/api/checkout', '/health', '/login', '/logout'],
  tag: ['vip', 'new', 'wholesale', 'b2b', 'newsletter', 'churn-risk', 'beta'],
  source: ['web', 'mobile', 'api', 'pos'],
  theme: ['light', 'dark', 'system'],
  locale: ['en-US', 'pt-PT', 'de-DE', 'fr-FR'],
};
const NATIVES = ['Node / Realm', 'Node / BindingData', 'Node / AsyncHooks', 'Node / ImmediateInfo', 'Node / TickInfo', 'Node / AliasedFloat64Array', 'Node / AliasedUint32Array', 'Node / std::basic_string', 'Node / PerformanceState', 'Node / CleanupQueue', 'Node / principal_realm', 'Node / IsolateData'];
const BUILTINS = ['InterpreterEntryTrampoline', 'CompileLazy', 'ArrayPrototypePush', 'ArrayPrototypeSlice', 'ArrayPrototypeMap', 'MapPrototypeSet', 'MapPrototypeGet', 'StringPrototypeSlice', 'JSONParse', 'JSONStringify', 'PromiseResolve', 'PromiseThen', 'AsyncFunctionAwait', 'CallFunction', 'Construct', 'RecordWriteSaveFP', 'StackCheck', 'ObjectAssign', 'ObjectKeys', 'ReflectApply'];
const SHARDS = 64;
const CATEGORIES = VOCABULARY.category.length * 4;
const HANDLERS = 8;

/**
 * Everything with a fixed place before the clusters: roots, system objects, classes, interned
 * strings, the app's singletons. Returns the builder and the ordinals templates refer to.
 */
function buildPrefix(strings) {
  const s = (text) => strings.intern(text);
  const n = (k) => strings.number(k);
  const p = new Cluster();
  const at = {};
  at.root = p.add(T.synthetic, s(''), 0);
  at.gcRoots = p.add(T.synthetic, s('(GC roots)'), 0);
  at.groups = {};
  const groupList = GC_ROOT_GROUPS.map((name) => {
    const g = p.add(T.synthetic, s(name), 0);
    if (!(name in at.groups)) at.groups[name] = g;
    return g;
  });
  groupList.forEach((g, i) => p.edge(at.gcRoots, E.element, i + 1, g));
  at.cppRoots = p.add(T.synthetic, s('C++ roots'), 0);
  at.cppCrossThread = p.add(T.synthetic, s('C++ cross-thread roots'), 0);
  at.environment = p.add(T.synthetic, s('Node / Environment'), 2568);
  at.globals = [0, 1, 2].map(() => p.add(T.object, s('global'), 40));
  p.edge(at.root, E.element, 1, at.gcRoots);
  at.globals.forEach((g, i) => p.edge(at.root, E.shortcut, n(i + 2), g));
  p.edge(at.root, E.element, 5, at.cppRoots);
  p.edge(at.root, E.element, 6, at.cppCrossThread);
  p.edge(at.root, E.element, 7, at.environment);
  at.nativeContexts = at.globals.map(() => p.add(T.hidden, s('system / NativeContext'), 2264));

  // Maps and oddballs
  const sysMap = () => p.add(T.shape, s('system / Map'), 80);
  at.metaMap = sysMap();
  for (const name of ['string', 'consString', 'number', 'closure', 'context', 'fixedArray', 'hashTable', 'global', 'nativeContext', 'oddball', 'code', 'native']) at[name + 'Map'] = sysMap();
  const roMaps = Object.keys(at).filter((k) => k.endsWith('Map'));
  for (const k of roMaps) p.edge(at[k], E.internal, s('map'), at.metaMap);
  at.oddballs = ['undefined_value', 'null_value', 'true_value', 'false_value', 'the_hole_value'].map((name) => {
    const o = p.add(T.hidden, s('system / Oddball'), 32);
    p.edge(o, E.internal, s('map'), at.oddballMap);
    return o;
  });
  const readOnly = at.groups['(Read-only roots)'];
  roMaps.forEach((k) => p.edge(readOnly, E.internal, s(k.replace(/Map$/, '_map')), at[k]));
  at.oddballs.forEach((o, i) => p.edge(readOnly, E.internal, n(roMaps.length + i), o));

  // Builtins
  at.builtins = BUILTINS.map((name) => {
    const c = p.add(T.code, s(`(${name} builtin handle)`), 88);
    p.edge(c, E.internal, s('map'), at.codeMap);
    return c;
  });
  at.builtins.forEach((c, i) => p.edge(at.groups['(Builtins)'], E.internal, s(`${i + 1} / ${BUILTINS[i]}`), c));
  at.interpreter = at.builtins[0];

  // Interned strings: property names and the vocabulary values
  at.interned = new Map();
  const internString = (text) => {
    if (at.interned.has(text)) return at.interned.get(text);
    const node = p.add(T.string, s(text), stringSize(text));
    p.edge(node, E.internal, s('map'), at.stringMap);
    at.interned.set(text, node);
    return node;
  };
  for (const list of Object.values(VOCABULARY)) list.forEach(internString);
  [...at.interned.values()].forEach((node, i) => p.edge(at.groups['(Internalized strings)'], E.internal, n(i + 1), node));

  // Classes: map, prototype, constructor, shared function info, module context
  at.cls = {};
  const scriptFor = (name) => 40 + USER_CLASSES.indexOf(name);
  for (const name of [...BUILTIN_CLASSES, ...USER_CLASSES]) {
    const user = USER_CLASSES.includes(name);
    const loc = user ? `${scriptFor(name)},${3 + ((name.length * 7) % 40)},${2 + (name.length % 5)}` : undefined;
    const c = { name: s(name), loc };
    c.map = p.add(T.shape, s('system / Map'), 80);
    c.proto = p.add(T.object, s(user ? 'Object' : name), 24);
    c.ctor = p.add(T.closure, s(name), 64, loc);
    c.sfi = p.add(T.code, s(name), 56);
    c.context = user ? p.add(T.object, s('system / Context'), 48) : at.nativeContexts[0];
    p.edge(c.map, E.internal, s('map'), at.metaMap);
    p.edge(c.map, E.internal, s('prototype'), c.proto);
    p.edge(c.map, E.internal, s('constructor_or_back_pointer'), c.ctor);
    p.edge(c.proto, E.property, s('constructor'), c.ctor);
    p.edge(c.proto, E.internal, s('map'), at.metaMap);
    p.edge(c.ctor, E.property, s('prototype'), c.proto);
    p.edge(c.ctor, E.internal, s('initial_map'), c.map);
    p.edge(c.ctor, E.internal, s('shared'), c.sfi);
    p.edge(c.ctor, E.internal, s('context'), c.context);
    p.edge(c.ctor, E.internal, s('code'), at.interpreter);
    p.edge(c.ctor, E.internal, s('map'), at.closureMap);
    p.edge(c.sfi, E.internal, s('function_data'), at.interpreter);
    if (user) {
      p.edge(c.context, E.internal, s('previous'), at.nativeContexts[0]);
      p.edge(c.context, E.internal, s('map'), at.contextMap);
    }
    at.cls[name] = c;
  }
  for (const name of USER_CLASSES) p.edge(at.cls[name].proto, E.property, s('__proto__'), at.cls.Object.proto);
  for (const name of BUILTIN_CLASSES.slice(1)) p.edge(at.cls[name].proto, E.property, s('__proto__'), at.cls.Object.proto);
  // Map transitions: weak edges between maps (their targets are held strongly too).
  const allClasses = [...BUILTIN_CLASSES, ...USER_CLASSES];
  allClasses.forEach((name, i) => p.edge(at.cls[name].map, E.weak, s('transition'), at.cls[allClasses[(i + 1) % allClasses.length]].map));
  for (const name of BUILTIN_CLASSES) p.edge(at.nativeContexts[0], E.internal, s(`${name.toLowerCase()}_function`), at.cls[name].ctor);
  at.nativeContexts.forEach((nc, i) => {
    p.edge(nc, E.internal, s('map'), at.nativeContextMap);
    p.edge(nc, E.internal, s('global_proxy_object'), at.globals[i]);
    p.edge(at.globals[i], E.internal, s('native_context'), nc);
    p.edge(at.globals[i], E.internal, s('map'), at.globalMap);
  });
  // Function names used by closures in clusters
  at.sfi = {};
  for (const fn of ['onUpdate', '_onTimeout', 'handler', 'resolve']) {
    at.sfi[fn] = p.add(T.code, s(fn), 56);
    p.edge(at.sfi[fn], E.internal, s('function_data'), at.interpreter);
    p.edge(at.groups['(Compilation cache)'], E.internal, n(Object.keys(at.sfi).length), at.sfi[fn]);
  }

  // Instances of the app's singletons
  const instance = (cls, size) => {
    const c = at.cls[cls];
    const o = p.add(T.object, c.name, size, c.loc);
    p.edge(o, E.property, s('__proto__'), c.proto);
    p.edge(o, E.internal, s('map'), c.map);
    return o;
  };
  at.app = instance('App', 88);
  at.orderStore = instance('OrderStore', 40);
  at.shards = Array.from({ length: SHARDS }, () => instance('OrderShard', 40));
  at.registry = instance('CustomerRegistry', 40);
  at.registryMap = instance('Map', 32);
  at.catalog = instance('ProductCatalog', 40);
  at.categories = Array.from({ length: CATEGORIES }, () => instance('Category', 40));
  at.sessionCache = instance('SessionCache', 40);
  at.logBuffer = instance('LogBuffer', 40);
  at.eventBus = instance('EventBus', 40);
  at.uploadStore = instance('UploadStore', 32);
  at.workerStates = [1, 2].map(() => instance('WorkerState', 40));
  at.config = p.add(T.object, s('Object'), 56);
  p.edge(at.config, E.property, s('__proto__'), at.cls.Object.proto);
  p.edge(at.config, E.internal, s('map'), at.cls.Object.map);
  at.handlers = Array.from({ length: HANDLERS }, (_, i) => {
    const f = p.add(T.closure, s('handler'), 64, `${scriptFor('EventBus')},${20 + i * 4},${4}`);
    p.edge(f, E.internal, s('context'), at.cls.EventBus.context);
    p.edge(f, E.internal, s('shared'), at.sfi.handler);
    p.edge(f, E.internal, s('code'), at.interpreter);
    p.edge(f, E.internal, s('map'), at.closureMap);
    return f;
  });
  at.process = p.add(T.object, s('process'), 120);
  p.edge(at.process, E.property, s('__proto__'), at.cls.Object.proto);
  p.edge(at.process, E.internal, s('map'), at.cls.Object.map);

  // Who holds the singletons
  const g0 = at.globals[0];
  for (const name of [...BUILTIN_CLASSES, ...USER_CLASSES]) p.edge(g0, E.property, at.cls[name].name, at.cls[name].ctor);
  p.edge(g0, E.property, s('app'), at.app);
  p.edge(g0, E.property, s('process'), at.process);
  p.edge(at.app, E.property, s('orders'), at.orderStore);
  p.edge(at.app, E.property, s('customers'), at.registry);
  p.edge(at.app, E.property, s('catalog'), at.catalog);
  p.edge(at.app, E.property, s('sessions'), at.sessionCache);
  p.edge(at.app, E.property, s('log'), at.logBuffer);
  p.edge(at.app, E.property, s('bus'), at.eventBus);
  p.edge(at.app, E.property, s('uploads'), at.uploadStore);
  p.edge(at.app, E.property, s('config'), at.config);
  p.edge(at.registry, E.property, s('byId'), at.registryMap);
  at.shards.forEach((shard, i) => p.edge(shard, E.property, s('name'), internString(`shard-${i}`)));
  at.categories.forEach((cat, i) => p.edge(cat, E.property, s('name'), internString(VOCABULARY.category[i % VOCABULARY.category.length])));
  at.workerStates.forEach((ws, i) => {
    p.edge(at.globals[i + 1], E.property, s('state'), ws);
    p.edge(ws, E.property, s('name'), internString(`worker-${i + 1}`));
  });
  for (const [key, list] of [['theme', VOCABULARY.theme], ['locale', VOCABULARY.locale]]) p.edge(at.config, E.property, s(key), at.interned.get(list[0]));
  // Roots that reach app objects (page-owned: DevTools ignores them for dominators) and natives
  p.edge(at.groups['(Global handles)'], E.internal, n(1), at.app);
  at.shards.forEach((shard, i) => p.edge(at.groups['(Global handles)'], E.internal, n(i + 2), shard));
  p.edge(at.groups['(Stack roots)'], E.internal, n(1), at.app);
  at.nativeContexts.forEach((nc, i) => p.edge(at.groups['(Strong roots)'], E.internal, n(i + 1), nc));
  p.edge(at.groups['(Eternal handles)'], E.internal, n(1), at.cls.Object.proto);
  p.edge(at.groups['(Eternal handles)'], E.internal, n(2), at.cls.Array.proto);
  return { prefix: p, at };
}

// ---------------------------------------------------------------------------------------------
// Cluster templates: each builds one object and what it owns, from its own random stream.

function templates(strings, at, mode) {
  const s = (text) => strings.intern(text);
  const text = (random, length, prefix = '') => ({ seed: Math.floor(random() * 2 ** 32), length, prefix });
  const pick = (random, list) => list[Math.floor(random() * list.length)];
  const interned = (random, kind) => abs(at.interned.get(pick(random, VOCABULARY[kind])));
  const props = Object.create(null); // has a '__proto__' key
  for (const k of ['id', 'status', 'total', 'customer', 'items', 'createdAt', 'note', 'onUpdate', 'meta', 'product', 'price', 'order', 'discount', 'reason', 'pct', 'name', 'email', 'address', 'street', 'city', 'zip', 'tags', 'prefs', 'theme', 'locale', 'sku', 'title', 'category', 'stock', 'description', 'token', 'user', 'data', 'cart', 'lastSeen', 'timer', 'lastOrder', 'target', 'message', 'level', 'ts', 'subject', 'ctx', 'requestId', 'route', 'owner', 'url', 'payload', 'body', 'source', 'retries', '_onTimeout', '_idleTimeout', 'first', 'second', 'buffer', 'backing_store', 'elements', 'map', '__proto__', 'context', 'shared', 'code', 'size'])
    props[k] = s(k);
  const P = props;

  function object(c, cls, size) {
    const k = at.cls[cls];
    const o = c.add(T.object, k.name, size, k.loc);
    c.edge(o, E.property, P.__proto__, abs(k.proto));
    c.edge(o, E.internal, P.map, abs(k.map));
    return o;
  }
  function number(c) {
    const o = c.add(T.number, s('heap number'), 16);
    c.edge(o, E.internal, P.map, abs(at.numberMap));
    return o;
  }
  function string(c, random, length, prefix) {
    const o = c.add(T.string, text(random, length, prefix), 0); // size set when written (depends on the text)
    c.edge(o, E.internal, P.map, abs(at.stringMap));
    return o;
  }
  /** A JS Array with element edges plus its elements store (internal edges "0", "1", ...). */
  function array(c, targets) {
    const a = object(c, 'Array', 32);
    const store = c.add(T.array, s('(object elements)'), 16 + 8 * targets.length);
    targets.forEach((t, i) => c.edge(a, E.element, i, t));
    c.edge(a, E.internal, P.elements, store);
    targets.forEach((t, i) => c.edge(store, E.internal, strings.number(i), t));
    c.edge(store, E.internal, P.map, abs(at.fixedArrayMap));
    return a;
  }
  function closure(c, fn, loc, captured) {
    const f = c.add(T.closure, s(fn), 64, loc);
    const ctx = c.add(T.object, s('system / Context'), 24 + 8 * captured.length);
    for (const [name, target] of captured) c.edge(ctx, E.context, s(name), target);
    c.edge(ctx, E.internal, P.map, abs(at.contextMap));
    c.edge(f, E.internal, P.context, ctx);
    c.edge(f, E.internal, P.shared, abs(at.sfi[fn]));
    c.edge(f, E.internal, P.code, abs(at.interpreter));
    c.edge(f, E.internal, P.map, abs(at.closureMap));
    return f;
  }
  function date(c) {
    return object(c, 'Date', 32);
  }
  const long = mode === 'strings';

  return {
    customer(random, world) {
      const c = new Cluster();
      const o = object(c, 'Customer', 24 + 8 * 7);
      const id = string(c, random, 12, 'cus_');
      c.edge(o, E.property, P.id, id);
      c.edge(o, E.property, P.name, string(c, random, 8 + Math.floor(random() * 14), ''));
      c.edge(o, E.property, P.email, string(c, random, 14 + Math.floor(random() * 16), 'mail '));
      const addr = object(c, 'Address', 24 + 8 * 3);
      c.edge(o, E.property, P.address, addr);
      c.edge(addr, E.property, P.street, string(c, random, 16 + Math.floor(random() * 20), ''));
      c.edge(addr, E.property, P.city, interned(random, 'city'));
      c.edge(addr, E.property, P.zip, string(c, random, 8, ''));
      const tagCount = Math.floor(random() * 4);
      c.edge(o, E.property, P.tags, array(c, Array.from({ length: tagCount }, () => interned(random, 'tag'))));
      c.edge(o, E.property, P.createdAt, date(c));
      if (random() < 0.5) {
        const prefs = object(c, 'Object', 40);
        c.edge(prefs, E.property, P.theme, interned(random, 'theme'));
        c.edge(prefs, E.property, P.locale, interned(random, 'locale'));
        c.edge(o, E.property, P.prefs, prefs);
      }
      world.customerInRegistry = random() < 0.7;
      world.customerId = id;
      return c;
    },
    product(random, world) {
      const c = new Cluster();
      const o = object(c, 'Product', 24 + 8 * 7);
      c.edge(o, E.property, P.sku, string(c, random, 10, 'SKU-'));
      c.edge(o, E.property, P.title, string(c, random, 20 + Math.floor(random() * 40), ''));
      c.edge(o, E.property, P.price, number(c));
      c.edge(o, E.property, P.stock, number(c));
      const desc = long ? 400 + Math.floor(random() * 600) : 40 + Math.floor(random() * 160);
      c.edge(o, E.property, P.description, string(c, random, desc, ''));
      world.productCategory = Math.floor(random() * CATEGORIES);
      c.edge(o, E.property, P.category, abs(at.categories[world.productCategory]));
      return c;
    },
    order(random, world) {
      const c = new Cluster();
      const o = object(c, 'Order', 24 + 8 * 9);
      c.edge(o, E.property, P.id, string(c, random, 14, 'ord_'));
      c.edge(o, E.property, P.status, interned(random, 'status'));
      c.edge(o, E.property, P.total, number(c));
      c.edge(o, E.property, P.customer, abs(world.customer(random)));
      const itemCount = 1 + Math.floor(random() * random() * 8);
      const items = [];
      for (let i = 0; i < itemCount; i++) {
        const it = object(c, 'OrderItem', 24 + 8 * 4);
        c.edge(it, E.property, P.product, abs(world.product(random)));
        c.edge(it, E.property, P.price, number(c));
        c.edge(it, E.property, P.order, o); // back reference: a cycle
        if (random() < 0.2) {
          const d = object(c, 'Object', 40);
          c.edge(d, E.property, P.reason, interned(random, 'tag'));
          c.edge(d, E.property, P.pct, number(c));
          c.edge(it, E.property, P.discount, d);
        }
        items.push(it);
      }
      c.edge(o, E.property, P.items, array(c, items));
      c.edge(o, E.property, P.createdAt, date(c));
      if (random() < 0.3) {
        if (random() < 0.3) {
          const cons = c.add(T.cons, s('(concatenated string)'), 32);
          c.edge(cons, E.internal, P.first, string(c, random, 10 + Math.floor(random() * 30), 'Note: '));
          c.edge(cons, E.internal, P.second, string(c, random, 10 + Math.floor(random() * (long ? 600 : 60)), ''));
          c.edge(cons, E.internal, P.map, abs(at.consStringMap));
          c.edge(o, E.property, P.note, cons);
        } else {
          c.edge(o, E.property, P.note, string(c, random, 20 + Math.floor(random() * (long ? 700 : 60)), ''));
        }
      }
      if (random() < 0.25) c.edge(o, E.property, P.onUpdate, closure(c, 'onUpdate', `${40 + USER_CLASSES.indexOf('Order')},${30},${12}`, [['order', o], ['store', abs(at.orderStore)]]));
      if (random() < 0.4) {
        const m = object(c, 'Object', 48);
        c.edge(m, E.property, P.source, interned(random, 'source'));
        c.edge(m, E.property, P.tags, array(c, Array.from({ length: 1 + Math.floor(random() * 3) }, () => interned(random, 'tag'))));
        c.edge(m, E.property, P.retries, number(c));
        c.edge(o, E.property, P.meta, m);
      }
      world.orderShard = Math.floor(random() * SHARDS);
      return c;
    },
    session(random, world) {
      const c = new Cluster();
      const o = object(c, 'Session', 24 + 8 * 6);
      c.edge(o, E.property, P.token, string(c, random, 32, ''));
      c.edge(o, E.property, P.user, abs(world.customer(random)));
      const data = object(c, 'Object', 40);
      c.edge(data, E.property, P.cart, array(c, Array.from({ length: Math.floor(random() * 4) }, () => abs(world.product(random)))));
      c.edge(data, E.property, P.lastSeen, number(c));
      c.edge(o, E.property, P.data, data);
      const timer = object(c, 'Timeout', 24 + 8 * 3);
      c.edge(timer, E.property, P._onTimeout, closure(c, '_onTimeout', `${40 + USER_CLASSES.indexOf('Session')},${51},${20}`, [['session', o]]));
      c.edge(timer, E.property, P._idleTimeout, number(c));
      c.edge(o, E.property, P.timer, timer);
      const earlier = world.earlierOrder(random);
      if (earlier !== undefined) {
        const ref = object(c, 'WeakRef', 24);
        c.edge(ref, E.weak, P.target, abs(earlier));
        c.edge(o, E.property, P.lastOrder, ref);
      }
      world.sessionInWorker = random() < 0.05 ? 1 + Math.floor(random() * 2) : 0;
      return c;
    },
    log(random, world) {
      const c = new Cluster();
      const o = object(c, 'LogEntry', 24 + 8 * 5);
      let length;
      let logical;
      if (long) {
        const r = random();
        length = r < 0.05 ? STRING_NAME_LIMIT : 300 + Math.floor(random() * 724);
        logical = r < 0.05 ? STRING_NAME_LIMIT + Math.floor(random() * 60_000) : length; // V8 truncates the name at 1024
      } else {
        length = logical = 30 + Math.floor(random() * 90);
      }
      const message = string(c, random, length, 'msg ');
      c.nodes[message].name.logical = logical;
      c.edge(o, E.property, P.message, message);
      c.edge(o, E.property, P.level, interned(random, 'level'));
      c.edge(o, E.property, P.ts, number(c));
      const r = random();
      const subject = r < 0.15 ? world.earlierOrder(random) : r < 0.3 ? world.customer(random) : undefined;
      if (subject !== undefined) c.edge(o, E.property, P.subject, abs(subject));
      const ctx = object(c, 'Object', 40);
      c.edge(ctx, E.property, P.requestId, string(c, random, 16, 'req-'));
      c.edge(ctx, E.property, P.route, interned(random, 'route'));
      c.edge(o, E.property, P.ctx, ctx);
      return c;
    },
    upload(random, world) {
      const c = new Cluster();
      const o = object(c, 'Upload', 24 + 8 * 3);
      c.edge(o, E.property, P.name, string(c, random, 12 + Math.floor(random() * 20), 'upload '));
      c.edge(o, E.property, P.owner, abs(world.customer(random)));
      const buffer = object(c, 'Buffer', 80);
      const arrayBuffer = object(c, 'ArrayBuffer', 56);
      const store = c.add(T.native, s('system / JSArrayBufferData'), 4096 * (1 + Math.floor(random() * random() * 8)));
      c.edge(buffer, E.internal, P.buffer, arrayBuffer);
      c.edge(arrayBuffer, E.internal, P.backing_store, store);
      c.edge(o, E.property, P.data, buffer);
      return c;
    },
    pending(random, world) {
      const c = new Cluster();
      const o = object(c, 'PendingRequest', 24 + 8 * 3);
      c.edge(o, E.property, P.url, string(c, random, 20 + Math.floor(random() * 30), 'https://api.example.test/'));
      c.edge(o, E.property, P.customer, abs(world.customer(random)));
      const payload = object(c, 'Object', 32);
      c.edge(payload, E.property, P.body, string(c, random, long ? 200 + Math.floor(random() * 800) : 40 + Math.floor(random() * 200), '{"q":'));
      c.edge(o, E.property, P.payload, payload);
      c.edge(o, E.property, P.onUpdate, closure(c, 'resolve', `${40 + USER_CLASSES.indexOf('PendingRequest')},${12},${8}`, [['request', o]]));
      return c;
    },
  };
}

const KINDS = ['customer', 'product', 'order', 'session', 'log', 'upload', 'pending'];
const K = Object.fromEntries(KINDS.map((k, i) => [k, i]));
/** Share of the main clusters by kind (customers and products are pools sized from the total). */
const MIX = {
  dense: { order: 0.56, session: 0.12, log: 0.3, upload: 0.006, pending: 0.008 },
  strings: { order: 0.2, session: 0.08, log: 0.7, upload: 0.01, pending: 0.01 },
};

function clusterSeed(seed, index) {
  return (Math.imul(seed ^ 0x5bd1e995, 0x27d4eb2d) ^ Math.imul(index + 1, 0x9e3779b1)) >>> 0;
}

/** Bytes a cluster will take, roughly (for sizing only; the real size is measured when writing). */
function estimateBytes(cluster, start) {
  const digits = (x) => (x < 10 ? 1 : Math.floor(Math.log10(x)) + 1);
  const ordinalDigits = digits(2 * start + 1);
  const toDigits = digits(7 * start);
  let bytes = 0;
  for (const node of cluster.nodes) {
    const named = typeof node.name === 'object';
    // type,name,id,size,edge_count,0,0 and the separator; names of content strings are late indices
    bytes += 12 + (named ? ordinalDigits : 3) + ordinalDigits + digits(node.size || 24);
    bytes += (node.edges.length / 3) * (5.5 + toDigits) + (node.loc ? 18 : 0); // many edges go to low ordinals (maps, prototypes)
    if (named) bytes += node.name.length + 4;
  }
  return bytes;
}
function stringBytes(cluster) {
  let bytes = 0;
  for (const node of cluster.nodes) if (typeof node.name === 'object') bytes += node.name.length + 4;
  return bytes;
}

// ---------------------------------------------------------------------------------------------
// One snapshot

async function generate(spec, outFile, log = console.log) {
  const started = Date.now();
  const tmp = (name) => `${outFile}.${name}.tmp`;
  const sections = {
    nodes: new Section(tmp('nodes'), '\n,'),
    edges: new Section(tmp('edges'), '\n,'),
    locations: new Section(tmp('locations'), '\n,'),
    strings: new Section(tmp('strings'), ',\n'),
  };
  const strings = new StringTable(sections.strings);
  strings.add('<dummy>');
  strings.intern('');
  const { prefix, at } = buildPrefix(strings);
  const make = templates(strings, at, spec.mode);
  const prefixSize = prefix.nodes.length;

  // Plan: how many clusters of each kind, their sizes and ordinals, and who holds them.
  const mix = MIX[spec.mode];
  const calibration = planClusters({ spec, make, prefixSize, count: 4000, mix });
  const perCluster = spec.mode === 'strings' ? calibration.stringBytes / calibration.count : calibration.bytes / calibration.count;
  const wanted = spec.mode === 'strings' ? spec.targetStringBytes * 1.02 : spec.targetBytes;
  let count = Math.max(1000, Math.round(wanted / perCluster));
  let plan = planClusters({ spec, make, prefixSize, count, mix });
  // Bigger heaps have longer numbers: plan once more with the count scaled by the first plan's estimate.
  const estimated = (p) => (spec.mode === 'strings' ? p.stringBytes : p.bytes);
  count = Math.max(1000, Math.round((count * wanted) / estimated(plan)));
  plan = planClusters({ spec, make, prefixSize, count, mix });
  log(`  plan: ${count.toLocaleString('en-US')} clusters, ${plan.clusterNodes.toLocaleString('en-US')} nodes in them, ~${(plan.bytes / MiB).toFixed(0)} MiB estimated (${((Date.now() - started) / 1000).toFixed(1)} s)`);

  // Containers at the end: Arrays (object + elements store) and the registry's hash table.
  let next = prefixSize + plan.clusterNodes;
  const containers = [];
  const container = (owner, property, members) => {
    const entry = { kind: 'array', owner, property, members, ordinal: next };
    next += 2;
    containers.push(entry);
    return entry.ordinal;
  };
  const s = (text) => strings.intern(text);
  at.shards.forEach((shard, i) => container(shard, s('orders'), plan.shardOrders[i]));
  container(at.orderStore, s('shards'), at.shards);
  container(at.registry, s('archived'), plan.archived);
  container(at.catalog, s('products'), plan.products);
  container(at.catalog, s('categories'), at.categories);
  at.categories.forEach((cat, i) => container(cat, s('products'), plan.categoryProducts[i]));
  container(at.sessionCache, s('entries'), plan.sessions);
  at.workerStates.forEach((ws, i) => container(ws, s('cache'), plan.workerSessions[i]));
  container(at.logBuffer, s('entries'), plan.logs);
  container(at.uploadStore, s('items'), plan.uploads);
  container(at.eventBus, s('handlers'), at.handlers);
  const table = { kind: 'table', owner: at.registryMap, members: plan.registry, ordinal: next++ };
  containers.push(table);
  // Embedder (native) nodes come last, as in V8's output: Node's environment and the vm contexts.
  const natives = new Cluster();
  NATIVES.forEach((name, i) => {
    natives.add(T.native, s(name), 64 + ((i * 397) % 4000));
    prefix.edge(at.environment, E.element, i + 1, abs(next + i));
  });
  [1, 2].forEach((g, i) => {
    const ctx = natives.add(T.native, s('Node / ContextifyContext'), 120);
    natives.edge(ctx, E.internal, s('global'), abs(at.globals[g]));
    prefix.edge(at.environment, E.element, NATIVES.length + i + 1, abs(next + ctx));
  });
  const nativesStart = next;
  next += natives.nodes.length;
  const nodeCount = next;
  // In-flight requests are held only by the stack and handle scopes (not page-owned).
  plan.pending.forEach((ordinal, i) => prefix.edge(at.groups[i % 2 ? '(Handle scope)' : '(Stack roots)'], E.internal, strings.number(i + 2), abs(ordinal)));

  // Write: prefix, clusters (re-built from their seeds), containers.
  let edgeCount = 0;
  const stats = { locations: 0 };
  const writeCluster = (cluster, start) => {
    const nodes = cluster.nodes;
    for (let i = 0; i < nodes.length; i++) {
      const node = nodes[i];
      const ordinal = start + i;
      let name = node.name;
      let size = node.size;
      if (typeof name === 'object') {
        const full = makeText(name.seed, name.length, name.prefix);
        size = stringSize(full, name.logical ?? full.length);
        name = strings.add(full);
      }
      const edges = node.edges;
      for (let k = 0; k < edges.length; k += 3) {
        const to = edges[k + 2];
        sections.edges.add(`${edges[k]},${edges[k + 1]},${(to >= 0 ? start + to : -to - 1) * NODE_FIELD_COUNT}`);
      }
      edgeCount += edges.length / 3;
      const id = node.type === T.native ? 2 * ordinal + 2 : 2 * ordinal + 1;
      sections.nodes.add(`${node.type},${name},${id},${size},${edges.length / 3},0,${node.detachedness}`);
      if (node.loc) {
        sections.locations.add(`${ordinal * NODE_FIELD_COUNT},${node.loc}`);
        stats.locations++;
      }
    }
  };
  // Edges from the prefix to the containers are known only now.
  for (const c of containers) {
    if (c.kind === 'array') prefix.edge(c.owner, E.property, c.property, abs(c.ordinal));
    else prefix.edge(c.owner, E.internal, s('table'), abs(c.ordinal));
  }
  writeCluster(prefix, 0);
  replayClusters({ spec, make, prefixSize, plan, onCluster: writeCluster, verify: true });
  for (const c of containers) {
    const cl = new Cluster();
    if (c.kind === 'array') {
      const a = cl.add(T.object, at.cls.Array.name, 32);
      const store = cl.add(T.array, s('(object elements)'), 16 + 8 * c.members.length);
      c.members.forEach((m, i) => cl.edge(a, E.element, i, abs(m)));
      cl.edge(a, E.internal, s('elements'), store);
      cl.edge(a, E.property, s('__proto__'), abs(at.cls.Array.proto));
      cl.edge(a, E.internal, s('map'), abs(at.cls.Array.map));
      c.members.forEach((m, i) => cl.edge(store, E.internal, strings.number(i), abs(m)));
      cl.edge(store, E.internal, s('map'), abs(at.fixedArrayMap));
    } else {
      const t = cl.add(T.array, s('system / OrderedHashMap'), 16 + 24 * (c.members.length / 2) + 8);
      for (let i = 0; i < c.members.length; i++) cl.edge(t, E.internal, strings.number(i + 3), abs(c.members[i]));
      cl.edge(t, E.internal, s('map'), abs(at.hashTableMap));
    }
    writeCluster(cl, c.ordinal);
  }
  writeCluster(natives, nativesStart);
  if (sections.nodes.items !== nodeCount) throw new Error(`internal: wrote ${sections.nodes.items} nodes, planned ${nodeCount}`);
  for (const section of Object.values(sections)) section.close();

  // Assemble: header + sections, exactly as V8 lays them out.
  const partial = `${outFile}.partial`;
  const fd = fs.openSync(partial, 'w');
  const put = (text) => fs.writeSync(fd, text, null, 'latin1');
  const append = (file) => {
    const buffer = Buffer.allocUnsafe(8 * MiB);
    const input = fs.openSync(file, 'r');
    for (let read; (read = fs.readSync(input, buffer, 0, buffer.length, null)) > 0; ) fs.writeSync(fd, buffer, 0, read);
    fs.closeSync(input);
    fs.unlinkSync(file);
  };
  put(`{"snapshot":{"meta":${JSON.stringify(META)},"node_count":${nodeCount},"edge_count":${edgeCount},"trace_function_count":0},\n"nodes":[`);
  append(sections.nodes.file);
  put('\n],\n"edges":[');
  append(sections.edges.file);
  put('\n],\n"trace_function_infos":[],\n"trace_tree":[],\n"samples":[],\n"locations":[');
  append(sections.locations.file);
  put('\n],\n"strings":[');
  append(sections.strings.file);
  put(']}');
  fs.closeSync(fd);
  fs.renameSync(partial, outFile);
  const bytes = fs.statSync(outFile).size;
  return {
    version: GENERATOR_VERSION,
    seed: spec.seed,
    mode: spec.mode,
    bytes,
    nodes: nodeCount,
    edges: edgeCount,
    strings: strings.count,
    stringsSectionBytes: sections.strings.bytes,
    locations: stats.locations,
    clusters: count,
    generateSeconds: (Date.now() - started) / 1000,
  };
}

/**
 * Walks the clusters in order (pools first, then the mix), calling the templates with a world
 * that resolves references to the pools and to earlier orders. Used to plan (sizes, ordinals,
 * memberships) and, with the same seeds, to write.
 */
function planClusters({ spec, make, prefixSize, count, mix }) {
  const customers = Math.max(500, Math.round(count * 0.1));
  const products = Math.max(200, Math.round(count * 0.02));
  const main = Math.max(1, count - customers - products);
  const random = prng(spec.seed);
  const kinds = new Uint8Array(customers + products + main);
  kinds.fill(K.customer, 0, customers);
  kinds.fill(K.product, customers, customers + products);
  const cumulative = Object.entries(mix).map(([kind, share], i, all) => [K[kind], all.slice(0, i + 1).reduce((t, [, x]) => t + x, 0)]);
  const totalShare = cumulative[cumulative.length - 1][1];
  for (let i = customers + products; i < kinds.length; i++) {
    const r = random() * totalShare;
    kinds[i] = cumulative.find(([, c]) => r < c)[0];
  }
  const plan = {
    kinds,
    customers,
    productCount: products,
    products: [],
    starts: new Float64Array(kinds.length),
    clusterNodes: 0,
    shardOrders: Array.from({ length: SHARDS }, () => []),
    categoryProducts: Array.from({ length: CATEGORIES }, () => []),
    sessions: [],
    workerSessions: [[], []],
    logs: [],
    uploads: [],
    pending: [],
    registry: [],
    unregistered: [],
    bytes: 0,
    stringBytes: 0,
    count: kinds.length,
  };
  let customerNumber = 0;
  replayClusters({
    spec,
    make,
    prefixSize,
    plan,
    onCluster(cluster, start, kind, world) {
      plan.bytes += estimateBytes(cluster, start);
      plan.stringBytes += stringBytes(cluster);
      if (kind === K.customer) {
        // Customers come first, so the customer's number is the number of clusters before it.
        if (world.customerInRegistry) plan.registry.push(start + world.customerId, start);
        else plan.unregistered.push(customerNumber);
        customerNumber++;
      } else if (kind === K.product) {
        plan.products.push(start);
        plan.categoryProducts[world.productCategory].push(start);
      } else if (kind === K.order) plan.shardOrders[world.orderShard].push(start);
      else if (kind === K.session) {
        plan.sessions.push(start);
        if (world.sessionInWorker) plan.workerSessions[world.sessionInWorker - 1].push(start);
      } else if (kind === K.log) plan.logs.push(start);
      else if (kind === K.upload) plan.uploads.push(start);
      else if (kind === K.pending) plan.pending.push(start);
    },
  });
  // Customers outside the registry that nothing references would be garbage: archive them.
  plan.archived = plan.unregistered.filter((k) => plan.customerRefs[k] === 0).map((k) => plan.starts[k]);
  return plan;
}

function replayClusters({ spec, make, prefixSize, plan, onCluster, verify = false }) {
  const { kinds, starts, customers, productCount } = plan;
  const orders = new Float64Array(kinds.length); // ordinals of the orders laid out so far
  let orderCount = 0;
  const world = {
    // Popular customers and products are referenced far more often (a skewed pick).
    customer: (random) => {
      const k = Math.floor(customers * random() ** 2);
      plan.customerRefs[k]++;
      return starts[k];
    },
    product: (random) => starts[customers + Math.floor(productCount * random() ** 1.5)],
    earlierOrder: (random) => (orderCount > 0 ? orders[Math.floor(orderCount * (1 - random() ** 3))] : undefined),
  };
  plan.customerRefs = new Uint32Array(customers);
  let next = prefixSize;
  for (let i = 0; i < kinds.length; i++) {
    const kind = kinds[i];
    const cluster = make[KINDS[kind]](prng(clusterSeed(spec.seed, i)), world);
    if (!verify) starts[i] = next;
    else if (starts[i] !== next) throw new Error('internal: cluster layout changed between plan and write');
    onCluster(cluster, next, kind, world);
    if (kind === K.order) orders[orderCount++] = next;
    next += cluster.nodes.length;
  }
  plan.clusterNodes = next - prefixSize;
}

// ---------------------------------------------------------------------------------------------
// Validation with Chrome DevTools' parser, and the cache

function validate(file, meta) {
  const script = `
    import('heap-snapshot-toolkit').then(async ({ parse }) => {
      const fs = require('node:fs');
      const problems = [];
      const warn = console.warn;
      console.warn = console.error = (...args) => problems.push(args.join(' ').slice(0, 300));
      const snapshot = await parse(fs.createReadStream(process.argv[1]));
      console.warn = warn;
      const stats = snapshot.getStatistics();
      // Nodes DevTools cannot reach from the root through strong edges keep distance -5.
      let unreachable = 0;
      for (let i = 0; i < snapshot.nodeCount; i++) if (snapshot.nodeDistances[i] === -5) unreachable++;
      process.stdout.write('B1-VALIDATE ' + JSON.stringify({ nodes: snapshot.nodeCount, edges: snapshot.containmentEdges.length / snapshot.edgeFieldsCount, total: stats.total, unreachable, problems }) + '\\n');
    });`;
  const result = spawnSync(process.execPath, ['--max-old-space-size=16384', '-e', script, file], { cwd: __dirname, encoding: 'utf8', maxBuffer: 64 * MiB });
  const line = (result.stdout || '').split('\n').find((l) => l.startsWith('B1-VALIDATE '));
  if (!line) throw new Error(`heap-snapshot-toolkit could not parse ${file}: ${result.status ?? result.signal}\n${(result.stderr || '').slice(-2000)}`);
  const v = JSON.parse(line.slice('B1-VALIDATE '.length));
  const errors = [];
  if (v.nodes !== meta.nodes) errors.push(`nodes ${v.nodes} ≠ ${meta.nodes}`);
  if (v.edges !== meta.edges) errors.push(`edges ${v.edges} ≠ ${meta.edges}`);
  if (v.unreachable > 0) errors.push(`${v.unreachable} nodes unreachable from the root through strong edges`);
  if (v.problems.length > 0) errors.push(`problems reported: ${v.problems.join(' | ')}`);
  if (errors.length > 0) throw new Error(`${path.basename(file)} does not parse cleanly with heap-snapshot-toolkit: ${errors.join('; ')}`);
  return { parser: 'heap-snapshot-toolkit', nodes: v.nodes, edges: v.edges, totalSize: v.total };
}

function readMeta(file) {
  try {
    return JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch {
    return undefined;
  }
}

/** Makes (or reuses) one input; returns its path and meta. */
async function ensureHeapSnapshot(name, { force = false, check = true, log = console.log } = {}) {
  const spec = INPUTS[name];
  if (!spec) throw new Error(`unknown input ${name}; known: ${Object.keys(INPUTS).join(', ')}`);
  fs.mkdirSync(INPUTS_DIR, { recursive: true });
  const file = path.join(INPUTS_DIR, spec.file);
  const metaFile = file.replace(/\.heapsnapshot$/, '.meta.json');
  let meta = readMeta(metaFile);
  const current = meta && meta.version === GENERATOR_VERSION && meta.seed === spec.seed && fs.existsSync(file) && fs.statSync(file).size === meta.bytes;
  if (!current || force) {
    log(`Generating ${path.basename(file)} (${spec.label}, seed 0x${spec.seed.toString(16)})...`);
    meta = await generate(spec, file, log);
    meta.label = spec.label;
    fs.writeFileSync(metaFile, JSON.stringify(meta, null, 2));
    log(`  ${(meta.bytes / MiB).toFixed(1)} MiB, ${meta.nodes.toLocaleString('en-US')} nodes, ${meta.edges.toLocaleString('en-US')} edges, strings section ${(meta.stringsSectionBytes / MiB).toFixed(1)} MiB in ${meta.generateSeconds.toFixed(1)} s`);
  }
  if (check && !meta.validated) {
    log(`  checking ${path.basename(file)} with heap-snapshot-toolkit...`);
    meta.validated = validate(file, meta);
    fs.writeFileSync(metaFile, JSON.stringify(meta, null, 2));
    log(`  parses cleanly: ${meta.validated.nodes.toLocaleString('en-US')} nodes, ${meta.validated.edges.toLocaleString('en-US')} edges, total size ${(meta.validated.totalSize / MiB).toFixed(1)} MiB`);
  }
  return { name, file, meta, spec };
}

module.exports = { INPUTS, ensureHeapSnapshot, GENERATOR_VERSION };

if (require.main === module) {
  const args = process.argv.slice(2);
  const names = args.filter((a) => !a.startsWith('--'));
  (async () => {
    for (const name of names.length ? names : Object.keys(INPUTS)) {
      await ensureHeapSnapshot(name, { force: args.includes('--force'), check: !args.includes('--no-check') });
    }
  })().catch((error) => {
    console.error(error);
    process.exitCode = 1;
  });
}
