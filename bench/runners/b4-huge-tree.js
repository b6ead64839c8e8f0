'use strict';
/**
 * B4 — flamegraph interactivity on a huge call tree, in a real (headless) Chromium.
 *
 * Inputs: the call trees of two generated profiles (bench/generators/gen-profiles.js, fixed seeds, shared
 * with B3): 100k nodes (gen-100k-r50) and 300k nodes (gen-300k-r90).
 *
 * FlameLens, the real path: the forked host (bench/browser/flamelens-host.js) opens the profile through
 * AnalysisClient and the webview (dist/profile.js) gets profile/loaded, then — once that is
 * drawn — views/data with the pruned tree that ProfileAnalysis.flame(null) builds.
 * Peer: stock d3-flame-graph (UMD build on d3) fed the FULL tree as {name, value, children}
 * (total values, converted from the same profile), with default options and with minFrameSize
 * 1 and 5 px. Every chart gets the same width (the FlameLens panel's).
 *
 * First render: from views/data reaching the webview (message event) / from the chart call, to
 * the first rendered frame with a `.flame g.frame` ("in DOM"), and to the first rendered frame
 * where a frame rectangle has a width ("visible": d3-flame-graph widens new rectangles by a
 * transition delayed by half its transition duration). Parsing the data is not timed for
 * either tool. Zoom: click the widest frame at half the deepest drawn depth (bench/browser/pages/probe.js):
 * synchronous handler, click → next rendered frame, and click → animation settled. FlameLens
 * then resets the zoom and clicks the widest frame (half depth or deeper) whose children it
 * had pruned: the webview asks the host for the subtree (flame/expand → flame/subtree), and
 * that round trip is timed too. DOM nodes =
 * document.querySelectorAll('*').length (the page), and '.flame *' (the flamegraph alone).
 *
 * Each (input, configuration) runs in a fresh Node process with a fresh Chromium.
 */
const fs = require('node:fs');
const path = require('node:path');
const { ROOT, INPUTS_DIR, sourceState, run, tagged, median, fmt, markdownTable, peerVersion } = require('../lib');
const { childOrMain, watchdog } = require('../browser/harness');
const { measureFlameLens, measureD3, RENDER_TIMEOUT_MS, ZOOM_LIMIT_MS } = require('./b4-measure');
const { ensureProfiles } = require('../generators/gen-profiles');

const INPUTS = { '100k': 'gen-100k-r50', '300k': 'gen-300k-r90' };
const CONFIGS = [
  { id: 'flamelens', label: 'FlameLens (pruned tree from ProfileAnalysis)' },
  { id: 'd3-default', label: 'd3-flame-graph, default options', minFrameSize: undefined },
  { id: 'd3-min1', label: 'd3-flame-graph, minFrameSize 1 px', minFrameSize: 1 },
  { id: 'd3-min5', label: 'd3-flame-graph, minFrameSize 5 px', minFrameSize: 5 },
];
/** Runs per configuration (medians); d3-flame-graph with default options takes ~1 min a run at 300k and runs once. */
const RUNS = Number(process.env.B4_RUNS || 3);
const TARGET_RENDER_MS = 200;
const TARGET_ZOOM_MS = 50;
const TARGET_DOM_NODES = 2000;

// ---------------------------------------------------------------------------------------------
// The peer's input: the full call tree as d3-flame-graph wants it

/** {name, value, children} with value = total samples, written next to the profile once. */
function ensureD3Tree(profileFile) {
  const out = path.join(INPUTS_DIR, `b4-${path.basename(profileFile, '.cpuprofile')}.d3.json`);
  if (fs.existsSync(out) && fs.statSync(out).mtimeMs >= fs.statSync(profileFile).mtimeMs) return out;
  const profile = JSON.parse(fs.readFileSync(profileFile, 'utf8'));
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const self = new Map();
  for (const id of profile.samples) self.set(id, (self.get(id) ?? 0) + 1);
  const children = new Set(profile.nodes.flatMap((n) => n.children ?? []));
  const root = profile.nodes.find((n) => !children.has(n.id));
  // Iterative post-order (trees are 100 deep; recursion would do, but this never overflows).
  const converted = new Map();
  const stack = [[root, false]];
  while (stack.length > 0) {
    const [node, done] = stack.pop();
    if (!done) {
      stack.push([node, true]);
      for (const c of node.children ?? []) stack.push([byId.get(c), false]);
      continue;
    }
    const kids = (node.children ?? []).map((c) => converted.get(c)).filter((c) => c.value > 0);
    const value = (self.get(node.id) ?? 0) + kids.reduce((sum, c) => sum + c.value, 0);
    const f = node.callFrame;
    const name = node === root ? 'all' : f.functionName || '(anonymous)';
    converted.set(node.id, kids.length ? { name, value, children: kids } : { name, value });
  }
  fs.writeFileSync(out, JSON.stringify(converted.get(root.id)));
  return out;
}

