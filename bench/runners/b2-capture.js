'use strict';
/**
 * B2 — capture a heap snapshot through the inspector, against in-process v8.writeHeapSnapshot.
 *
 * Inputs: bench/workloads/b2-target.js holding ~125 MiB and ~500 MiB of object-dense heap (fixed seed).
 * One target per size serves every configuration, interleaved and rotated per repetition:
 *   write          (a) the peer: `v8.writeHeapSnapshot(file)` inside the target, timed there
 *   capture        (b) FlameLens: captureHeapSnapshot (out/src/core/capture/heapSnapshot.js) in a
 *                  child process (bench/runners/b2-client.js), timed there from after connecting to the
 *                  file renamed into place; the child's peak RSS is the client's memory
 *   capture+progress  (b') the same with a progress listener, as the CLI and the extension take
 *                  snapshots: V8 then counts the heap first to report percentages
 *   capture+parse  (c) the same, every chunk also fed to the streaming heap parser
 *                  (src/core/model/heap); timed to the per-constructor summary being ready.
 *                  Skipped, saying so, while that module is not built.
 * Both (a) and (b) include the target's GC, heap walk and serialization, and the disk write;
 * (b) adds the transport (JSON chunks over the WebSocket). A first untimed writeHeapSnapshot
 * warms V8's object-id map, which whichever snapshot came first would otherwise pay for.
 */
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const readline = require('node:readline');
const { spawn } = require('node:child_process');
const { ROOT, BENCH_DIR, sourceState, run, tagged, median, fmt, markdownTable } = require('../lib');
const { heapModel } = require('./b2-client');

const TARGET = path.join(BENCH_DIR, 'workloads', 'b2-target.js');
const CLIENT = path.join(BENCH_DIR, 'runners', 'b2-client.js');
/** Heap sizes in MiB; B2_SIZES=40 makes a quick smoke run. */
const SIZES_MIB = (process.env.B2_SIZES || '125,500').split(',').map(Number);
/** Runs per configuration and size; B2_REPS=5 narrows the noise at the cost of time. */
const REPS = Number(process.env.B2_REPS || 3);
const TARGET_OVERHEAD_PCT = 3;
const TARGET_CLIENT_RSS_MIB = 100;
const TARGET_SUMMARY_RATIO = 1.15;

/** Starts the target and returns a handle that sends commands and awaits tagged stdout lines. */
async function startTarget(sizeMiB) {
  const child = spawn(process.execPath, [TARGET, String(sizeMiB)], { cwd: ROOT, stdio: ['pipe', 'pipe', 'pipe'] });
  let stderr = '';
  child.stderr.on('data', (chunk) => (stderr = (stderr + chunk).slice(-4000)));
  const waiting = [];
  readline.createInterface({ input: child.stdout }).on('line', (line) => {
    const index = waiting.findIndex((w) => line.startsWith(w.tag + ' '));
    if (index < 0) return;
    const [waiter] = waiting.splice(index, 1);
    waiter.resolve(JSON.parse(line.slice(waiter.tag.length + 1)));
  });
  const exited = new Promise((resolve) => child.once('exit', resolve));
  const next = (tag) =>
    Promise.race([
      new Promise((resolve) => waiting.push({ tag, resolve })),
      exited.then((code) => {
        throw new Error(`the B2 target exited (${code}) while waiting for ${tag}: ${stderr}`);
      }),
    ]);
  const ready = await next('B2-TARGET');
  return {
    ...ready,
    async write(file) {
      const result = next('B2-WRITTEN');
      child.stdin.write(`write ${file}\n`);
      return result;
    },
    async quit() {
      child.stdin.write('quit\n');
      await exited;
    },
  };
}

async function runClient(...args) {
  const result = await run(process.execPath, [CLIENT, ...args]);
  return { ...tagged(result.stdout, 'B2-CLIENT'), processWallMs: result.wallMs };
}

async function runOnce(config, target, dir) {
  const file = path.join(dir, `${config}.heapsnapshot`);
  try {
    if (config === 'write') {
      const { ms, bytes } = await target.write(file);
      return { ms, bytes };
    }
    const r = await runClient(config, target.url, file);
    return {
      ms: config === 'capture+parse' ? r.summaryMs : r.captureMs,
      captureMs: r.captureMs,
      connectMs: r.connectMs,
      bytes: r.bytes,
      clientRssKiB: r.maxRssKiB,
      nodes: r.nodes,
    };
  } finally {
    fs.rmSync(file, { force: true });
  }
}

