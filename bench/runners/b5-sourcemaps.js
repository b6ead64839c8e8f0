'use strict';
/**
 * B5 — source-map resolution of a profile's frames.
 *
 * Input (generated, never downloaded): the TypeScript compiler from the root node_modules,
 * minified by esbuild with a source map (~700k mapping segments, ~14 MB of map including
 * sourcesContent), plus 100k generated frames: 20k distinct positions on real mapped segments,
 * repeated with a Zipf-like skew (a few hot functions, a long tail), as a CPU profile's call
 * frames would be.
 *
 * Each tool runs in its own child process so peak RSS is its own and nothing is JIT-warm:
 *   cold = parse the map + resolve all 100k frames once;
 *   warm = resolve the same 100k frames again, several passes; lookups/s of the median pass.
 * Rounds are interleaved across tools (tool A, B, C, A, B, C, ...) to spread machine noise;
 * the median round is reported.
 *
 * Run as `node bench/runners/b5-sourcemaps.js` for the whole benchmark, or through bench/run.js.
 */
const fs = require('node:fs');
const path = require('node:path');
const { performance } = require('node:perf_hooks');
const { ROOT, INPUTS_DIR, prng, run, tagged, median, fmt, markdownTable, lowerBound, readJson } = require('../lib');

const SCRIPT = path.join(INPUTS_DIR, 'typescript.min.js');
const MAP = SCRIPT + '.map';
const FRAMES = path.join(INPUTS_DIR, 'b5-frames.bin');
const META = path.join(INPUTS_DIR, 'b5-meta.json');

const SEED = 0xb5b5b5;
const FRAME_COUNT = 100_000;
const DISTINCT_POSITIONS = 20_000;
/** Zipf exponent of the frame distribution: ~1 is what call-frame popularity looks like. */
const ZIPF_S = 1.0;
const ROUNDS = 3;
const WARM_PASSES = 15;

const TOOLS = ['flamelens', 'trace-mapping', 'source-map'];
const TARGET_COLD_MS = 150;
const TARGET_WARM_RATE = 3e6;

// The same trace-mapping that FlameLens wraps (the root project's dependency), so the
// comparison isolates what FlameLens adds or saves on top of it.
const traceMappingPath = require.resolve('@jridgewell/trace-mapping', { paths: [ROOT] });

// ---------------------------------------------------------------------------------------------
// Inputs

/** Builds the minified script + map and the frames, unless they are already there and current. */
function ensureInputs() {
  const esbuild = require('esbuild');
  const tsPackage = require(require.resolve('typescript/package.json', { paths: [ROOT] }));
  const tsFile = require.resolve('typescript/lib/typescript.js', { paths: [ROOT] });
  const wanted = { typescript: tsPackage.version, esbuild: esbuild.version, seed: SEED, frames: FRAME_COUNT, distinct: DISTINCT_POSITIONS, zipf: ZIPF_S };
  const existing = readJson(META);
  if (existing && Object.keys(wanted).every((k) => existing[k] === wanted[k]) && [SCRIPT, MAP, FRAMES].every((f) => fs.existsSync(f))) {
    return existing;
  }
  fs.mkdirSync(INPUTS_DIR, { recursive: true });
  // bundle: false — one file in, one file out; the point is a big, real-world minified map.
  esbuild.buildSync({ entryPoints: [tsFile], outfile: SCRIPT, bundle: false, minify: true, sourcemap: true, logLevel: 'warning' });

  const { TraceMap, decodedMappings } = require(traceMappingPath);
  const mapped = []; // [line1, column0] of every segment that names an original position
  let segments = 0;
  decodedMappings(new TraceMap(fs.readFileSync(MAP, 'utf8'))).forEach((line, index) => {
    for (const segment of line) {
      segments++;
      if (segment.length >= 4) mapped.push(index + 1, segment[0]);
    }
  });

  const random = prng(SEED);
  // 20k distinct positions chosen uniformly among the mapped segments...
  const chosen = new Set();
  while (chosen.size < DISTINCT_POSITIONS) chosen.add(Math.floor(random() * (mapped.length / 2)));
  const positions = [...chosen];
  // ...then every one once (so all 20k are really used) and the rest drawn by rank with a
  // Zipf-like skew: rank r has weight 1 / r^s.
  const cumulative = new Float64Array(positions.length);
  let total = 0;
  for (let r = 0; r < positions.length; r++) cumulative[r] = total += 1 / Math.pow(r + 1, ZIPF_S);
  const picks = positions.map((_, r) => r);
  while (picks.length < FRAME_COUNT) picks.push(lowerBound(cumulative, random() * total));
  for (let i = picks.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [picks[i], picks[j]] = [picks[j], picks[i]];
  }
  const frames = new Int32Array(FRAME_COUNT * 2);
  picks.forEach((rank, i) => {
    frames[2 * i] = mapped[2 * positions[rank]];
    frames[2 * i + 1] = mapped[2 * positions[rank] + 1];
  });
  fs.writeFileSync(FRAMES, frames);

  const hottest = picks.filter((r) => r === 0).length;
  const meta = {
    ...wanted,
    segments,
    mappedSegments: mapped.length / 2,
    generatedLines: fs.readFileSync(SCRIPT, 'utf8').split('\n').length,
    scriptBytes: fs.statSync(SCRIPT).size,
    mapBytes: fs.statSync(MAP).size,
    hottestShare: hottest / FRAME_COUNT,
  };
  fs.writeFileSync(META, JSON.stringify(meta, null, 2));
  return meta;
}

