'use strict';
/**
 * Generated .cpuprofile inputs for B3 and B4 (and a real `node --cpu-prof` recording), rebuilt
 * from this script with fixed seeds: never downloaded, identical on every machine.
 *
 *   gen-100k-r50   ~21 MB: 100k nodes, 600k samples, 50 % of samples repeat the previous stack
 *   gen-100k-r97   ~21 MB: the SAME tree, 600k samples, 97 % repetition
 *   gen-300k-r90   ~71 MB: 300k nodes, 2M samples, 90 % repetition
 *   real           `node --cpu-prof --cpu-prof-interval 100` of bench/workloads/b6-workload.js (a few rounds)
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
 * Usage: node bench/generators/gen-profiles.js [name…]   (all by default; files go to bench/inputs/)
 *
 * The steps live in cpu-profile/: names, functions, tree, samples, write (and real, the recording).
 */
const fs = require('node:fs');
const path = require('node:path');
const { INPUTS_DIR, BENCH_DIR, prng, readJson } = require('../lib');
const { makeTree, treeShape } = require('./cpu-profile/tree');
const { makeSamples } = require('./cpu-profile/samples');
const { writeProfile } = require('./cpu-profile/write');
const { recordReal } = require('./cpu-profile/real');

/** Bump when the generator changes, so cached inputs are rebuilt. */
const GENERATOR_VERSION = 3;

const PROFILES = {
  'gen-100k-r50': { nodes: 100_000, samples: 600_000, repetition: 0.5, treeSeed: 0xb3100, sampleSeed: 0xb3150 },
  'gen-100k-r97': { nodes: 100_000, samples: 600_000, repetition: 0.97, treeSeed: 0xb3100, sampleSeed: 0xb3197 },
  'gen-300k-r90': { nodes: 300_000, samples: 2_000_000, repetition: 0.9, treeSeed: 0xb3300, sampleSeed: 0xb3390 },
  real: { workloadRounds: 150, intervalUs: 100 },
};

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
      const { leaves, meanLeafDepth, maxDepth } = treeShape(tree);
      meta = {
        nodes: tree.count,
        leaves,
        functions: tree.functions.length,
        samples: spec.samples,
        stacks: sampled.runs,
        repetition: sampled.repetition,
        meanLeafDepth,
        maxDepth,
        durationS: durationUs / 1e6,
      };
    }
    meta = { spec: wanted, ...meta, bytes: fs.statSync(file).size };
    fs.writeFileSync(metaFile, JSON.stringify(meta, null, 2));
    log(
      `generated ${path.relative(BENCH_DIR, file)}: ${(meta.bytes / 1e6).toFixed(1)} MB, ${meta.nodes} nodes, ${meta.samples} samples in ${((Date.now() - started) / 1000).toFixed(1)} s`,
    );
    result[name] = { file, meta };
  }
  return result;
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
