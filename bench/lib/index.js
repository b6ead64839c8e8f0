'use strict';
/**
 * Small helpers shared by the benchmarks: paths, the machine description, a seeded PRNG,
 * child processes, statistics and number formatting. Plain CommonJS so it runs without a build.
 */
const { spawn } = require('node:child_process');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

const BENCH_DIR = path.resolve(__dirname, '..');
const ROOT = path.resolve(BENCH_DIR, '..');
/** Generated inputs (ignored by git: they are rebuilt from the committed scripts). */
const INPUTS_DIR = path.join(BENCH_DIR, 'inputs');
const RESULTS_DIR = path.join(BENCH_DIR, 'results');

/** What the numbers were measured on: they mean little without it. */
function machine() {
  const cpus = os.cpus();
  return {
    cores: cpus.length,
    cpuModel: cpus[0]?.model?.trim() ?? 'unknown',
    node: process.version,
    platform: `${os.platform()} ${os.release()} ${os.arch()}`,
    memoryGiB: Math.round((os.totalmem() / 2 ** 30) * 10) / 10,
    date: new Date().toISOString().replace(/\.\d+Z$/, 'Z'),
  };
}

/**
 * Which FlameLens was measured: the commit, whether src/ or webview-ui/ differ from it, and when
 * out/ and dist/ were built (others may rebuild them while a benchmark runs: compare the times).
 */
function sourceState() {
  const { execFileSync } = require('node:child_process');
  const git = (...args) => {
    try {
      return execFileSync('git', args, { cwd: ROOT, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
    } catch {
      return '';
    }
  };
  const built = (file) => {
    try {
      return fs
        .statSync(path.join(ROOT, file))
        .mtime.toISOString()
        .replace(/\.\d+Z$/, 'Z');
    } catch {
      return 'missing';
    }
  };
  const dirty = git('status', '--porcelain', '--', 'src', 'webview-ui').split('\n').filter(Boolean).length;
  return {
    commit: git('rev-parse', '--short', 'HEAD') || 'unknown',
    dirty,
    line: `FlameLens at commit ${git('rev-parse', '--short', 'HEAD') || '?'}${dirty ? ` with ${dirty} uncommitted change(s) in src/ or webview-ui/` : ''}; out/ built ${built('out/src/core/analysis/profileAnalysis.js')}, dist/profile.js ${built('dist/profile.js')}`,
  };
}

/**
 * mulberry32: a tiny, fast PRNG with a 32-bit state. Inputs must be identical from run to run
 * (and machine to machine), so Math.random is never used to make them.
 */
function prng(seed) {
  let a = seed >>> 0;
  return function next() {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * Runs a command to completion, collecting its output. Wall time is measured here, from
 * spawn to exit, with the monotonic clock.
 */
function run(command, args, options = {}) {
  return new Promise((resolve, reject) => {
    const started = process.hrtime.bigint();
    const child = spawn(command, args, { cwd: options.cwd ?? ROOT, env: options.env ?? process.env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk) => (stdout += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk) => (stderr += chunk));
    child.once('error', reject);
    child.once('close', (code, signal) => {
      const wallMs = Number(process.hrtime.bigint() - started) / 1e6;
      if (code !== 0 && !options.allowFailure) {
        reject(new Error(`${command} ${args.join(' ')} failed (${signal ?? `exit ${code}`}):\n${stderr.slice(-4000)}`));
      } else {
        resolve({ code, signal, stdout, stderr, wallMs });
      }
    });
  });
}

/** The JSON payload of the last stdout line that starts with `tag ` (children report this way). */
function tagged(stdout, tag) {
  const line = stdout
    .split('\n')
    .reverse()
    .find((l) => l.startsWith(tag + ' '));
  if (!line) throw new Error(`no "${tag}" line in output:\n${stdout.slice(-2000)}`);
  return JSON.parse(line.slice(tag.length + 1));
}

function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

const fmt = {
  /** Milliseconds as seconds, 3 decimals. */
  s: (ms) => `${(ms / 1000).toFixed(3)} s`,
  ms: (ms) => `${ms.toFixed(1)} ms`,
  /** process.resourceUsage().maxRSS is in KiB. */
  mib: (kib) => `${(kib / 1024).toFixed(1)} MiB`,
  ratio: (ours, peer) => `${(ours / peer).toFixed(2)}×`,
  pct: (x) => `${x >= 0 ? '+' : ''}${x.toFixed(1)} %`,
  pp: (x) => `${x >= 0 ? '+' : ''}${x.toFixed(1)} pp`,
  count: (n) => n.toLocaleString('en-US'),
  rate: (perSecond) => `${(perSecond / 1e6).toFixed(2)} M/s`,
};

/** A markdown table from a header row and rows of cells. */
function markdownTable(header, rows) {
  const line = (cells) => `| ${cells.join(' | ')} |`;
  return [line(header), line(header.map(() => '---')), ...rows.map(line)].join('\n');
}

/** Index of the first element ≥ value in an ascending array (for sampling from a cumulative distribution). */
function lowerBound(sorted, value) {
  let lo = 0;
  let hi = sorted.length - 1;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (sorted[mid] < value) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** A JSON file's content, or undefined when it is missing or not JSON (cached inputs). */
function readJson(file) {
  try {
    return JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch {
    return undefined;
  }
}

/**
 * Runs every configuration `reps` times, interleaved and rotated each repetition so that no
 * configuration always runs first or last, and checks that the workload did the same work in
 * every run (same checksum). `onRun(config, run, rep)` sees each run as it ends.
 * Returns { runs: { [config.id]: run[] }, checksum }.
 */
async function interleavedRuns(configurations, reps, runOnce, onRun) {
  const runs = Object.fromEntries(configurations.map((c) => [c.id, []]));
  let checksum;
  for (let rep = 0; rep < reps; rep++) {
    const order = configurations.map((_, i) => configurations[(i + rep) % configurations.length]);
    for (const config of order) {
      const r = await runOnce(config);
      checksum ??= r.checksum;
      if (r.checksum !== checksum) throw new Error(`${config.id}: checksum ${r.checksum} ≠ ${checksum}: the workload did different work`);
      runs[config.id].push(r);
      onRun(config, r, rep);
    }
  }
  return { runs, checksum };
}

/** Medians of some figures of a configuration's runs; a figure some run lacks is undefined. */
function medians(runs, figures) {
  const out = {};
  for (const [name, pick] of Object.entries(figures)) out[name] = runs.every((r) => pick(r) !== undefined) ? median(runs.map(pick)) : undefined;
  return out;
}

/** "min–max" of a figure over runs, in seconds. */
function spreadOf(runs, pick) {
  return `${fmt.s(Math.min(...runs.map(pick)))}–${fmt.s(Math.max(...runs.map(pick)))}`;
}

/** The installed version of a peer (bench/node_modules). */
function peerVersion(name) {
  return JSON.parse(fs.readFileSync(path.join(BENCH_DIR, 'node_modules', name, 'package.json'), 'utf8')).version;
}

/** Shuffles in place (Fisher-Yates) with a seeded PRNG: the same order on every machine. */
function shuffle(array, random) {
  for (let i = array.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [array[i], array[j]] = [array[j], array[i]];
  }
  return array;
}

module.exports = {
  BENCH_DIR,
  ROOT,
  INPUTS_DIR,
  RESULTS_DIR,
  machine,
  sourceState,
  prng,
  shuffle,
  run,
  interleavedRuns,
  medians,
  spreadOf,
  peerVersion,
  tagged,
  median,
  fmt,
  markdownTable,
  lowerBound,
  readJson,
};
