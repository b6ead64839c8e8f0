'use strict';
/**
 * The prefix of the snapshot: everything with a fixed place before the clusters (roots, system
 * objects, classes, interned strings, the app's singletons), built in the order V8 lays it out.
 * Each step adds its nodes to the same builder; the order of the steps is the order of the nodes.
 */
const { T, E } = require('./format');
const { Cluster } = require('./cluster');
const { stringSize } = require('./text');
const { USER_CLASSES, BUILTIN_CLASSES, GC_ROOT_GROUPS, VOCABULARY, BUILTINS, SHARDS, CATEGORIES, HANDLERS, scriptFor } = require('./shape');

/**
 * Everything with a fixed place before the clusters. Returns the builder and the ordinals
 * templates refer to.
 */
function buildPrefix(strings) {
  const prefix = { p: new Cluster(), at: {}, s: (text) => strings.intern(text), n: (k) => strings.number(k) };
  addRoots(prefix);
  addSystemMaps(prefix);
  addBuiltins(prefix);
  addInternedStrings(prefix);
  addClasses(prefix);
  addSingletons(prefix);
  holdSingletons(prefix);
  return { prefix: prefix.p, at: prefix.at };
}

/** The synthetic root, "(GC roots)" with its subgroups, the C++ roots, Node's environment and the three globals. */
function addRoots(prefix) {
  const { p, at, s, n } = prefix;
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
}

/** Maps and oddballs, held by the read-only roots. */
function addSystemMaps(prefix) {
  const { p, at, s, n } = prefix;
  const sysMap = () => p.add(T.shape, s('system / Map'), 80);
  at.metaMap = sysMap();
  for (const name of [
    'string',
    'consString',
    'number',
    'closure',
    'context',
    'fixedArray',
    'hashTable',
    'global',
    'nativeContext',
    'oddball',
    'code',
    'native',
  ])
    at[name + 'Map'] = sysMap();
  const roMaps = Object.keys(at).filter((k) => k.endsWith('Map'));
  for (const k of roMaps) p.edge(at[k], E.internal, s('map'), at.metaMap);
  at.oddballs = ['undefined_value', 'null_value', 'true_value', 'false_value', 'the_hole_value'].map(() => {
    const o = p.add(T.hidden, s('system / Oddball'), 32);
    p.edge(o, E.internal, s('map'), at.oddballMap);
    return o;
  });
  const readOnly = at.groups['(Read-only roots)'];
  roMaps.forEach((k) => p.edge(readOnly, E.internal, s(k.replace(/Map$/, '_map')), at[k]));
  at.oddballs.forEach((o, i) => p.edge(readOnly, E.internal, n(roMaps.length + i), o));
}

/** Builtin code objects, held by the builtins root. */
function addBuiltins(prefix) {
  const { p, at, s } = prefix;
  at.builtins = BUILTINS.map((name) => {
    const c = p.add(T.code, s(`(${name} builtin handle)`), 88);
    p.edge(c, E.internal, s('map'), at.codeMap);
    return c;
  });
  at.builtins.forEach((c, i) => p.edge(at.groups['(Builtins)'], E.internal, s(`${i + 1} / ${BUILTINS[i]}`), c));
  at.interpreter = at.builtins[0];
}

/**
 * Interned strings: the vocabulary values. `prefix.internString` adds more (a string node, held
 * once) as later steps need them.
 */
function addInternedStrings(prefix) {
  const { p, at, s, n } = prefix;
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
  prefix.internString = internString;
}

/** Classes: map, prototype, constructor, shared function info, module context; map transitions; the closures' functions. */
function addClasses(prefix) {
  const { p, at, s, n } = prefix;
  at.cls = {};
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
}

/** Instances of the app's singletons. */
function addSingletons(prefix) {
  const { p, at, s } = prefix;
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
}

/** Who holds the singletons, and the roots that reach app objects. */
function holdSingletons(prefix) {
  const { p, at, s, n, internString } = prefix;
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
  for (const [key, list] of [
    ['theme', VOCABULARY.theme],
    ['locale', VOCABULARY.locale],
  ])
    p.edge(at.config, E.property, s(key), at.interned.get(list[0]));
  // Roots that reach app objects (page-owned: DevTools ignores them for dominators) and natives
  p.edge(at.groups['(Global handles)'], E.internal, n(1), at.app);
  at.shards.forEach((shard, i) => p.edge(at.groups['(Global handles)'], E.internal, n(i + 2), shard));
  p.edge(at.groups['(Stack roots)'], E.internal, n(1), at.app);
  at.nativeContexts.forEach((nc, i) => p.edge(at.groups['(Strong roots)'], E.internal, n(i + 1), nc));
  p.edge(at.groups['(Eternal handles)'], E.internal, n(1), at.cls.Object.proto);
  p.edge(at.groups['(Eternal handles)'], E.internal, n(2), at.cls.Array.proto);
}

module.exports = { buildPrefix };
