'use strict';
/**
 * Generated .cpuprofile inputs for B3 and B4 (and a real `node --cpu-prof` recording), rebuilt
 * from this script with fixed seeds: never downloaded, identical on every machine.
 *
 *   gen-100k-r50   ~21 MB: 100k nodes, 600k samples, 50 % of samples repeat the previous stack
 *   gen-100k-r97   ~21 MB: the SAME tree, 600k samples, 97 % repetition
 *   gen-300k-r90   ~71 MB: 300k nodes, 2M samples, 90 % repetition
 *   real           `node --cpu-prof --cpu-prof-interval 100` of bench/b6-workload.js (a few rounds)
 *
 * "Stack repetition" = the share of samples whose node is the previous sample's node. It is what
 * makes or breaks a sample-by-sample importer (each change of stack is an enter/leave walk), so
 * the two 21 MB inputs differ only in it.
 *
 * What makes the generated files look like real Node profiles (so tools take their real paths):
 *  - the Chrome DevTools Profiler.Profile shape: nodes {id, callFrame{functionName, scriptId, url,
 *    lineNumber, columnNumber}, hitCount, children?, positionTicks?}, startTime, endTime, samples,
 *    timeDeltas; nodes listed depth-first from (root), as V8 serialises them;
 *  - (root) with (program), (idle) and (garbage collector), then Node entry points
 *    (processTicksAndRejections, listOnTimeout, …) above deep stacks (leaves at depth ~27 on average, 100 at most; entry points have
 *    a handful of callees, fan-out shrinks with depth);
 *  - ~7k functions in ~450 files: file:///app/src/…js (your code), file:///app/node_modules/…js
 *    (dependencies), node:internal/… (Node) and native frames (no url); siblings never repeat a
 *    function, and a callee is often in its caller's file;
 *  - every leaf is sampled at least once (V8 only creates nodes it samples), self time is
 *    heavy-tailed (a few hot paths), ~15 % idle; positionTicks (per-line hits) on ~40 % of the
 *    sampled JavaScript nodes; ~1 ms sampling interval with jitter and the odd long gap.
 *
 * Usage: node bench/gen-profiles.js [name…]   (all by default; files go to bench/inputs/)
 */
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { INPUTS_DIR, BENCH_DIR, prng, run, lowerBound, readJson } = require('./lib');

/** Bump when the generator changes, so cached inputs are rebuilt. */
const GENERATOR_VERSION = 3;

const PROFILES = {
  'gen-100k-r50': { nodes: 100_000, samples: 600_000, repetition: 0.5, treeSeed: 0xb3100, sampleSeed: 0xb3150 },
  'gen-100k-r97': { nodes: 100_000, samples: 600_000, repetition: 0.97, treeSeed: 0xb3100, sampleSeed: 0xb3197 },
  'gen-300k-r90': { nodes: 300_000, samples: 2_000_000, repetition: 0.9, treeSeed: 0xb3300, sampleSeed: 0xb3390 },
  real: { workloadRounds: 150, intervalUs: 100 },
};

/** Probability that the next node (depth-first) is a child of the previous one: ~12 % leaves. */
const P_DESCEND = 0.88;
const MAX_DEPTH = 100;
const IDLE_SHARE = 0.15;
const PROGRAM_SHARE = 0.03;
const GC_SHARE = 0.03;

// ---------------------------------------------------------------------------------------------
// Functions and files

const APP_DIRS = ['routes', 'controllers', 'services', 'models', 'db', 'lib', 'middleware', 'utils', 'workers', 'views', 'cache', 'auth'];
const DEPENDENCIES = ['express', 'lodash', 'mongoose', 'pg', 'ajv', 'undici', 'fastify', 'pino', 'ioredis', 'graphql', 'bluebird', 'moment', 'joi', 'axios', 'handlebars', 'protobufjs', 'sequelize', 'jsonwebtoken', 'zod', 'yaml'];
const NODE_FILES = ['node:events', 'node:internal/timers', 'node:internal/process/task_queues', 'node:internal/streams/readable', 'node:internal/streams/writable', 'node:_http_server', 'node:_http_common', 'node:internal/fs/promises', 'node:net', 'node:buffer', 'node:internal/url', 'node:zlib', 'node:internal/crypto/hash', 'node:internal/modules/cjs/loader'];
const VERBS = ['get', 'set', 'find', 'load', 'save', 'parse', 'build', 'render', 'handle', 'process', 'validate', 'resolve', 'compute', 'update', 'create', 'fetch', 'serialize', 'normalize', 'apply', 'emit', 'dispatch', 'format', 'transform', 'merge', 'check', 'encode', 'decode', 'compile', 'match', 'visit'];
const NOUNS = ['User', 'Request', 'Response', 'Order', 'Session', 'Query', 'Row', 'Token', 'Header', 'Route', 'Schema', 'Cache', 'Event', 'Payload', 'Record', 'Config', 'Template', 'Node', 'Batch', 'Stream', 'Item', 'Price', 'Account', 'Message', 'Field', 'Index', 'Result', 'Options', 'Context', 'Entry'];
const NATIVE = ['JSON.parse', 'JSON.stringify', 'writeUtf8String', 'compileFunction', 'RegExp.prototype.exec', 'Array.prototype.sort', 'hash', 'inflateSync', 'readSync', 'structuredClone'];

