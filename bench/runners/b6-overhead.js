'use strict';
/**
 * B6 — profiler overhead on the target.
 *
 * Input: bench/workloads/b6-workload.js, a fixed amount of deterministic CPU-bound work (~10 s plain).
 * Configurations, at sampling interval N = 1000 and 100 µs:
 *   plain      node b6-workload.js
 *   --cpu-prof node --cpu-prof --cpu-prof-interval N --cpu-prof-dir <tmp> b6-workload.js   (the peer)
 *   flamelens  node bin/flamelens.js record --interval N --out <tmp>/x.cpuprofile -- node b6-workload.js
 * The compared figure is the workload's own work time (performance.now() around the work,
 * printed by the workload): it excludes FlameLens' start-up and the writing of either
 * profile, which are not overhead on the target. Total wall time (spawn to exit) is shown too.
 * Each configuration runs REPS times, interleaved (and rotated) so that a noisy minute on a
 * shared machine hits every configuration alike; medians are reported.
 */
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { ROOT, BENCH_DIR, run, interleavedRuns, medians, spreadOf, tagged, median, fmt, markdownTable } = require('../lib');

const WORKLOAD = path.join(BENCH_DIR, 'workloads', 'b6-workload.js');
const CLI = path.join(ROOT, 'bin', 'flamelens.js');
const RSS_PROBE = path.join(BENCH_DIR, 'lib', 'report-rss.js');
const INTERVALS_US = [1000, 100];
/** Runs per configuration; B6_REPS=5 (or more) narrows the noise at the cost of time. */
const REPS = Number(process.env.B6_REPS || 3);
/** FlameLens may cost at most this many percentage points more than --cpu-prof (BENCHMARKS.md). */
const TARGET_EXTRA_PP = 2;

const node = process.execPath; // the same Node binary for every configuration
/** B6_ROUNDS=20 makes a quick smoke run (the numbers then mean little); unset = the real workload. */
const WORKLOAD_ARGS = process.env.B6_ROUNDS ? [process.env.B6_ROUNDS] : [];

const configurations = [
  { id: 'plain', tool: 'plain', intervalUs: undefined },
  ...INTERVALS_US.flatMap((intervalUs) => [
    { id: `cpu-prof@${intervalUs}`, tool: '--cpu-prof', intervalUs },
    { id: `flamelens@${intervalUs}`, tool: 'flamelens', intervalUs },
  ]),
];

function commandFor(config, dir) {
  const n = String(config.intervalUs);
  switch (config.tool) {
    case 'plain':
      return [node, WORKLOAD, ...WORKLOAD_ARGS];
    case '--cpu-prof':
      return [node, '--cpu-prof', '--cpu-prof-interval', n, '--cpu-prof-dir', dir, WORKLOAD, ...WORKLOAD_ARGS];
    case 'flamelens':
      return [node, '-r', RSS_PROBE, CLI, 'record', '--interval', n, '--out', path.join(dir, 'x.cpuprofile'), '--', node, WORKLOAD, ...WORKLOAD_ARGS];
  }
  throw new Error(`unknown tool ${config.tool}`);
}

/** Achieved sampling: the median gap between samples, and how many there were. */
function profileStats(dir) {
  const file = fs.readdirSync(dir).find((f) => f.endsWith('.cpuprofile'));
  if (!file) return undefined;
  const profile = JSON.parse(fs.readFileSync(path.join(dir, file), 'utf8'));
  return { medianDeltaUs: median(profile.timeDeltas), samples: profile.samples.length };
}