// ---------------------------------------------------------------------------------------------
// Child: one tool, one fresh process

/**
 * Each tool's setup: parse the map text and return `resolve(line1, column0, i)`, which stores
 * the original 1-based line and 0-based column of frame i (or -1) in the output arrays.
 * Frames come as the profile has them; conversions each tool needs are part of its cost.
 */
const setups = {
  async flamelens(mapText, out) {
    const { SourceMapResolver } = require(path.join(ROOT, 'out/src/core/sources/sourceMaps.js'));
    // The map comes through the resolver's own path: the script declares a relative map URL
    // and the resolver reads it (from memory here: file I/O is not what is compared).
    const resolver = new SourceMapResolver({ readFile: async (file) => (file === MAP ? mapText : undefined) });
    const map = await resolver.mapFor(SCRIPT, path.basename(MAP));
    if (!map) throw new Error('FlameLens found no source map');
    return (line, column, i) => {
      const p = map.originalPosition(line, column + 1); // FlameLens columns are 1-based
      out.lines[i] = p ? p.line : -1;
      out.columns[i] = p ? p.column - 1 : -1;
    };
  },
  async 'trace-mapping'(mapText, out) {
    const { TraceMap, originalPositionFor } = require(traceMappingPath);
    const map = new TraceMap(mapText, require('node:url').pathToFileURL(MAP).href);
    return (line, column, i) => {
      const p = originalPositionFor(map, { line, column });
      out.lines[i] = p.source === null ? -1 : p.line;
      out.columns[i] = p.source === null ? -1 : p.column;
    };
  },
  async 'source-map'(mapText, out) {
    const { SourceMapConsumer } = require('source-map');
    // 0.7.x parses the mappings (in WebAssembly) lazily, on the first lookup: inside the cold pass.
    const consumer = await new SourceMapConsumer(mapText, require('node:url').pathToFileURL(MAP).href);
    out.dispose = () => consumer.destroy();
    return (line, column, i) => {
      const p = consumer.originalPositionFor({ line, column });
      out.lines[i] = p.source === null ? -1 : p.line;
      out.columns[i] = p.source === null ? -1 : p.column;
    };
  },
};

async function child(tool, resultFile) {
  const raw = fs.readFileSync(FRAMES);
  const frames = new Int32Array(raw.buffer, raw.byteOffset, raw.byteLength / 4);
  const n = frames.length / 2;
  const mapText = fs.readFileSync(MAP, 'utf8'); // outside the measured section
  const out = { lines: new Int32Array(n), columns: new Int32Array(n) };
  const baselineKiB = process.resourceUsage().maxRSS;

  // Phases of the cold pass, to see where time goes: every tool here decodes the mappings
  // lazily, so the first lookup carries the decode.
  const started = performance.now();
  const resolve = await setups[tool](mapText, out);
  const parsed = performance.now();
  resolve(frames[0], frames[1], 0);
  const firstDone = performance.now();
  for (let i = 1; i < n; i++) resolve(frames[2 * i], frames[2 * i + 1], i);
  const coldMs = performance.now() - started;
  const phases = { parseMs: parsed - started, firstLookupMs: firstDone - parsed, restMs: coldMs - (firstDone - started) };
  const coldRssKiB = process.resourceUsage().maxRSS;
  fs.writeFileSync(resultFile, Buffer.concat([Buffer.from(out.lines.buffer), Buffer.from(out.columns.buffer)]));

  const passMs = [];
  for (let pass = 0; pass < WARM_PASSES; pass++) {
    const t = performance.now();
    for (let i = 0; i < n; i++) resolve(frames[2 * i], frames[2 * i + 1], i);
    passMs.push(performance.now() - t);
  }
  const peakRssKiB = process.resourceUsage().maxRSS;
  out.dispose?.();
  console.log('B5-CHILD ' + JSON.stringify({ tool, frames: n, coldMs, phases, passMs, baselineKiB, coldRssKiB, peakRssKiB }));
}

