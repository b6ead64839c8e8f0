'use strict';
/** The call tree of a generated profile: deep stacks under Node's entry points, siblings never repeating a function. */
const { prng } = require('../../lib');
const { makeFunctions } = require('./functions');

/** Probability that the next node (depth-first) is a child of the previous one: ~12 % leaves. */
const P_DESCEND = 0.88;
const MAX_DEPTH = 100;

/**
 * Nodes in depth-first order: after each node the next one is its child (P_DESCEND) or a
 * child of one of its ancestors (see below). Returns typed arrays parent/depth/fn plus the
 * fixed nodes.
 */
function makeTree(nodeCount, seed) {
  const random = prng(seed);
  const { functions, files, popular } = makeFunctions(random);
  const special = (name, url = '', line = -1) => {
    functions.push({ name, url, scriptId: url ? String(40 + (functions.length % 10)) : '0', line, column: url ? 14 : -1, file: -1 });
    return functions.length - 1;
  };
  const parent = new Int32Array(nodeCount);
  const depth = new Uint8Array(nodeCount);
  const fn = new Int32Array(nodeCount);
  let n = 0;
  const add = (p, f) => {
    parent[n] = p;
    depth[n] = p < 0 ? 0 : depth[p] + 1;
    fn[n] = f;
    return n++;
  };
  const root = add(-1, special('(root)'));
  const fixed = { root, program: add(root, special('(program)')), idle: add(root, special('(idle)')), gc: add(root, special('(garbage collector)')) };

  const entries = [
    ['processTicksAndRejections', 'node:internal/process/task_queues', 66],
    ['listOnTimeout', 'node:internal/timers', 511],
    ['processImmediate', 'node:internal/timers', 449],
    ['emit', 'node:events', 486],
    ['onStreamRead', 'node:internal/stream_base_commons', 165],
    ['executeUserEntryPoint', 'node:internal/modules/run_main', 124],
  ];
  const entryFunctions = entries.map(([name, url, line]) => special(name, url, line));
  const entryNames = entries.map((e) => e[0]);
  // Entry points share the nodes unevenly, as request handlers and timers would.
  const shares = [0.4, 0.2, 0.1, 0.15, 0.1, 0.05];
  const remaining = nodeCount - n - entryNames.length;
  for (let e = 0; e < entryNames.length; e++) {
    const budget = e === entryNames.length - 1 ? nodeCount - n - 1 : Math.floor(remaining * shares[e]);
    const entry = add(root, entryFunctions[e]);
    // The current root-to-last path, and the functions already used by each level's children.
    const pathNodes = [root, entry];
    const usedBelow = [new Set(), new Set()];
    for (let k = 0; k < budget; k++) {
      const last = pathNodes[pathNodes.length - 1];
      let parentDepth;
      if (random() < P_DESCEND && depth[last] < MAX_DEPTH) parentDepth = depth[last];
      // Up to an ancestor, P(depth d) ∝ d^1.5: mostly near the bottom, rarely near the top. Stacks
      // keep a trunk (an entry point has a handful of callees, not hundreds), and the mean
      // ancestor depth (~0.7 × depth) keeps the depth hovering around ~25 instead of drifting.
      else parentDepth = Math.max(1, Math.ceil((depth[last] - 1) * Math.pow(random(), 0.4)));
      pathNodes.length = parentDepth + 1;
      usedBelow.length = parentDepth + 1;
      const p = pathNodes[parentDepth];
      const f = chooseCallee(functions, files, fn[p], usedBelow[parentDepth], popular, random);
      usedBelow[parentDepth].add(f);
      pathNodes.push(add(p, f));
      usedBelow.push(new Set());
    }
  }
  if (n !== nodeCount) throw new Error(`tree has ${n} nodes, wanted ${nodeCount}`);
  return { parent, depth, fn, functions, fixed, count: n };
}

/** A callee: often a function of the caller's file or a popular one; never a sibling's function. */
function chooseCallee(functions, files, callerFn, used, popular, random) {
  for (let attempt = 0; attempt < 20; attempt++) {
    const caller = functions[callerFn];
    let f;
    if (caller.file >= 0 && random() < 0.45) {
      const own = files[caller.file].functions;
      f = own[Math.floor(random() * own.length)];
    } else f = popular();
    if (!used.has(f) && f !== callerFn) return f;
  }
  let f = Math.floor(random() * (functions.length - 1));
  while (used.has(f)) f = (f + 1) % functions.length;
  return f;
}

/** What the meta file reports about a tree's shape. */
function treeShape(tree) {
  let maxDepth = 0;
  let depthSum = 0;
  let leaves = 0;
  const isLeaf = new Uint8Array(tree.count).fill(1);
  for (let i = 1; i < tree.count; i++) isLeaf[tree.parent[i]] = 0;
  for (let i = 0; i < tree.count; i++) {
    maxDepth = Math.max(maxDepth, tree.depth[i]);
    if (isLeaf[i]) {
      leaves++;
      depthSum += tree.depth[i];
    }
  }
  return { leaves, meanLeafDepth: depthSum / leaves, maxDepth };
}

module.exports = { makeTree, treeShape };
