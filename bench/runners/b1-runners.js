'use strict';
/**
 * B1 runners: one tool turns one .heapsnapshot into the parsed graph, retained sizes and a
 * per-constructor summary, in this (fresh) process, and prints
 *   B1-CHILD {"tool","wallMs","loadMs","peakRssMiB","nodes","top":[{name,count,shallowSize,retainedSize}]}
 * with the 10 constructors of largest retained size.
 *
 *   node --max-old-space-size=16384 bench/runners/b1-runners.js <flamelens|devtools|memlab|vscode> <file>
 *
 * wallMs runs from the start of reading the file to the summary in hand (the tool's module is
 * loaded before, timed apart as loadMs); peakRssMiB is process.resourceUsage().maxRSS / 1024.
 *
 * What each tool is asked, through its public API:
 *  - devtools  heap-snapshot-toolkit's parse() (Chrome DevTools' HeapSnapshotLoader and
 *              JSHeapSnapshot, both init steps in this thread) over a utf8 read stream, then
 *              aggregatesWithFilter({}): the Summary view's per-class count / self / maxRet.
 *  - memlab    @memlab/core: utils.getSnapshotFromFile(file, {buildNodeIdIndex: true}) and
 *              analysis.preparePathFinder(snapshot) (shortest paths, dominators, retained sizes):
 *              exactly what @memlab/heap-analysis' getFullHeapFromFile does. memlab has no
 *              per-class summary, so one is computed here from its nodes the way DevTools counts
 *              (class names as DevTools names them; an object counts toward its class's retained
 *              size unless an object of the same class dominates it) — part of its measured time.
 *  - vscode    @vscode/v8-heap-parser (WASM): decode_bytes(whole file) and
 *              graph.get_class_groups(0, 10, false) (its class groups by retained size).
 *  - flamelens out/src/core/model/heap/heapAnalysis.js: analyzeHeapSnapshotFile(file).summary().
 */
const fs = require('node:fs');
const path = require('node:path');
const { performance } = require('node:perf_hooks');

const ROOT = path.resolve(__dirname, '..', '..');
const TOP = 40; // the comparison uses the first 10; the rest let a disagreement be looked up in the other tool's rows

const tools = {
  async flamelens() {
    const { analyzeHeapSnapshotFile } = require(path.join(ROOT, 'out/src/core/model/heap/heapAnalysis.js'));
    return async (file) => {
      const analysis = await analyzeHeapSnapshotFile(file);
      const summary = analysis.summary();
      return {
        nodes: summary.nodes,
        totalSize: summary.totalSize,
        classes: summary.constructors.length,
        top: summary.constructors.slice(0, TOP).map(({ name, count, shallowSize, retainedSize }) => ({ name, count, shallowSize, retainedSize })),
      };
    };
  },

  async devtools() {
    const { parse } = await import('heap-snapshot-toolkit');
    return async (file) => {
      const snapshot = await parse(fs.createReadStream(file, 'utf8'));
      const aggregates = Object.values(snapshot.aggregatesWithFilter({}));
      aggregates.sort((a, b) => b.maxRet - a.maxRet);
      return {
        nodes: snapshot.nodeCount,
        totalSize: snapshot.totalSize,
        classes: aggregates.length,
        top: aggregates.slice(0, TOP).map((a) => ({ name: a.name, count: a.count, shallowSize: a.self, retainedSize: a.maxRet })),
      };
    };
  },

  async memlab() {
    const { utils, analysis, config } = require('@memlab/core');
    config.muteConsole = true;
    return async (file) => {
      const snapshot = await utils.getSnapshotFromFile(file, { buildNodeIdIndex: true, verbose: true });
      analysis.preparePathFinder(snapshot);
      return { nodes: snapshot.nodes.length, ...summarizeMemlab(snapshot) };
    };
  },

  async vscode() {
    const { decode_bytes, init_panic_hook } = require('@vscode/v8-heap-parser');
    init_panic_hook(); // a Rust panic then says why on stderr
    const parser = require('@vscode/v8-heap-parser');
    return async (file) => {
      let graph;
      try {
        graph = decode_bytes(fs.readFileSync(file));
      } catch (error) {
        // An allocation failure inside WASM aborts without a panic message: say how big its memory was.
        throw new Error(
          `${error} in decode_bytes (WASM memory ${(parser.__wasm.memory.buffer.byteLength / 2 ** 30).toFixed(2)} GiB; wasm32 caps it at 4 GiB)`,
          { cause: error },
        );
      }
      const groups = graph.get_class_groups(0, TOP, false);
      const top = groups.map((g) => ({ name: g.name(), count: g.children_len, shallowSize: Number(g.self_size), retainedSize: Number(g.retained_size) }));
      return { top };
    };
  },
};