/** ~6k functions over ~450 files; returns parallel arrays and per-file function lists. */
function makeFunctions(random) {
  const pick = (list) => list[Math.floor(random() * list.length)];
  const files = [];
  for (let i = 0; i < 300; i++) files.push({ url: `file:///app/src/${pick(APP_DIRS)}/${pick(NOUNS).toLowerCase()}${i}.js`, kind: 'app' });
  for (let i = 0; i < 140; i++) {
    const dep = DEPENDENCIES[i % DEPENDENCIES.length];
    files.push({ url: `file:///app/node_modules/${dep}/lib/${pick(NOUNS).toLowerCase()}${Math.floor(i / DEPENDENCIES.length) || ''}.js`, kind: 'dependency' });
  }
  for (const url of NODE_FILES) files.push({ url, kind: 'node' });
  files.push({ url: '', kind: 'native' });

  const functions = []; // { name, url, scriptId, line, column, file }
  files.forEach((file, fileIndex) => {
    file.functions = [];
    const count = file.kind === 'native' ? NATIVE.length : 5 + Math.floor(random() * 22);
    let line = 3 + Math.floor(random() * 10);
    for (let k = 0; k < count; k++) {
      const name = file.kind === 'native' ? NATIVE[k] : random() < 0.1 ? '' : `${pick(VERBS)}${pick(NOUNS)}${random() < 0.1 ? pick(NOUNS) : ''}`;
      file.functions.push(functions.length);
      functions.push({ name, url: file.url, scriptId: file.url ? String(50 + fileIndex) : '0', line: file.url ? line : -1, column: file.url ? 2 + Math.floor(random() * 30) : -1, file: fileIndex });
      line += 4 + Math.floor(random() * 60);
    }
  });
  // A few functions are everywhere (emit, next, the framework's handle): Zipf-like popularity.
  const cumulative = new Float64Array(functions.length);
  let total = 0;
  const order = functions.map((_, i) => i);
  shuffle(order, random);
  order.forEach((f, rank) => (cumulative[rank] = total += 1 / Math.pow(rank + 1, 0.9)));
  const popular = () => order[lowerBound(cumulative, random() * total)];
  return { functions, files, popular };
}

// ---------------------------------------------------------------------------------------------
// Tree

/**
 * Nodes in depth-first order: after each node the next one is its child (P_DESCEND) or a
 * child of one of its ancestors (see below). Returns typed arrays parent/depth/fn plus the
 * fixed nodes.
 */
