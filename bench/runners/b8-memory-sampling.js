'use strict';
/**
 * B8 — memory sampling must not perturb the target: what it costs at the default interval.
 *
 * Input: bench/workloads/b8-workload.js, a fixed number of orders handled the way a server does (records
 * kept and dropped, short-lived objects, an event-loop turn every 100 orders). The compared
 * figure is the workload's own time for that work (performance.now() around it) and, as a
 * cross-check that other processes on a shared machine do not inflate, the CPU time of its main
 * (JavaScript) thread — where the in-target collector, the inspector's message handling and the
 * sampling heap profiler's bookkeeping all run.
 * Configurations (the engine's own samplers, on a real inspector session):
 *   plain            no inspector at all (for reference)
 *   inspector idle   connected, nothing sampling: the baseline the costs are measured against
 *   memory @500 ms   startMemorySampler at its default interval (FlameLens' --memory)
 *   memory @100 ms   the same, five times as often
 *   allocations      startAllocationSampler at its default (32 KiB, collected objects included)
 *   memory + allocations
 * Each runs REPS times, interleaved and rotated; medians.
 *
 * A second part measures the same configurations on an idle target (B8_IDLE_S seconds, doing
 * nothing): the CPU the target process uses then is what sampling itself costs (the collector's
 * timers and polls, the inspector's messages), a figure a noisy shared machine barely disturbs,
 * unlike the throughput of a busy target.
 */
const path = require('node:path');
const { spawn } = require('node:child_process');
const { ROOT, BENCH_DIR, interleavedRuns, medians, spreadOf, tagged, median, fmt, markdownTable } = require('../lib');

const WORKLOAD = path.join(BENCH_DIR, 'workloads', 'b8-workload.js');
const REPS = Number(process.env.B8_REPS || 5);
const IDLE_SECONDS = Number(process.env.B8_IDLE_S || 10);
const IDLE_REPS = Number(process.env.B8_IDLE_REPS || 3);
/** B8_ORDERS=5000 makes a quick smoke run (the numbers then mean little). */
const WORKLOAD_ARGS = process.env.B8_ORDERS ? [process.env.B8_ORDERS] : [];

const configurations = [
  { id: 'plain', inspector: false },
  { id: 'inspector idle', inspector: true },
  { id: 'memory @500 ms', inspector: true, memory: { intervalMs: 500 } },
  { id: 'memory @100 ms', inspector: true, memory: { intervalMs: 100 } },
  { id: 'allocations', inspector: true, allocations: {} },
  { id: 'memory + allocations', inspector: true, memory: { intervalMs: 500 }, allocations: {} },
];

function engine() {
  const out = (file) => require(path.join(ROOT, 'out', 'src', 'core', ...file.split('/')));
  return {
    connectInspector: out('inspector/session.js').connectInspector,
    startMemorySampler: out('capture/memorySampler.js').startMemorySampler,
    startAllocationSampler: out('capture/allocationSampler.js').startAllocationSampler,
  };
}

/** One run: start the workload, attach the configured samplers, let it work, collect. */
async function runOnce(config, core, workloadArgs = WORKLOAD_ARGS, tag = 'B8-WORKLOAD') {
  const args = [...(config.inspector ? ['--inspect=127.0.0.1:0'] : []), WORKLOAD, ...workloadArgs];
  const child = spawn(process.execPath, args, { cwd: ROOT, stdio: ['pipe', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout.setEncoding('utf8').on('data', (c) => (stdout += c));
  child.stderr.setEncoding('utf8').on('data', (c) => (stderr += c));
  const exited = new Promise((resolve) => child.once('exit', resolve));
  const waitFor = (pattern) =>
    new Promise((resolve, reject) => {
      const check = () => {
        const match = pattern.exec(pattern.source.startsWith('B8') ? stdout : stderr);
        if (match) {
          clearInterval(timer);
          resolve(match[0]);
        }
      };
      const timer = setInterval(check, 20);
      void exited.then(() => {
        clearInterval(timer);
        reject(new Error(`the workload exited early:\n${stderr.slice(-2000)}`));
      });
    });
  let session;
  try {
    let memory;
    let allocations;
    if (config.inspector) {
      session = await core.connectInspector(await waitFor(/ws:\/\/127\.0\.0\.1:\d+\/[\w-]+/));
      if (config.memory) memory = await core.startMemorySampler(session, config.memory);
      if (config.allocations) allocations = await core.startAllocationSampler(session, config.allocations);
    }
    child.stdin.write('go\n');
    await waitFor(new RegExp(`${tag} .*\\n`));
    const [timeline, profile] = await Promise.all([memory?.stop(), allocations?.stop()]);
    return {
      ...tagged(stdout, tag),
      memorySamples: timeline?.samples.length,
      gcMarks: timeline?.gcs.length,
      allocationSamples: profile?.samples.length,
    };
  } finally {
    await session?.close();
    child.stdin.end();
    await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, 5000))]);
    if (child.exitCode === null) child.kill('SIGKILL');
  }
}

