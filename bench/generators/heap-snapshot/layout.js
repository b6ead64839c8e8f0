'use strict';
/**
 * What comes after the clusters, laid out once the plan is known: one Array (object + elements
 * store) per collection the app holds, the customer registry's hash table, then the embedder
 * (native) nodes, last as in V8's output. Adds the prefix's edges that point at them.
 */
const { E, T } = require('./format');
const { Cluster, abs } = require('./cluster');
const { NATIVES } = require('./shape');

function layoutTail({ prefix, at, plan, strings, prefixSize }) {
  const s = (text) => strings.intern(text);
  let next = prefixSize + plan.clusterNodes;
  const containers = [];
  const container = (owner, property, members) => {
    const entry = { kind: 'array', owner, property, members, ordinal: next };
    next += 2;
    containers.push(entry);
    return entry.ordinal;
  };
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
  // In-flight requests are held only by the stack and handle scopes (not page-owned).
  plan.pending.forEach((ordinal, i) => prefix.edge(at.groups[i % 2 ? '(Handle scope)' : '(Stack roots)'], E.internal, strings.number(i + 2), abs(ordinal)));
  for (const c of containers) {
    if (c.kind === 'array') prefix.edge(c.owner, E.property, c.property, abs(c.ordinal));
    else prefix.edge(c.owner, E.internal, s('table'), abs(c.ordinal));
  }
  return { containers, natives, nativesStart, nodeCount: next };
}

/** The nodes of one container: an Array with its elements store, or the registry's hash table. */
function containerCluster(c, at, strings) {
  const s = (text) => strings.intern(text);
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
  return cl;
}

module.exports = { layoutTail, containerCluster };