function countNodes(tree) {
  let count = 0;
  const stack = [tree];
  while (stack.length) {
    const n = stack.pop();
    count++;
    if (n.children) stack.push(...n.children);
  }
  return count;
}

// ---------------------------------------------------------------------------------------------
// Child: one configuration, one input, fresh Node + Chromium (the measurements: b4-measure.js)

async function child(configId, profileFile) {
  watchdog(RENDER_TIMEOUT_MS + 2 * ZOOM_LIMIT_MS + 60_000);
  const config = CONFIGS.find((c) => c.id === configId);
  const result = config.id === 'flamelens' ? await measureFlameLens(profileFile) : await measureD3(ensureD3Tree(profileFile), config.minFrameSize);
  console.log('B4-CHILD ' + JSON.stringify({ config: configId, ...result }));
}

// ---------------------------------------------------------------------------------------------
// Parent

async function main({ log = console.log } = {}) {
  const stateBefore = sourceState();
  const profiles = await ensureProfiles(Object.values(INPUTS), log);
  const rows = [];
  const results = {};
  const verdicts = [];
  for (const [size, name] of Object.entries(INPUTS)) {
    const file = profiles[name].file;
    const treeFile = ensureD3Tree(file);
    const treeNodes = countNodes(JSON.parse(fs.readFileSync(treeFile, 'utf8')));
    log(
      `B4 input ${size}: ${path.relative(ROOT, file)} → ${fmt.count(treeNodes)}-node tree for d3-flame-graph (${(fs.statSync(treeFile).size / 1e6).toFixed(1)} MB JSON)`,
    );
    results[size] = {};
    const runs = Object.fromEntries(CONFIGS.map((c) => [c.id, []]));
    for (let round = 0; round < RUNS; round++) {
      for (const config of CONFIGS) {
        if (config.id === 'd3-default' && round > 0) continue;
        const r = await runChild(config.id, file, log);
        runs[config.id].push(r);
        log(`B4 ${size} ${config.id.padEnd(10)} ${describe(r)}`);
      }
    }
    for (const config of CONFIGS) results[size][config.id] = { ...medianDeep(runs[config.id]), runs: runs[config.id].length };
    const ours = results[size].flamelens;
    const peerDefault = results[size]['d3-default'];
    for (const config of CONFIGS) {
      const r = results[size][config.id];
      const isOurs = config.id === 'flamelens';
      const ratio = (get) => {
        if (isOurs) return '';
        const o = get(ours);
        const p = get(r);
        return o === undefined || p === undefined ? '' : ` (ours/this ${fmt.ratio(o, p)})`;
      };
      rows.push([
        config === CONFIGS[0] ? `${size}<br>${fmt.count(treeNodes)} nodes` : '',
        (isOurs
          ? `**${config.label}**<br>${fmt.count(r.treeFrames)} frames sent (${(r.flameBytes / 1e6).toFixed(2)} MB), built in the worker in ≤ ${fmt.ms(r.viewsMs)}`
          : config.label) + `<br>${r.runs} run${r.runs > 1 ? 's, medians' : ''}`,
        r.first.timedOut ? `> ${fmt.s(RENDER_TIMEOUT_MS)}` : `${fmt.ms(r.first.drawnMs)}${ratio((x) => x.first.drawnMs)}`,
        r.first.timedOut ? '' : `${fmt.ms(r.first.visibleMs)}${ratio((x) => x.first.visibleMs)}`,
        r.first.timedOut
          ? ''
          : `${fmt.count(r.first.frames)} / ${fmt.count(r.first.flameNodes)} / ${fmt.count(r.first.domNodes)}${r.first.builds > 1 ? ` (chart built ${r.first.builds}×)` : ''}`,
        r.zoom
          ? `${fmt.ms(r.zoom.syncMs)} / **${fmt.ms(r.zoom.frameMs)}**${ratio((x) => x.zoom?.frameMs)} / ${r.zoom.settledMs === undefined ? `> ${fmt.s(ZOOM_LIMIT_MS)}` : fmt.ms(r.zoom.settledMs)}`
          : '—',
        r.zoom ? `depth ${r.zoom.depth} of ${r.zoom.maxDepth}, ${(r.zoom.share * 100).toFixed(1)} % wide, "${r.zoom.name}"` : '',
        r.zoom ? `${fmt.count(r.zoom.frames)} / ${fmt.count(r.zoom.flameNodes)} / ${fmt.count(r.zoom.domNodes)}` : '',
        isOurs ? describeExpand(r.expand) : '',
      ]);
      if (isOurs && r.zoomPruned) {
        const z = r.zoomPruned;
        rows.push([
          '',
          '**FlameLens**, zoom into a frame whose children were pruned',
          '',
          '',
          '',
          `${fmt.ms(z.syncMs)} / **${fmt.ms(z.frameMs)}** / ${z.settledMs === undefined ? `> ${fmt.s(ZOOM_LIMIT_MS)}` : fmt.ms(z.settledMs)}`,
          `depth ${z.depth} of ${z.maxDepth}, ${(z.share * 100).toFixed(1)} % wide, "${z.name}", ${z.hidden} children pruned`,
          `${fmt.count(z.frames)} / ${fmt.count(z.flameNodes)} / ${fmt.count(z.domNodes)}`,
          describeExpand(z.expand),
        ]);
      }
    }
    if (size === '300k') {
      verdicts.push(
        `first render ${fmt.ms(ours.first.visibleMs)} (visible; ${fmt.ms(ours.first.drawnMs)} in DOM) vs ≤ ${TARGET_RENDER_MS} ms: ${ours.first.visibleMs <= TARGET_RENDER_MS ? 'met' : 'MISSED'}`,
      );
      verdicts.push(
        `zoom ${fmt.ms(ours.zoom.frameMs)} (click → next frame) vs ≤ ${TARGET_ZOOM_MS} ms: ${ours.zoom.frameMs <= TARGET_ZOOM_MS ? 'met' : 'MISSED'}`,
      );
      verdicts.push(
        `DOM ${fmt.count(Math.max(ours.first.domNodes, ours.zoom.domNodes))} nodes in the page (${fmt.count(ours.first.flameNodes)} in the flamegraph) vs ≤ 2k: ${Math.max(ours.first.domNodes, ours.zoom.domNodes) <= TARGET_DOM_NODES ? 'met' : 'MISSED'}`,
      );
      if (peerDefault.first.drawnMs) verdicts.push(`vs d3-flame-graph default: first render ${fmt.ratio(ours.first.visibleMs, peerDefault.first.visibleMs)}`);
    }
  }
  log(`B4 FlameLens targets at 300k nodes: ${verdicts.join('; ')}`);

  const table = markdownTable(
    [
      'tree',
      'tool',
      'first render: in DOM',
      'first render: visible',
      'g.frame / flamegraph DOM nodes / page DOM nodes',
      'zoom: handler / **next frame** / settled',
      'clicked frame',
      'after zoom: g.frame / flamegraph / page DOM nodes',
      'subtree fetch (FlameLens)',
    ],
    rows,
  );
  const stateAfter = sourceState();
  const state = stateBefore.line === stateAfter.line ? stateBefore.line : `${stateBefore.line} — CHANGED during the run (someone rebuilt): ${stateAfter.line}`;
  log(`B4 ${state}`);
  const markdown = [
    `${state}.`,
    '',
    `Trees: the call trees of \`bench/inputs/b3-gen-100k-r50.cpuprofile\` and \`b3-gen-300k-r90.cpuprofile\` (\`bench/generators/gen-profiles.js\`, fixed seeds). FlameLens gets them the real way (forked host → \`AnalysisClient\` → \`views/data\` with \`flame(null)\`'s pruned tree → webview); ` +
      `d3-flame-graph ${peerVersion('d3-flame-graph')} (UMD, d3 ${peerVersion('d3')}) gets the full tree converted to {name, value, children} (total samples). Same chart width for all (the FlameLens panel's: ${results['100k'].flamelens.first.width} px at a 1280×900 viewport), headless Chromium with software rendering, a fresh browser per run; ${RUNS} interleaved runs per configuration, medians of each figure (d3-flame-graph with default options once: it takes minutes).`,
    '',
    'First render: from `views/data` reaching the webview (FlameLens; the handler also fills the top-down and bottom-up tables) or the `chart` call (peer), to the first rendered frame with a `.flame g.frame` ("in DOM") and with a rectangle of non-zero width ("visible": d3-flame-graph widens new rectangles by a transition delayed by half its transition duration — 100 ms in FlameLens, 375 ms by default). Parsing the data is not timed. ' +
      'Zoom: a click on the widest frame at half the deepest drawn depth; the synchronous handler, click → next rendered frame (the figure compared with the 50 ms target) and click → animation settled (FlameLens animates 200 ms, d3-flame-graph 750 ms by default). ' +
      'FlameLens then resets the zoom (its Reset zoom button) and zooms into the widest frame at half depth or deeper whose children it had pruned: the webview asks the host for the subtree (flame/expand → worker → flame/subtree) and merges it; "subtree fetch" times that from the click.',
    '',
    table,
    '',
    `FlameLens targets at 300k nodes: ${verdicts.map((v) => v.replace(/(met|MISSED)$/, '**$1**')).join('; ')}.`,
  ].join('\n');
  return { name: 'b4', title: 'B4 — flamegraph interactivity on a huge call tree', markdown, results };
}