async function main({ log = console.log } = {}) {
  const core = engine();
  log(
    `B8 input: ${path.relative(ROOT, WORKLOAD)} (fixed work${WORKLOAD_ARGS.length ? `, B8_ORDERS=${WORKLOAD_ARGS[0]}: smoke run only` : ''}), ${REPS} interleaved runs of each of ${configurations.map((c) => c.id).join(', ')}`,
  );
  const { runs, checksum } = await interleavedRuns(
    configurations,
    REPS,
    (config) => runOnce(config, core),
    (config, r, rep) =>
      log(
        `  run ${rep + 1}/${REPS} ${config.id.padEnd(21)} work ${fmt.s(r.workMs)}  main-thread CPU ${r.workCpuMs === undefined ? 'n/a' : fmt.s(r.workCpuMs)}`,
      ),
  );

  const stat = (id) => {
    const rs = runs[id];
    return {
      ...medians(rs, {
        workMs: (r) => r.workMs,
        workCpuMs: (r) => r.workCpuMs,
        rssKiB: (r) => r.maxRssKiB,
        memorySamples: (r) => r.memorySamples,
        gcMarks: (r) => r.gcMarks,
        allocationSamples: (r) => r.allocationSamples,
      }),
      spread: spreadOf(rs, (r) => r.workMs),
      cpuSpread: rs.every((r) => r.workCpuMs !== undefined) ? spreadOf(rs, (r) => r.workCpuMs) : 'n/a',
    };
  };
  const baseline = stat('inspector idle');
  const orders = runs['inspector idle'][0].orders;
  const cost = (s) => (s.workMs / baseline.workMs - 1) * 100;
  const cpuCost = (s) => (s.workCpuMs === undefined || !baseline.workCpuMs ? undefined : (s.workCpuMs / baseline.workCpuMs - 1) * 100);
  const orNa = (x, f) => (x === undefined ? 'n/a' : f(x));
  const spreadPct = (values) => ((Math.max(...values) - Math.min(...values)) / median(values)) * 100;
  const noise = spreadPct(runs['inspector idle'].map((r) => r.workMs));
  const cpuNoise = baseline.workCpuMs ? spreadPct(runs['inspector idle'].map((r) => r.workCpuMs)) : undefined;

  const rows = [];
  for (const config of configurations) {
    const s = stat(config.id);
    const isBaseline = config.id === 'inspector idle';
    const throughput = (orders / s.workMs) * 1000;
    const what = [
      s.memorySamples !== undefined ? `${s.memorySamples} memory samples, ${s.gcMarks} GC marks` : '',
      s.allocationSamples !== undefined ? `${fmt.count(s.allocationSamples)} allocation samples` : '',
    ]
      .filter(Boolean)
      .join('; ');
    log(
      `B8 ${config.id.padEnd(21)} work ${fmt.s(s.workMs)} (runs ${s.spread}), ${Math.round(throughput).toLocaleString('en-US')} orders/s, ` +
        `main-thread CPU ${orNa(s.workCpuMs, fmt.s)}  cost ${isBaseline ? '(baseline)' : `${fmt.pct(cost(s))} (CPU ${orNa(cpuCost(s), fmt.pct)})`}  ` +
        `peak RSS ${fmt.mib(s.rssKiB)}${what ? `  ${what}` : ''}`,
    );
    rows.push([
      isBaseline ? '**inspector idle** (baseline)' : config.id,
      `${fmt.s(s.workMs)} (${s.spread})`,
      Math.round(throughput).toLocaleString('en-US'),
      isBaseline ? '—' : fmt.pct(cost(s)),
      `${orNa(s.workCpuMs, fmt.s)} (${s.cpuSpread})`,
      isBaseline ? '—' : orNa(cpuCost(s), fmt.pct),
      fmt.mib(s.rssKiB),
      what || '—',
    ]);
  }
  const atDefault = stat('memory @500 ms');
  const verdict =
    `memory sampling at the default 500 ms interval costs ${fmt.pct(cost(atDefault))} of the target's throughput ` +
    `(main-thread CPU ${orNa(cpuCost(atDefault), fmt.pct)}); the allocation sampler at its default ${fmt.pct(cost(stat('allocations')))} ` +
    `(CPU ${orNa(cpuCost(stat('allocations')), fmt.pct)})`;
  const noiseText =
    REPS < 2
      ? 'one run per configuration: no estimate of the noise'
      : `identical baseline runs varied by ${noise.toFixed(1)} % in work time` +
        (cpuNoise === undefined ? '' : ` and ${cpuNoise.toFixed(1)} % in main-thread CPU`) +
        ', so differences below that are not significant';
  log(`B8 ${verdict}.`);
  log(`B8 noise: ${noiseText}.`);

  const markdown = [
    `Input: \`${path.relative(ROOT, WORKLOAD)}\`, ${fmt.count(orders)} orders (checksum ${checksum} in every run), handled in event-loop turns of 100 like a server. ` +
      `${REPS} runs per configuration, interleaved and rotated; medians. Samplers are the engine's own (\`startMemorySampler\`, \`startAllocationSampler\`) on a real inspector session. ` +
      `**Work** = the workload's performance.now() around its work; **main-thread CPU** = utime+stime of its JS thread over the same span (/proc, 10 ms ticks) — ` +
      `what the collector, the inspector's message handling and the heap profiler make that thread do, without time lost to other processes. Costs are against *inspector idle*.`,
    '',
    markdownTable(
      ['configuration', 'work, median (min–max)', 'orders/s', 'cost (work)', 'main-thread CPU (min–max)', 'cost (CPU)', 'peak RSS', 'recorded'],
      rows,
    ),
    '',
    `Result: ${verdict}.`,
    '',
    `Noise: ${noiseText}.`,
  ].join('\n');
  const idle = await idleCost(core, log);
  return { name: 'b8', title: 'B8 — memory sampling cost on the target', markdown: `${markdown}\n\n${idle.markdown}`, runs: { busy: runs, idle: idle.runs } };
}