function makeTree(nodeCount, seed) {
  const random = prng(seed);
  const { functions, files, popular } = makeFunctions(random);
  const special = (name, url = '', line = -1) => {
    functions.push({ name, url, scriptId: url ? String(40 + functions.length % 10) : '0', line, column: url ? 14 : -1, file: -1 });
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

// ---------------------------------------------------------------------------------------------
// Samples

function makeSamples(tree, spec) {
  const random = prng(spec.sampleSeed);
  const { count, parent, fixed } = tree;
  const S = spec.samples;
  // Which samples start a new stack: each one with probability (1 - repetition).
  const starts = new Uint8Array(S);
  starts[0] = 1;
  let runs = 1;
  for (let i = 1; i < S; i++) if (random() >= spec.repetition) (starts[i] = 1), runs++;

  const isLeaf = new Uint8Array(count).fill(1);
  for (let i = 1; i < count; i++) isLeaf[parent[i]] = 0;
  // Self-time weight: heavy-tailed (log-normal), mostly on leaves.
  const weights = new Float64Array(count);
  let total = 0;
  for (let i = 4; i < count; i++) {
    const g = Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random());
    total += weights[i] = (isLeaf[i] ? 1 : 0.05) * Math.exp(1.6 * g);
    weights[i] = total;
  }
  const picks = [];
  for (let i = 4; i < count; i++) if (isLeaf[i]) picks.push(i);
  if (picks.length > runs) throw new Error(`${picks.length} leaves but only ${runs} stacks: every leaf cannot be sampled`);
  while (picks.length < runs) {
    const u = random();
    if (u < IDLE_SHARE) picks.push(fixed.idle);
    else if (u < IDLE_SHARE + PROGRAM_SHARE) picks.push(fixed.program);
    else if (u < IDLE_SHARE + PROGRAM_SHARE + GC_SHARE) picks.push(fixed.gc);
    else picks.push(lowerBound(weights, random() * total));
  }
  shuffle(picks, random);
  // A new stack should differ from the previous one; swap away the rare equal neighbours.
  for (let i = 1; i < picks.length; i++) {
    if (picks[i] !== picks[i - 1]) continue;
    for (let attempt = 0; attempt < 10; attempt++) {
      const j = 1 + Math.floor(random() * (picks.length - 1));
      if (picks[j] !== picks[i - 1] && picks[j - 1] !== picks[i] && (j + 1 >= picks.length || picks[j + 1] !== picks[i])) {
        [picks[i], picks[j]] = [picks[j], picks[i]];
        break;
      }
    }
  }

  const samples = new Int32Array(S);
  const deltas = new Int32Array(S);
  const hits = new Int32Array(count);
  let at = -1;
  for (let i = 0; i < S; i++) {
    if (starts[i]) at++;
    samples[i] = picks[at];
    hits[picks[at]]++;
    // ~1 ms interval with jitter; now and then a long gap (a blocked main thread).
    const g = Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random());
    deltas[i] = i === 0 ? 1870 : random() < 0.004 ? 2000 + Math.floor(random() * 6000) : Math.max(50, Math.round(1010 + 60 * g));
  }
  let repeated = 0;
  for (let i = 1; i < S; i++) if (samples[i] === samples[i - 1]) repeated++;
  return { samples, deltas, hits, repetition: repeated / (S - 1), runs };
}

// ---------------------------------------------------------------------------------------------
// Serialisation (compact JSON, as node --cpu-prof writes it; ids are 1-based)

function writeProfile(file, tree, sampled, random) {
  const { count, parent, fn, functions } = tree;
  const children = new Array(count);
  for (let i = 1; i < count; i++) (children[parent[i]] ??= []).push(i + 1);
  const parts = [];
  let chunk = '{"nodes":[';
  const flush = () => {
    parts.push(chunk);
    chunk = '';
  };
  for (let i = 0; i < count; i++) {
    const f = functions[fn[i]];
    chunk +=
      (i ? ',' : '') +
      `{"id":${i + 1},"callFrame":{"functionName":${JSON.stringify(f.name)},"scriptId":"${f.scriptId}","url":${JSON.stringify(f.url)},"lineNumber":${f.line},"columnNumber":${f.column}},"hitCount":${sampled.hits[i]}`;
    if (children[i]) chunk += `,"children":[${children[i].join(',')}]`;
    if (sampled.hits[i] > 0 && f.url && random() < 0.4) chunk += `,"positionTicks":${JSON.stringify(positionTicks(f.line, sampled.hits[i], random))}`;
    chunk += '}';
    if (chunk.length > 1 << 20) flush();
  }
  const startTime = 81_234_567_890;
  let duration = 0;
  for (const d of sampled.deltas) duration += d;
  chunk += `],"startTime":${startTime},"endTime":${startTime + duration + 420},"samples":[`;
  flush();
  joinInts(parts, sampled.samples, 1);
  parts.push('],"timeDeltas":[');
  joinInts(parts, sampled.deltas, 0);
  parts.push(']}');
  const temporary = `${file}.partial`;
  fs.writeFileSync(temporary, parts.join(''));
  fs.renameSync(temporary, file);
  return duration;
}

/** Per-line hits (1-based lines) spread over 1-3 lines of the function. */
function positionTicks(line0, hits, random) {
  const lines = Math.min(hits, 1 + Math.floor(random() * 3));
  const ticks = [];
  let left = hits;
  for (let k = 0; k < lines; k++) {
    const t = k === lines - 1 ? left : 1 + Math.floor(random() * (left - (lines - k - 1)));
    left -= t;
    ticks.push({ line: line0 + 2 + k * (1 + Math.floor(random() * 4)), ticks: t });
  }
  return ticks;
}

function joinInts(parts, values, add) {
  for (let i = 0; i < values.length; i += 100_000) {
    const end = Math.min(values.length, i + 100_000);
    let s = '';
    for (let k = i; k < end; k++) s += (k ? ',' : '') + (values[k] + add);
    parts.push(s);
  }
}

