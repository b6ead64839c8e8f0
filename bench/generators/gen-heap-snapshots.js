'use strict';
/**
 * B1 inputs: synthetic V8 heap snapshots (.heapsnapshot, the format Node 20 writes), generated
 * with a fixed seed and STREAMED to disk: the generator never holds a snapshot (nor a section of
 * one) in memory, only the plan of the object graph (a few bytes per object cluster).
 *
 *   node bench/generators/gen-heap-snapshots.js [dense-250m|dense-1g|strings ...] [--force] [--no-check]
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
 *
 * The steps live in heap-snapshot/: format (meta, escaping, section writers), shape (classes,
 * roots, kinds), prefix, templates (one per cluster kind), plan, layout (containers and natives),
 * write (sections and assembly), generate (the steps in order) and validate.
 */
const fs = require('node:fs');
const path = require('node:path');
const { INPUTS_DIR } = require('../lib');
const { MiB } = require('./heap-snapshot/format');
const { generate, GENERATOR_VERSION } = require('./heap-snapshot/generate');
const { validate } = require('./heap-snapshot/validate');

const INPUTS = {
  'dense-250m': { file: 'b1-dense-250m.heapsnapshot', seed: 0xb1250, mode: 'dense', targetBytes: 250 * MiB, label: 'object-dense ~250 MiB' },
  'dense-1g': { file: 'b1-dense-1g.heapsnapshot', seed: 0xb11024, mode: 'dense', targetBytes: 1024 * MiB, label: 'object-dense ~1 GiB' },
  /** A small one to try the generator and the runners quickly (not part of B1). */
  smoke: { file: 'b1-smoke.heapsnapshot', seed: 0xb15, mode: 'dense', targetBytes: 8 * MiB, label: 'smoke test ~8 MiB' },
  strings: { file: 'b1-strings.heapsnapshot', seed: 0xb15770, mode: 'strings', targetStringBytes: 320 * MiB, label: 'string-heavy (≥ 320 MiB of strings)' },
};

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
    log(
      `  ${(meta.bytes / MiB).toFixed(1)} MiB, ${meta.nodes.toLocaleString('en-US')} nodes, ${meta.edges.toLocaleString('en-US')} edges, strings section ${(meta.stringsSectionBytes / MiB).toFixed(1)} MiB in ${meta.generateSeconds.toFixed(1)} s`,
    );
  }
  if (check && !meta.validated) {
    log(`  checking ${path.basename(file)} with heap-snapshot-toolkit...`);
    meta.validated = validate(file, meta);
    fs.writeFileSync(metaFile, JSON.stringify(meta, null, 2));
    log(
      `  parses cleanly: ${meta.validated.nodes.toLocaleString('en-US')} nodes, ${meta.validated.edges.toLocaleString('en-US')} edges, total size ${(meta.validated.totalSize / MiB).toFixed(1)} MiB`,
    );
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