async function runOnce(config) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'flamelens-b6-'));
  try {
    const [command, ...args] = commandFor(config, dir);
    const result = await run(command, args);
    const work = tagged(result.stdout, 'B6-WORKLOAD');
    const cli = config.tool === 'flamelens' ? tagged(result.stderr, 'BENCH-RSS') : undefined;
    return { ...work, wallMs: result.wallMs, cliRssKiB: cli?.maxRssKiB, profile: profileStats(dir) };
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

async function main({ log = console.log } = {}) {
  log(
    `B6 input: ${path.relative(ROOT, WORKLOAD)} (fixed work${WORKLOAD_ARGS.length ? `, B6_ROUNDS=${WORKLOAD_ARGS[0]}: smoke run only` : ''}), ${REPS} interleaved runs of each of ${configurations.map((c) => c.id).join(', ')}`,
  );
  const { runs, checksum } = await interleavedRuns(configurations, REPS, runOnce, (config, r, rep) =>
    log(
      `  run ${rep + 1}/${REPS} ${config.id.padEnd(15)} work ${fmt.s(r.workMs)}  main-thread CPU ${r.workCpuMs === undefined ? 'n/a' : fmt.s(r.workCpuMs)}  wall ${fmt.s(r.wallMs)}`,
    ),
  );

  const stat = (id) => {
    const figures = medians(runs[id], {
      workMs: (r) => r.workMs,
      workCpuMs: (r) => r.workCpuMs,
      wallMs: (r) => r.wallMs,
      targetRssKiB: (r) => r.maxRssKiB,
      cliRssKiB: (r) => r.cliRssKiB,
      medianDeltaUs: (r) => r.profile?.medianDeltaUs,
      samples: (r) => r.profile?.samples,
    });
    return { ...figures, medianDeltaUs: Math.round(figures.medianDeltaUs), spread: spreadOf(runs[id], (r) => r.workMs) };
  };
  const plain = stat('plain');
  // Overhead on the target, in % of the plain run: by elapsed work time (the figure the
  // target is about), and by the main thread's CPU time as a cross-check that other
  // processes on a shared machine do not inflate (only when /proc gave it).
  const overhead = (s) => (s.workMs / plain.workMs - 1) * 100;
  const cpuOverhead = (s) => (s.workCpuMs === undefined || !plain.workCpuMs ? undefined : (s.workCpuMs / plain.workCpuMs - 1) * 100);
  const orNa = (x, f) => (x === undefined ? 'n/a' : f(x));
  // The same work, unprofiled, varies this much from run to run on this machine: overhead
  // differences smaller than that are not significant.
  const plainWork = runs.plain.map((r) => r.workMs);
  const noisePct = ((Math.max(...plainWork) - Math.min(...plainWork)) / plain.workMs) * 100;
  const plainCpu = runs.plain.map((r) => r.workCpuMs);
  const cpuNoisePct = plain.workCpuMs ? ((Math.max(...plainCpu) - Math.min(...plainCpu)) / plain.workCpuMs) * 100 : undefined;

  log(
    `B6 plain          work ${fmt.s(plain.workMs)} (runs ${plain.spread}; main-thread CPU ${orNa(plain.workCpuMs, fmt.s)})  ` +
      `wall ${fmt.s(plain.wallMs)}  target peak RSS ${fmt.mib(plain.targetRssKiB)}`,
  );
  const rows = [
    [
      'plain',
      '—',
      `${fmt.s(plain.workMs)} (${plain.spread})`,
      '—',
      '—',
      orNa(plain.workCpuMs, fmt.s),
      '—',
      '—',
      fmt.s(plain.wallMs),
      fmt.mib(plain.targetRssKiB),
      '—',
      '—',
      '—',
    ],
  ];
  const verdicts = [];
  for (const intervalUs of INTERVALS_US) {
    const peer = stat(`cpu-prof@${intervalUs}`);
    const ours = stat(`flamelens@${intervalUs}`);
    const extraPp = overhead(ours) - overhead(peer);
    const extraCpuPp = cpuOverhead(ours) === undefined || cpuOverhead(peer) === undefined ? undefined : cpuOverhead(ours) - cpuOverhead(peer);
    verdicts.push(
      `@${intervalUs} µs: FlameLens ${fmt.pct(overhead(ours))} vs --cpu-prof ${fmt.pct(overhead(peer))} = ${fmt.pp(extraPp)} ` +
        `(target ≤ +${TARGET_EXTRA_PP} pp): **${extraPp <= TARGET_EXTRA_PP ? 'met' : 'MISSED'}**` +
        (extraCpuPp === undefined ? '' : ` (by main-thread CPU: ${fmt.pp(extraCpuPp)})`),
    );
    for (const [name, s] of [
      ['--cpu-prof', peer],
      ['flamelens', ours],
    ]) {
      const isOurs = s === ours;
      log(
        `B6 @${String(intervalUs).padEnd(4)} µs ${name.padEnd(10)} work ${fmt.s(s.workMs)} (runs ${s.spread}; main-thread CPU ${orNa(s.workCpuMs, fmt.s)})  ` +
          `wall ${fmt.s(s.wallMs)}  target peak RSS ${fmt.mib(s.targetRssKiB)}${isOurs ? `, CLI peak RSS ${fmt.mib(s.cliRssKiB)}` : ''}  ` +
          `overhead ${fmt.pct(overhead(s))} (CPU ${orNa(cpuOverhead(s), fmt.pct)})  achieved interval ${s.medianDeltaUs} µs, ${fmt.count(s.samples)} samples  ` +
          (isOurs ? `ratio ours/peer (work time) ${fmt.ratio(ours.workMs, peer.workMs)} = ${fmt.pp(extraPp)}` : '(peer)'),
      );
      rows.push([
        isOurs ? '**FlameLens**' : '`--cpu-prof`',
        `${intervalUs} µs`,
        `${fmt.s(s.workMs)} (${s.spread})`,
        fmt.pct(overhead(s)),
        isOurs ? `**${fmt.pp(extraPp)}**` : '—',
        orNa(s.workCpuMs, fmt.s),
        orNa(cpuOverhead(s), fmt.pct),
        isOurs ? orNa(extraCpuPp, fmt.pp) : '—',
        fmt.s(s.wallMs),
        fmt.mib(s.targetRssKiB) + (isOurs ? ` (CLI ${fmt.mib(s.cliRssKiB)})` : ''),
        isOurs ? fmt.ratio(ours.workMs, peer.workMs) : 'peer',
        `${s.medianDeltaUs} µs`,
        fmt.count(s.samples),
      ]);
    }
  }
  const noise =
    REPS < 2
      ? 'one run per configuration: no estimate of the noise, do not trust differences of a few %'
      : `identical plain runs varied by ${noisePct.toFixed(1)} % of their median in work time` +
        (cpuNoisePct === undefined ? '' : ` (${cpuNoisePct.toFixed(1)} % in main-thread CPU)`) +
        ', so differences below that are not significant';
  log(`B6 FlameLens targets: ${verdicts.join('; ').replace(/\*\*/g, '')}`);
  log(`B6 noise: ${noise}`);

  const markdown = [
    `Input: \`${path.relative(ROOT, WORKLOAD)}\`, a fixed amount of deterministic work (checksum ${checksum} in every run). ` +
      `${REPS} runs per configuration, interleaved and rotated; medians. **Work** = the workload's own performance.now() around its work ` +
      `(excludes FlameLens start-up and profile writing); overheads are against plain. **Main-thread CPU** = utime+stime of the workload's ` +
      `JS thread over the same span (/proc, 10 ms ticks): it includes what the profiler makes that thread do but not time lost to other processes. ` +
      `**Wall** = spawn to exit of the whole command. Peak RSS = the workload's maxRSS at the end of its work (before --cpu-prof writes its file); ` +
      `CLI = the flamelens process itself. Achieved interval = median of the profile's timeDeltas.`,
    '',
    markdownTable(
      [
        'tool',
        'interval',
        'work, median (min–max)',
        'overhead',
        'vs --cpu-prof',
        'main-thread CPU',
        'CPU overhead',
        'vs --cpu-prof (CPU)',
        'wall',
        'peak RSS',
        'ratio ours/peer (work)',
        'achieved interval',
        'samples',
      ],
      rows,
    ),
    '',
    `FlameLens targets: ${verdicts.join('; ')}.`,
    '',
    `Noise: ${noise}.`,
  ].join('\n');

  return { name: 'b6', title: 'B6 — profiler overhead on the target', markdown, runs };
}

module.exports = { main };

if (require.main === module) {
  main().catch((error) => {
    console.error(error);
    process.exitCode = 1;
  });
}