/** DevTools' class name of a node (HeapSnapshot.ts getNodeClassIndex) from memlab's node. */
function devtoolsClassName(type, name) {
  switch (type) {
    case 'hidden':
      return '(system)';
    case 'object':
    case 'native':
      if (name.startsWith('<') || name.startsWith('Detached <')) {
        const space = name.indexOf(' ', name.startsWith('<') ? 0 : 10);
        if (space !== -1) return name.slice(0, space) + '>';
      }
      return name;
    case 'code':
      return '(compiled code)';
    case 'closure':
      return 'Function';
    case 'regexp':
      return 'RegExp';
    default:
      return `(${type})`;
  }
}

/** Per-class count, shallow and retained size from memlab's dominators, counted as DevTools does. */
function summarizeMemlab(snapshot) {
  const n = snapshot.nodes.length;
  const classOf = new Uint32Array(n);
  const dominator = new Int32Array(n).fill(-1);
  const retained = new Float64Array(n);
  const self = new Float64Array(n);
  const ids = new Map();
  const names = [];
  let totalSize = 0;
  let root = -1;
  snapshot.nodes.forEach((node) => {
    const i = node.nodeIndex;
    const name = devtoolsClassName(node.type, node.name);
    let id = ids.get(name);
    if (id === undefined) ids.set(name, (id = names.push(name) - 1));
    classOf[i] = id;
    self[i] = node.self_size;
    totalSize += node.self_size;
    retained[i] = node.retainedSize;
    const d = node.dominatorNode;
    if (d && d.nodeIndex !== i) dominator[i] = d.nodeIndex;
    else if (root < 0) root = i;
  });
  // Children of each node in the dominator tree (CSR), then a depth-first walk that counts a
  // node's retained size toward its class only when no ancestor has that class.
  const first = new Uint32Array(n + 1);
  for (let i = 0; i < n; i++) if (dominator[i] >= 0) first[dominator[i] + 1]++;
  for (let i = 0; i < n; i++) first[i + 1] += first[i];
  const children = new Uint32Array(first[n]);
  const fill = first.slice(0, n);
  for (let i = 0; i < n; i++) if (dominator[i] >= 0) children[fill[dominator[i]]++] = i;
  const count = new Float64Array(names.length);
  const shallow = new Float64Array(names.length);
  const classRetained = new Float64Array(names.length);
  const onPath = new Uint32Array(names.length);
  for (let i = 0; i < n; i++) {
    if (self[i] > 0) {
      count[classOf[i]]++;
      shallow[classOf[i]] += self[i];
    }
  }
  const stack = [root];
  const state = new Uint8Array(n); // 0 new, 1 children pushed
  while (stack.length > 0) {
    const v = stack[stack.length - 1];
    const c = classOf[v];
    if (state[v] === 0) {
      state[v] = 1;
      if (onPath[c] === 0 && self[v] > 0) classRetained[c] += retained[v];
      onPath[c]++;
      for (let k = first[v]; k < first[v + 1]; k++) stack.push(children[k]);
    } else {
      stack.pop();
      onPath[c]--;
    }
  }
  const order = names.map((_, i) => i).sort((a, b) => classRetained[b] - classRetained[a]);
  return {
    totalSize,
    classes: names.length,
    top: order.slice(0, TOP).map((i) => ({ name: names[i], count: count[i], shallowSize: shallow[i], retainedSize: classRetained[i] })),
  };
}

async function main(tool, file) {
  if (!tools[tool]) throw new Error(`unknown tool ${tool}; known: ${Object.keys(tools).join(', ')}`);
  const loadStarted = performance.now();
  const analyze = await tools[tool]();
  const started = performance.now();
  const result = await analyze(file);
  const wallMs = performance.now() - started;
  const peakRssMiB = process.resourceUsage().maxRSS / 1024;
  process.stdout.write(
    '\nB1-CHILD ' +
      JSON.stringify({
        tool,
        wallMs,
        loadMs: started - loadStarted,
        peakRssMiB,
        heapLimitMiB: require('node:v8').getHeapStatistics().heap_size_limit / 2 ** 20,
        ...result,
      }) +
      '\n',
  );
}

module.exports = { devtoolsClassName };

if (require.main === module) {
  main(process.argv[2], process.argv[3]).then(
    () => process.exit(0), // some tools leave handles open (message ports, workers)
    (error) => {
      console.error(error && error.stack ? error.stack : error);
      process.exit(1);
    },
  );
}