// ---------------------------------------------------------------------------------------------
// Parent: inputs, interleaved rounds, correctness, report

async function main({ log = console.log } = {}) {
  const meta = ensureInputs();
  log(
    `B5 input: ${path.relative(ROOT, SCRIPT)} (TypeScript ${meta.typescript}, esbuild ${meta.esbuild}): ` +
      `${fmt.count(meta.segments)} mapping segments (${fmt.count(meta.mappedSegments)} with an original position) ` +
      `on ${meta.generatedLines} generated lines; map ${(meta.mapBytes / 2 ** 20).toFixed(1)} MiB with sourcesContent; ` +
      `${fmt.count(meta.frames)} frames over ${fmt.count(meta.distinct)} distinct positions ` +
      `(Zipf s=${meta.zipf}, hottest position ${(meta.hottestShare * 100).toFixed(1)} % of frames, seed 0x${SEED.toString(16)})`,
  );

  const samples = Object.fromEntries(TOOLS.map((t) => [t, []]));
  const resultFile = (tool) => path.join(INPUTS_DIR, `b5-result-${tool}.bin`);
  for (let round = 0; round < ROUNDS; round++) {
    for (const tool of TOOLS) {
      const { stdout } = await run(process.execPath, [__filename, '--child', tool, resultFile(tool)]);
      samples[tool].push(tagged(stdout, 'B5-CHILD'));
    }
  }

  const stats = {};
  for (const tool of TOOLS) {
    const runs = samples[tool];
    const med = (pick) => median(runs.map(pick));
    stats[tool] = {
      coldMs: med((r) => r.coldMs),
      parseMs: med((r) => r.phases.parseMs),
      firstLookupMs: med((r) => r.phases.firstLookupMs),
      restMs: med((r) => r.phases.restMs),
      coldRssKiB: med((r) => r.coldRssKiB),
      peakRssKiB: med((r) => r.peakRssKiB),
      baselineKiB: med((r) => r.baselineKiB),
      // Median pass of each round, then median over rounds: robust to a GC or a noisy neighbour.
      warmRate: med((r) => r.frames / (median(r.passMs) / 1000)),
    };
  }

  // Correctness: FlameLens must agree with trace-mapping on every frame (same library under
  // it, so any difference is a bug in the wrapper: keys, 1-based columns, memoization).
  const results = Object.fromEntries(TOOLS.map((t) => [t, readResults(resultFile(t))]));
  const mismatches = (a, b) => {
    let count = 0;
    for (let i = 0; i < a.lines.length; i++) if (a.lines[i] !== b.lines[i] || a.columns[i] !== b.columns[i]) count++;
    return count;
  };
  const correctness = {
    flamelensVsTraceMapping: mismatches(results.flamelens, results['trace-mapping']),
    sourceMapVsTraceMapping: mismatches(results['source-map'], results['trace-mapping']),
    unresolved: results['trace-mapping'].lines.filter((l) => l < 0).length,
  };

  // Every ratio is ours / peer in time (for warm: time per lookup = peer lookups/s ÷ ours), lower is better.
  const peers = ['trace-mapping', 'source-map'];
  const ours = stats.flamelens;
  const coldRatios = peers.map((p) => `${fmt.ratio(ours.coldMs, stats[p].coldMs)} vs ${p}`);
  const warmRatios = peers.map((p) => `${fmt.ratio(stats[p].warmRate, ours.warmRate)} vs ${p}`);
  for (const tool of TOOLS) {
    const s = stats[tool];
    const isOurs = tool === 'flamelens';
    log(
      `B5 cold  ${tool.padEnd(13)} wall ${fmt.s(s.coldMs)}  peak RSS ${fmt.mib(s.coldRssKiB).padStart(10)}  ` +
        `(parse ${fmt.ms(s.parseMs)}, 1st lookup ${fmt.ms(s.firstLookupMs)}, other ${fmt.count(FRAME_COUNT - 1)} ${fmt.ms(s.restMs)})  ` +
        (isOurs ? `ratio ours/peer (time): ${coldRatios.join(', ')}` : '(peer)'),
    );
    log(
      `B5 warm  ${tool.padEnd(13)} ${fmt.rate(s.warmRate)} lookups = ${(1e9 / s.warmRate).toFixed(0)} ns each  peak RSS ${fmt.mib(s.peakRssKiB).padStart(10)}  ` +
        (isOurs ? `ratio ours/peer (time per lookup): ${warmRatios.join(', ')}` : '(peer)'),
    );
  }
  log(
    `B5 correctness: FlameLens vs trace-mapping mismatches ${correctness.flamelensVsTraceMapping} of ${fmt.count(meta.frames)}` +
      ` (must be 0); source-map vs trace-mapping ${correctness.sourceMapVsTraceMapping}; frames trace-mapping could not resolve ${correctness.unresolved}`,
  );

  const verdicts = [
    `cold ${fmt.ms(ours.coldMs)} vs target ≤ ${TARGET_COLD_MS} ms: **${ours.coldMs <= TARGET_COLD_MS ? 'met' : 'MISSED'}**`,
    `warm ${fmt.rate(ours.warmRate)} vs target ≥ ${fmt.rate(TARGET_WARM_RATE)}: **${ours.warmRate >= TARGET_WARM_RATE ? 'met' : 'MISSED'}**`,
    `mismatches vs trace-mapping ${correctness.flamelensVsTraceMapping}: **${correctness.flamelensVsTraceMapping === 0 ? 'ok' : 'WRONG'}**`,
  ];
  log(`B5 FlameLens targets: ${verdicts.join('; ').replace(/\*\*/g, '')}`);

  const table = markdownTable(
    [
      'tool',
      'cold wall (parse + 100k frames)',
      'parse / 1st lookup / other lookups',
      'cold peak RSS',
      'warm lookups/s',
      'peak RSS after warm',
      'cold ratio ours/peer',
      'warm ratio ours/peer (time per lookup)',
    ],
    TOOLS.map((tool) => {
      const s = stats[tool];
      const isOurs = tool === 'flamelens';
      return [
        isOurs ? '**FlameLens**' : tool,
        fmt.ms(s.coldMs),
        `${fmt.ms(s.parseMs)} / ${fmt.ms(s.firstLookupMs)} / ${fmt.ms(s.restMs)}`,
        fmt.mib(s.coldRssKiB),
        fmt.rate(s.warmRate),
        fmt.mib(s.peakRssKiB),
        isOurs ? coldRatios.join('<br>') : 'peer',
        isOurs ? warmRatios.join('<br>') : 'peer',
      ];
    }),
  );
  const markdown = [
    `Input: \`${path.relative(ROOT, SCRIPT)}\` = TypeScript ${meta.typescript} \`lib/typescript.js\` minified by esbuild ${meta.esbuild} ` +
      `(${(meta.scriptBytes / 2 ** 20).toFixed(1)} MiB, ${meta.generatedLines} lines); map ${(meta.mapBytes / 2 ** 20).toFixed(1)} MiB with sourcesContent, ` +
      `**${fmt.count(meta.segments)} mapping segments**. Frames: ${fmt.count(meta.frames)} on ${fmt.count(meta.distinct)} distinct mapped positions, ` +
      `Zipf s=${meta.zipf} (hottest position ${(meta.hottestShare * 100).toFixed(1)} % of frames), seed 0x${SEED.toString(16)}.`,
    '',
    `Each tool in a fresh process; ${ROUNDS} interleaved rounds, medians. Cold = parse the map text (already in memory) + resolve every frame once; ` +
      `all three decode the mappings lazily, so the 1st lookup carries the decode. Warm = ${WARM_PASSES} more passes over the same frames, median pass. ` +
      `RSS = process.resourceUsage().maxRSS of the child (${fmt.mib(ours.baselineKiB)} before parsing: Node + map text + frames). ` +
      `Ratios are ours / peer in time: lower is better.`,
    '',
    table,
    '',
    `Correctness: FlameLens vs trace-mapping **${correctness.flamelensVsTraceMapping} mismatches** of ${fmt.count(meta.frames)} frames ` +
      `(source-map vs trace-mapping ${correctness.sourceMapVsTraceMapping}; unresolved ${correctness.unresolved}).`,
    '',
    `FlameLens targets: ${verdicts.join('; ')}.`,
  ].join('\n');

  return { name: 'b5', title: 'B5 — source-map resolution of 100k profile frames', markdown, stats, correctness, meta };
}

function readResults(file) {
  const raw = fs.readFileSync(file);
  const all = new Int32Array(raw.buffer, raw.byteOffset, raw.byteLength / 4);
  const n = all.length / 2;
  return { lines: all.subarray(0, n), columns: all.subarray(n) };
}

module.exports = { main };

if (require.main === module) {
  const at = process.argv.indexOf('--child');
  if (at >= 0) {
    child(process.argv[at + 1], process.argv[at + 2]).catch((error) => {
      console.error(error);
      process.exitCode = 1;
    });
  } else {
    main().catch((error) => {
      console.error(error);
      process.exitCode = 1;
    });
  }
}