/** The runs of one configuration as one: the median of every number (nested too), the rest from the first run. */
function medianDeep(values) {
  const first = values[0];
  if (typeof first === 'number') {
    const numbers = values.filter((v) => typeof v === 'number');
    return numbers.length === values.length ? median(numbers) : undefined;
  }
  if (first && typeof first === 'object' && !Array.isArray(first)) {
    return Object.fromEntries(Object.keys(first).map((key) => [key, medianDeep(values.map((v) => v?.[key]))]));
  }
  return first;
}

/** One measurement in a fresh process; a failed one (a browser that crashed, say) is run once more. */
async function runChild(configId, file, log) {
  for (let attempt = 1; ; attempt++) {
    const result = await run(process.execPath, [__filename, '--child', configId, file], { allowFailure: true });
    if (result.code === 0) return tagged(result.stdout, 'B4-CHILD');
    const why = (result.stderr.trim().split('\n').slice(-3).join(' ') || `exit ${result.code ?? result.signal}`).slice(0, 300);
    if (attempt === 2) throw new Error(`${configId} on ${path.basename(file)} failed twice: ${why}`);
    log(`B4 ${configId} on ${path.basename(file)} failed (${why}); running it again`);
  }
}

function describe(r) {
  if (r.first.timedOut) return `first render timed out (> ${fmt.s(RENDER_TIMEOUT_MS)})`;
  const zoom = r.zoom
    ? `zoom handler ${fmt.ms(r.zoom.syncMs)}, next frame ${fmt.ms(r.zoom.frameMs)}, settled ${r.zoom.settledMs === undefined ? '> limit' : fmt.ms(r.zoom.settledMs)} (depth ${r.zoom.depth}/${r.zoom.maxDepth})`
    : '';
  const z = r.zoomPruned;
  const pruned = z
    ? `; zoom into a pruned frame (depth ${z.depth}, ${z.hidden} children pruned): handler ${fmt.ms(z.syncMs)}, next frame ${fmt.ms(z.frameMs)}, subtree ${describeExpand(z.expand)}`
    : '';
  return `first render ${fmt.ms(r.first.drawnMs)} in DOM, ${fmt.ms(r.first.visibleMs)} visible (chart built ${r.first.builds}×); ${fmt.count(r.first.frames)} g.frame, ${fmt.count(r.first.domNodes)} DOM nodes; ${zoom}${r.expand ? `; subtree: ${describeExpand(r.expand)}` : ''}${pruned}`;
}

function describeExpand(e) {
  if (!e) return 'not needed';
  return `arrived ${fmt.ms(e.receivedMs)} after the click (worker ${fmt.ms(e.hostMs ?? NaN)}), settled ${e.settledMs === undefined ? '?' : fmt.ms(e.settledMs)}; then ${fmt.count(e.frames)} g.frame / ${fmt.count(e.domNodes)} DOM nodes`;
}

module.exports = { main };

if (require.main === module) childOrMain(child, main);
