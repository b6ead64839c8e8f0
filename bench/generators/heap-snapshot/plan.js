'use strict';
/**
 * The plan of a snapshot: how many clusters of each kind, where each one starts (its first
 * node's ordinal) and who holds it. Only the plan is kept in memory; writing replays the
 * clusters from their seeds and must land every one where the plan put it.
 */
const { prng } = require('../../lib');
const { K, KINDS, MIX, SHARDS, CATEGORIES } = require('./shape');

/**
 * Sizes the plan to the spec's target: a small calibration run gives the bytes per cluster, then
 * the plan is made twice (bigger heaps have longer numbers, so the second uses the first's estimate).
 */
function sizedPlan({ spec, make, prefixSize }) {
  const mix = MIX[spec.mode];
  const calibration = planClusters({ spec, make, prefixSize, count: 4000, mix });
  const perCluster = spec.mode === 'strings' ? calibration.stringBytes / calibration.count : calibration.bytes / calibration.count;
  const wanted = spec.mode === 'strings' ? spec.targetStringBytes * 1.02 : spec.targetBytes;
  let count = Math.max(1000, Math.round(wanted / perCluster));
  let plan = planClusters({ spec, make, prefixSize, count, mix });
  // Plan once more with the count scaled by the first plan's estimate.
  const estimated = (p) => (spec.mode === 'strings' ? p.stringBytes : p.bytes);
  count = Math.max(1000, Math.round((count * wanted) / estimated(plan)));
  plan = planClusters({ spec, make, prefixSize, count, mix });
  return { count, plan };
}

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
  const cumulative = Object.entries(mix).map(([kind], i, all) => [K[kind], all.slice(0, i + 1).reduce((t, [, x]) => t + x, 0)]);
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

module.exports = { sizedPlan, replayClusters };