// ---------------------------------------------------------------------------------------------
// Inputs on disk, cached by spec

function fileOf(name) {
  return path.join(INPUTS_DIR, `b3-${name}.cpuprofile`);
}

/** Makes sure the named profiles exist and match their spec; returns { name: { file, meta } }. */
async function ensureProfiles(names = Object.keys(PROFILES), log = console.log) {
  fs.mkdirSync(INPUTS_DIR, { recursive: true });
  const result = {};
  const trees = new Map();
  for (const name of names) {
    const spec = PROFILES[name];
    if (!spec) throw new Error(`unknown profile ${name}`);
    const file = fileOf(name);
    const metaFile = file.replace(/\.cpuprofile$/, '.meta.json');
    const wanted = { version: GENERATOR_VERSION, node: name === 'real' ? process.version : undefined, ...spec };
    const existing = readJson(metaFile);
    if (existing && fs.existsSync(file) && Object.keys(wanted).every((k) => existing.spec?.[k] === wanted[k])) {
      result[name] = { file, meta: existing };
      continue;
    }
    const started = Date.now();
    let meta;
    if (name === 'real') meta = await recordReal(file, spec);
    else {
      const treeKey = `${spec.nodes}:${spec.treeSeed}`;
      if (!trees.has(treeKey)) trees.set(treeKey, makeTree(spec.nodes, spec.treeSeed));
      const tree = trees.get(treeKey);
      const sampled = makeSamples(tree, spec);
      const durationUs = writeProfile(file, tree, sampled, prng(spec.sampleSeed ^ 0x5eed));
      let maxDepth = 0;
      let depthSum = 0;
      let leaves = 0;
      const isLeaf = new Uint8Array(tree.count).fill(1);
      for (let i = 1; i < tree.count; i++) isLeaf[tree.parent[i]] = 0;
      for (let i = 0; i < tree.count; i++) {
        maxDepth = Math.max(maxDepth, tree.depth[i]);
        if (isLeaf[i]) (leaves++, (depthSum += tree.depth[i]));
      }
      meta = {
        nodes: tree.count,
        leaves,
        functions: tree.functions.length,
        samples: spec.samples,
        stacks: sampled.runs,
        repetition: sampled.repetition,
        meanLeafDepth: depthSum / leaves,
        maxDepth,
        durationS: durationUs / 1e6,
      };
    }
    meta = { spec: wanted, ...meta, bytes: fs.statSync(file).size };
    fs.writeFileSync(metaFile, JSON.stringify(meta, null, 2));
    log(`generated ${path.relative(BENCH_DIR, file)}: ${(meta.bytes / 1e6).toFixed(1)} MB, ${meta.nodes} nodes, ${meta.samples} samples in ${((Date.now() - started) / 1000).toFixed(1)} s`);
    result[name] = { file, meta };
  }
  return result;
}

/** A real profile: node --cpu-prof of the B6 workload, fewer rounds. */
async function recordReal(file, spec) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'flamelens-b3-real-'));
  try {
    await run(process.execPath, ['--cpu-prof', '--cpu-prof-interval', String(spec.intervalUs), '--cpu-prof-dir', dir, path.join(BENCH_DIR, 'b6-workload.js'), String(spec.workloadRounds)]);
    const written = fs.readdirSync(dir).find((f) => f.endsWith('.cpuprofile'));
    fs.copyFileSync(path.join(dir, written), file);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
  const profile = JSON.parse(fs.readFileSync(file, 'utf8'));
  let repeated = 0;
  for (let i = 1; i < profile.samples.length; i++) if (profile.samples[i] === profile.samples[i - 1]) repeated++;
  return { nodes: profile.nodes.length, samples: profile.samples.length, repetition: repeated / Math.max(1, profile.samples.length - 1), durationS: (profile.endTime - profile.startTime) / 1e6 };
}

// ---------------------------------------------------------------------------------------------

function shuffle(array, random) {
  for (let i = array.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [array[i], array[j]] = [array[j], array[i]];
  }
  return array;
}


module.exports = { PROFILES, ensureProfiles, fileOf };

if (require.main === module) {
  const names = process.argv.slice(2);
  ensureProfiles(names.length ? names : undefined).then(
    (all) => {
      for (const [name, { file, meta }] of Object.entries(all)) console.log(`${name}: ${file} ${JSON.stringify({ ...meta, spec: undefined })}`);
    },
    (error) => {
      console.error(error);
      process.exitCode = 1;
    },
  );
}