/** The CPU an idle target uses under each configuration: the cost of sampling itself. */
async function idleCost(core, log) {
  const configs = configurations.filter((c) => c.inspector);
  log(`B8 idle target: ${IDLE_SECONDS} s doing nothing, ${IDLE_REPS} interleaved runs of each of ${configs.map((c) => c.id).join(', ')}`);
  const runs = Object.fromEntries(configs.map((c) => [c.id, []]));
  for (let rep = 0; rep < IDLE_REPS; rep++) {
    for (const config of configs.map((_, i) => configs[(i + rep) % configs.length])) {
      const r = await runOnce(config, core, ['idle', String(IDLE_SECONDS)], 'B8-IDLE');
      runs[config.id].push(r);
      log(
        `  idle run ${rep + 1}/${IDLE_REPS} ${config.id.padEnd(21)} process CPU ${fmt.ms(r.cpuUs / 1000)}  main-thread CPU ${r.mainThreadCpuMs === undefined ? 'n/a' : fmt.ms(r.mainThreadCpuMs)}`,
      );
    }
  }
  /** ms of CPU per second of wall time = ‰ of one core; /10 gives %. */
  const perSecond = (id) => median(runs[id].map((r) => r.cpuUs / 1000 / (r.ms / 1000)));
  const base = perSecond('inspector idle');
  const rows = configs.map((config) => {
    const own = perSecond(config.id);
    const polls = median(runs[config.id].map((r) => r.memorySamples ?? 0));
    const extraMsPerS = own - base;
    const perPoll = polls > 0 ? `${((extraMsPerS * IDLE_SECONDS) / polls).toFixed(2)} ms` : '—';
    log(
      `B8 idle ${config.id.padEnd(21)} ${own.toFixed(2)} ms CPU/s (${(own / 10).toFixed(3)} % of a core)  extra vs inspector idle ${extraMsPerS.toFixed(2)} ms/s (${(extraMsPerS / 10).toFixed(3)} %)${polls ? `, ${polls} polls, ~${perPoll} per poll` : ''}`,
    );
    return [
      config.id,
      `${own.toFixed(2)} ms/s`,
      config.id === 'inspector idle' ? '—' : `${extraMsPerS >= 0 ? '+' : ''}${extraMsPerS.toFixed(2)} ms/s (${(extraMsPerS / 10).toFixed(3)} % of a core)`,
      polls ? String(polls) : '—',
      perPoll,
    ];
  });
  const markdown = [
    `**Idle target** (\`b8-workload.js idle ${IDLE_SECONDS}\`: ${IDLE_SECONDS} s doing nothing; ${IDLE_REPS} runs each, interleaved; medians): CPU the whole target process used, per second. ` +
      `With nothing else running this is the cost of sampling itself (the collector's event-loop-delay timer and GC observer, each poll's evaluate and its reply), unaffected by other processes' load.`,
    '',
    markdownTable(['configuration', 'target CPU', 'extra', 'polls', 'per poll (extra CPU / polls)'], rows),
  ].join('\n');
  return { markdown, runs };
}

module.exports = { main };

if (require.main === module) {
  main().catch((error) => {
    console.error(error);
    process.exitCode = 1;
  });
}