async function measureSize(sizeMiB, configs, log) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'flamelens-b2-'));
  const target = await startTarget(sizeMiB);
  try {
    log(`B2 ${sizeMiB} MiB target: heapUsed ${target.heapUsedMiB} MiB, ${fmt.count(target.objects)} objects; warming up (untimed writeHeapSnapshot)`);
    await target.write(path.join(dir, 'warm-up.heapsnapshot'));
    fs.rmSync(path.join(dir, 'warm-up.heapsnapshot'), { force: true });
    const runs = Object.fromEntries(configs.map((c) => [c, []]));
    for (let rep = 0; rep < REPS; rep++) {
      const order = configs.map((_, i) => configs[(i + rep) % configs.length]);
      for (const config of order) {
        const r = await runOnce(config, target, dir);
        runs[config].push(r);
        log(
          `  ${sizeMiB} MiB run ${rep + 1}/${REPS} ${config.padEnd(16)} ${fmt.s(r.ms)}  ${(r.bytes / 1e6).toFixed(1)} MB` +
            (r.clientRssKiB ? `  client peak RSS ${fmt.mib(r.clientRssKiB)}` : '') +
            (config === 'capture+parse' ? `  (capture part ${fmt.s(r.captureMs)})` : ''),
        );
      }
    }
    return { heapUsedMiB: target.heapUsedMiB, objects: target.objects, runs };
  } finally {
    await target.quit();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

async function main({ log = console.log } = {}) {
  const stateBefore = sourceState();
  const parserBuilt = Boolean(heapModel());
  const configs = ['write', 'capture', 'capture+progress', ...(parserBuilt ? ['capture+parse'] : [])];
  if (!parserBuilt) log('B2 (c) skipped: the streaming heap parser (out/src/core/model/heap/heapSnapshotParser.js, heapAnalysis.js) is not built yet.');

  const rows = [];
  const verdicts = [];
  for (const sizeMiB of SIZES_MIB) {
    const { heapUsedMiB, objects, runs } = await measureSize(sizeMiB, configs, log);
    const stat = (config, pick = (r) => r.ms) => median(runs[config].map(pick));
    const spread = (config) => `${fmt.s(Math.min(...runs[config].map((r) => r.ms)))}–${fmt.s(Math.max(...runs[config].map((r) => r.ms)))}`;
    const write = stat('write');
    const capture = stat('capture');
    const overheadPct = (capture / write - 1) * 100;
    const clientRss = Math.max(...runs.capture.map((r) => r.clientRssKiB), ...runs['capture+progress'].map((r) => r.clientRssKiB));
    const withProgress = stat('capture+progress');
    const progressPct = (withProgress / write - 1) * 100;
    const bytes = stat('capture', (r) => r.bytes);
    const input = `~${sizeMiB} MiB<br>heapUsed ${heapUsedMiB} MiB, ${fmt.count(objects)} objects, snapshot ${(bytes / 1e6).toFixed(1)} MB`;
    log(`B2 ${sizeMiB} MiB writeHeapSnapshot ${fmt.s(write)} (${spread('write')})  (peer)`);
    log(
      `B2 ${sizeMiB} MiB FlameLens capture ${fmt.s(capture)} (${spread('capture')})  client peak RSS ${fmt.mib(clientRss)} (max of runs, with or without progress)  ratio ours/peer ${fmt.ratio(capture, write)} = ${fmt.pct(overheadPct)}`,
    );
    log(
      `B2 ${sizeMiB} MiB FlameLens capture with progress ${fmt.s(withProgress)} (${spread('capture+progress')})  ratio ours/peer ${fmt.ratio(withProgress, write)} = ${fmt.pct(progressPct)}`,
    );
    verdicts.push(
      `${sizeMiB} MiB: transport ${fmt.pct(overheadPct)} (≤ +${TARGET_OVERHEAD_PCT} %): **${overheadPct <= TARGET_OVERHEAD_PCT ? 'met' : 'MISSED'}**, with progress ${fmt.pct(progressPct)}`,
    );
    verdicts.push(
      `${sizeMiB} MiB: client peak RSS ${fmt.mib(clientRss)} (< ${TARGET_CLIENT_RSS_MIB} MiB): **${clientRss / 1024 < TARGET_CLIENT_RSS_MIB ? 'met' : 'MISSED'}**`,
    );
    rows.push([input, '`v8.writeHeapSnapshot` (in the target)', `${fmt.s(write)} (${spread('write')})`, '—', '—', 'peer']);
    rows.push([
      '',
      '**FlameLens** `captureHeapSnapshot`',
      `**${fmt.s(capture)}** (${spread('capture')})`,
      `connect ${fmt.ms(stat('capture', (r) => r.connectMs))}`,
      fmt.mib(Math.max(...runs.capture.map((r) => r.clientRssKiB))),
      `**${fmt.ratio(capture, write)}** (${fmt.pct(overheadPct)})`,
    ]);
    rows.push([
      '',
      '**FlameLens** `captureHeapSnapshot` with progress (CLI, extension)',
      `${fmt.s(withProgress)} (${spread('capture+progress')})`,
      'V8 counts the heap first',
      fmt.mib(Math.max(...runs['capture+progress'].map((r) => r.clientRssKiB))),
      `${fmt.ratio(withProgress, write)} (${fmt.pct(progressPct)})`,
    ]);
    if (parserBuilt) {
      const summary = stat('capture+parse');
      const ratio = summary / capture;
      const parseRss = Math.max(...runs['capture+parse'].map((r) => r.clientRssKiB));
      log(
        `B2 ${sizeMiB} MiB FlameLens capture+parse: summary ready ${fmt.s(summary)} (${spread('capture+parse')}) = ${ratio.toFixed(2)}× capture alone; client peak RSS ${fmt.mib(parseRss)}`,
      );
      verdicts.push(
        `${sizeMiB} MiB: summary ready at ${ratio.toFixed(2)}× capture time (≤ ${TARGET_SUMMARY_RATIO}×): **${ratio <= TARGET_SUMMARY_RATIO ? 'met' : 'MISSED'}**`,
      );
      rows.push([
        '',
        '**FlameLens** capture + streaming parse → summary',
        `**${fmt.s(summary)}** (${spread('capture+parse')})`,
        `capture part ${fmt.s(stat('capture+parse', (r) => r.captureMs))}; **${ratio.toFixed(2)}× capture alone**`,
        fmt.mib(parseRss),
        fmt.ratio(summary, write),
      ]);
    }
  }
  log(`B2 FlameLens targets: ${verdicts.join('; ').replace(/\*\*/g, '')}`);

  const stateAfter = sourceState();
  const state = stateBefore.line === stateAfter.line ? stateBefore.line : `${stateBefore.line} — CHANGED during the run (someone rebuilt): ${stateAfter.line}`;
  const markdown = [
    `${state}.`,
    '',
    `Targets: \`bench/workloads/b2-target.js\` holding ~${SIZES_MIB.join(' / ~')} MiB of object-dense heap (customers → orders → order lines, short strings; fixed seed), inspector open on 127.0.0.1. ` +
      `${REPS} runs per configuration and size against the same target, interleaved and rotated, after one untimed writeHeapSnapshot; medians (min–max). ` +
      `**writeHeapSnapshot** = \`v8.writeHeapSnapshot(file)\` in the target, timed there. **captureHeapSnapshot** = FlameLens through the inspector in a separate client process ` +
      `(\`bench/runners/b2-client.js\`), timed from after connecting to the file renamed into place; both include the target's GC, heap walk, serialization and the disk write, ` +
      `so the ratio is the cost of the transport (JSON chunks over the WebSocket, written by the client). **With progress** adds the \`onProgress\` listener the CLI and the extension use (\`reportProgress: true\`). Client peak RSS = that process's \`process.resourceUsage().maxRSS\`, max over runs.` +
      (parserBuilt
        ? ' **capture + streaming parse** feeds every chunk to `HeapSnapshotParser` as it arrives and stops the clock when `analyzeHeapGraph(graph).summary()` is ready; its ratio is against capture alone.'
        : ' (c) "summary ready ≤ 1.15× capture time" was not measured: the streaming heap parser (src/core/model/heap) was not built at the time of this run.'),
    '',
    markdownTable(['input', 'tool', 'wall, median (min–max)', 'detail', 'client peak RSS', 'ratio ours/peer'], rows),
    '',
    `FlameLens targets: ${verdicts.join('; ')}.`,
  ].join('\n');
  return { name: 'b2', title: 'B2 — capture a heap snapshot through the inspector', markdown };
}

module.exports = { main };

if (require.main === module) {
  main().catch((error) => {
    console.error(error);
    process.exitCode = 1;
  });
}
