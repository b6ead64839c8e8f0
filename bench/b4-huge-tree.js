'use strict';
/**
 * B4 — flamegraph interactivity on a huge call tree, in a real (headless) Chromium.
 *
 * Inputs: the call trees of two generated profiles (bench/gen-profiles.js, fixed seeds, shared
 * with B3): 100k nodes (gen-100k-r50) and 300k nodes (gen-300k-r90).
 *
 * FlameLens, the real path: the forked host (bench/flamelens-host.js) opens the profile through
 * AnalysisClient and the webview (dist/webview.js) gets profile/loaded, then — once that is
 * drawn — views/data with the pruned tree that ProfileAnalysis.flame(null) builds.
 * Peer: stock d3-flame-graph (UMD build on d3) fed the FULL tree as {name, value, children}
 * (total values, converted from the same profile), with default options and with minFrameSize
 * 1 and 5 px. Every chart gets the same width (the FlameLens panel's).
 *
 * First render: from views/data reaching the webview (message event) / from the chart call, to
 * the first rendered frame with a `.flame g.frame` ("in DOM"), and to the first rendered frame
 * where a frame rectangle has a width ("visible": d3-flame-graph widens new rectangles by a
 * transition delayed by half its transition duration). Parsing the data is not timed for
 * either tool. Zoom: click the widest frame at half the deepest drawn depth (bench/pages/probe.js):
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
const { ROOT, INPUTS_DIR, sourceState, run, tagged, median, fmt, markdownTable } = require('./lib');
const { startServer, launchBrowser, newPage, startFlameLensHost, openFlameLensPage, watchdog, PROBE } = require('./lib-browser');
const { ensureProfiles } = require('./gen-profiles');

const INPUTS = { '100k': 'gen-100k-r50', '300k': 'gen-300k-r90' };
const CONFIGS = [
  { id: 'flamelens', label: 'FlameLens (pruned tree from ProfileAnalysis)' },
  { id: 'd3-default', label: 'd3-flame-graph, default options', minFrameSize: undefined },
  { id: 'd3-min1', label: 'd3-flame-graph, minFrameSize 1 px', minFrameSize: 1 },
  { id: 'd3-min5', label: 'd3-flame-graph, minFrameSize 5 px', minFrameSize: 5 },
];
const RENDER_TIMEOUT_MS = Number(process.env.B4_TIMEOUT_MS || 120_000);
/** Runs per configuration (medians); d3-flame-graph with default options takes ~1 min a run at 300k and runs once. */
const RUNS = Number(process.env.B4_RUNS || 3);
const ZOOM_LIMIT_MS = 60_000;
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
// Child: one configuration, one input, fresh Node + Chromium

async function measureFlameLens(profileFile) {
  const server = await startServer();
  const browser = await launchBrowser();
  const host = await startFlameLensHost();
  try {
    const page = await newPage(browser);
    await page.addInitScript({ path: PROBE });
    await page.addInitScript(() => {
      window.addEventListener('message', (event) => {
        const type = event.data?.type;
        if (type === 'views/data') window.__bench.marks.start ??= window.__bench.epoch();
        if (type === 'flame/subtree') window.__bench.marks.subtree ??= window.__bench.epoch();
      });
    });
    const expands = [];
    await openFlameLensPage(page, server, host, (message) => {
      if (message.type === 'flame/expand') {
        expands.push(message.nodeId);
        host.send({ cmd: 'expand', nodeId: message.nodeId });
      }
    });
    // Deliver profile/loaded now and hold views/data until the page has drawn the rest.
    let views;
    const push = host.onPost;
    let expandHostMs;
    host.onPost = (message, envelope) => {
      if (message.type === 'views/data') views = message;
      else push(message);
      if (message.type === 'flame/subtree') expandHostMs = envelope.ms;
    };
    const opened = host.next('opened');
    host.send({ cmd: 'open', file: profileFile });
    const info = (await opened).opened;
    await page.waitForFunction(() => document.querySelector('.flame') !== null);
    await page.evaluate(() => window.__bench.afterPaint().then(window.__bench.afterPaint));
    await page.evaluate(() => {
      window.__bench.watch('drawn', window.__bench.predicates.flamelensFrame);
      window.__bench.watch('visible', window.__bench.predicates.flameVisible);
    });
    push(views);
    const first = await firstRender(page);

    /** One zoom; when the webview asks for the clicked frame's subtree, also the round trip. */
    const zoomInto = async (pruned) => {
      const asked = expands.length;
      await page.evaluate(() => (window.__bench.marks.subtree = undefined));
      const zoom = await page.evaluate(({ limit, pruned }) => window.__bench.zoom(limit, pruned), { limit: ZOOM_LIMIT_MS, pruned });
      if (!zoom || expands.length === asked) return zoom;
      await page.waitForFunction(() => window.__bench.marks.subtree, null, { timeout: 30_000 });
      zoom.expand = await page.evaluate(
        async ({ clickedAt, nodeId, limit }) => {
          const bench = window.__bench;
          await bench.afterPaint();
          const target = [...document.querySelectorAll('.flame g.frame')].find((g) => g.__data__.data.id === nodeId);
          const settled = await bench.settled([target, target?.querySelector('rect')], bench.marks.subtree, limit);
          return { receivedMs: bench.marks.subtree - clickedAt, settledMs: settled === undefined ? undefined : bench.marks.subtree + settled - clickedAt, domNodes: document.querySelectorAll('*').length, frames: document.querySelectorAll('.flame g.frame').length };
        },
        { clickedAt: zoom.clickedAt, nodeId: zoom.nodeId, limit: ZOOM_LIMIT_MS },
      );
      zoom.expand.hostMs = expandHostMs;
      return zoom;
    };
    const zoom = await zoomInto(false);
    // Back to the whole tree (the panel's Reset zoom button), then into a frame whose
    // children were pruned: the path where FlameLens fetches the subtree from the host.
    await page.getByRole('button', { name: 'Reset zoom' }).click();
    await page.waitForTimeout(600);
    const zoomPruned = await zoomInto(true);
    await host.exit();
    return { first, zoom, expand: zoom.expand, zoomPruned, treeFrames: info.flameFrames, viewsMs: info.phases.viewsMs, viewsBytes: info.viewsBytes, flameBytes: JSON.stringify(views.flame).length };
  } finally {
    host.child.kill();
    await browser.close();
    await server.close();
  }
}

async function measureD3(treeFile, minFrameSize) {
  const server = await startServer();
  const browser = await launchBrowser();
  try {
    const page = await newPage(browser);
    await page.addInitScript({ path: PROBE });
    await page.goto(`${server.origin}/pages/d3-flame-graph.html`);
    // Fetch and parse the tree before the clock starts (FlameLens' parse is not timed either).
    await page.evaluate(async (url) => {
      window.__data = await (await fetch(url)).json();
      await window.__bench.afterPaint();
    }, `${server.origin}/inputs/${path.basename(treeFile)}`);
    await page.evaluate((size) => {
      const bench = window.__bench;
      bench.watch('drawn', bench.predicates.flamelensFrame);
      bench.watch('visible', bench.predicates.flameVisible);
      bench.marks.start = bench.epoch();
      const chart = window.flamegraph.default().width(document.getElementById('chart').clientWidth);
      if (size !== null) chart.minFrameSize(size);
      window.d3.select('#chart').datum(window.__data).call(chart);
      bench.marks.sync = bench.epoch();
    }, minFrameSize ?? null);
    const first = await firstRender(page);
    const zoom = first.timedOut ? undefined : await page.evaluate((limit) => window.__bench.zoom(limit), ZOOM_LIMIT_MS);
    return { first, zoom };
  } finally {
    await browser.close();
    await server.close();
  }
}

/** Waits for the marks set by the probes; times from marks.start. */
async function firstRender(page) {
  try {
    await page.waitForFunction(() => window.__bench.marks.drawn && window.__bench.marks.visible, null, { timeout: RENDER_TIMEOUT_MS, polling: 100 });
  } catch (error) {
    if (error.name === 'TimeoutError') return { timedOut: true };
    throw error;
  }
  return page.evaluate(() => {
    const m = window.__bench.marks;
    return {
      drawnMs: m.drawn - m.start,
      visibleMs: m.visible - m.start,
      syncMs: m.sync === undefined ? undefined : m.sync - m.start,
      domNodes: document.querySelectorAll('*').length,
      flameNodes: document.querySelectorAll('.flame *').length,
      frames: document.querySelectorAll('.flame g.frame').length,
      width: document.querySelector('.flame svg')?.getAttribute('width'),
      builds: window.__bench.flameBuilds,
    };
  });
}

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
    log(`B4 input ${size}: ${path.relative(ROOT, file)} → ${fmt.count(treeNodes)}-node tree for d3-flame-graph (${(fs.statSync(treeFile).size / 1e6).toFixed(1)} MB JSON)`);
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
        (isOurs ? `**${config.label}**<br>${fmt.count(r.treeFrames)} frames sent (${(r.flameBytes / 1e6).toFixed(2)} MB), built in the worker in ≤ ${fmt.ms(r.viewsMs)}` : config.label) + `<br>${r.runs} run${r.runs > 1 ? 's, medians' : ''}`,
        r.first.timedOut ? `> ${fmt.s(RENDER_TIMEOUT_MS)}` : `${fmt.ms(r.first.drawnMs)}${ratio((x) => x.first.drawnMs)}`,
        r.first.timedOut ? '' : `${fmt.ms(r.first.visibleMs)}${ratio((x) => x.first.visibleMs)}`,
        r.first.timedOut ? '' : `${fmt.count(r.first.frames)} / ${fmt.count(r.first.flameNodes)} / ${fmt.count(r.first.domNodes)}${r.first.builds > 1 ? ` (chart built ${r.first.builds}×)` : ''}`,
        r.zoom ? `${fmt.ms(r.zoom.syncMs)} / **${fmt.ms(r.zoom.frameMs)}**${ratio((x) => x.zoom?.frameMs)} / ${r.zoom.settledMs === undefined ? `> ${fmt.s(ZOOM_LIMIT_MS)}` : fmt.ms(r.zoom.settledMs)}` : '—',
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
      verdicts.push(`first render ${fmt.ms(ours.first.visibleMs)} (visible; ${fmt.ms(ours.first.drawnMs)} in DOM) vs ≤ ${TARGET_RENDER_MS} ms: ${ours.first.visibleMs <= TARGET_RENDER_MS ? 'met' : 'MISSED'}`);
      verdicts.push(`zoom ${fmt.ms(ours.zoom.frameMs)} (click → next frame) vs ≤ ${TARGET_ZOOM_MS} ms: ${ours.zoom.frameMs <= TARGET_ZOOM_MS ? 'met' : 'MISSED'}`);
      verdicts.push(`DOM ${fmt.count(Math.max(ours.first.domNodes, ours.zoom.domNodes))} nodes in the page (${fmt.count(ours.first.flameNodes)} in the flamegraph) vs ≤ 2k: ${Math.max(ours.first.domNodes, ours.zoom.domNodes) <= TARGET_DOM_NODES ? 'met' : 'MISSED'}`);
      if (peerDefault.first.drawnMs) verdicts.push(`vs d3-flame-graph default: first render ${fmt.ratio(ours.first.visibleMs, peerDefault.first.visibleMs)}`);
    }
  }
  log(`B4 FlameLens targets at 300k nodes: ${verdicts.join('; ')}`);

  const table = markdownTable(
    ['tree', 'tool', 'first render: in DOM', 'first render: visible', 'g.frame / flamegraph DOM nodes / page DOM nodes', 'zoom: handler / **next frame** / settled', 'clicked frame', 'after zoom: g.frame / flamegraph / page DOM nodes', 'subtree fetch (FlameLens)'],
    rows,
  );
  const stateAfter = sourceState();
  const state = stateBefore.line === stateAfter.line ? stateBefore.line : `${stateBefore.line} — CHANGED during the run (someone rebuilt): ${stateAfter.line}`;
  log(`B4 ${state}`);
  const markdown = [
    `${state}.`,
    '',
    `Trees: the call trees of \`bench/inputs/b3-gen-100k-r50.cpuprofile\` and \`b3-gen-300k-r90.cpuprofile\` (\`bench/gen-profiles.js\`, fixed seeds). FlameLens gets them the real way (forked host → \`AnalysisClient\` → \`views/data\` with \`flame(null)\`'s pruned tree → webview); ` +
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
  const zoom = r.zoom ? `zoom handler ${fmt.ms(r.zoom.syncMs)}, next frame ${fmt.ms(r.zoom.frameMs)}, settled ${r.zoom.settledMs === undefined ? '> limit' : fmt.ms(r.zoom.settledMs)} (depth ${r.zoom.depth}/${r.zoom.maxDepth})` : '';
  const z = r.zoomPruned;
  const pruned = z ? `; zoom into a pruned frame (depth ${z.depth}, ${z.hidden} children pruned): handler ${fmt.ms(z.syncMs)}, next frame ${fmt.ms(z.frameMs)}, subtree ${describeExpand(z.expand)}` : '';
  return `first render ${fmt.ms(r.first.drawnMs)} in DOM, ${fmt.ms(r.first.visibleMs)} visible (chart built ${r.first.builds}×); ${fmt.count(r.first.frames)} g.frame, ${fmt.count(r.first.domNodes)} DOM nodes; ${zoom}${r.expand ? `; subtree: ${describeExpand(r.expand)}` : ''}${pruned}`;
}

function describeExpand(e) {
  if (!e) return 'not needed';
  return `arrived ${fmt.ms(e.receivedMs)} after the click (worker ${fmt.ms(e.hostMs ?? NaN)}), settled ${e.settledMs === undefined ? '?' : fmt.ms(e.settledMs)}; then ${fmt.count(e.frames)} g.frame / ${fmt.count(e.domNodes)} DOM nodes`;
}

function peerVersion(name) {
  return JSON.parse(fs.readFileSync(path.join(__dirname, 'node_modules', name, 'package.json'), 'utf8')).version;
}

module.exports = { main };

if (require.main === module) {
  const at = process.argv.indexOf('--child');
  const done = at >= 0 ? child(process.argv[at + 1], process.argv[at + 2]) : main();
  done.catch((error) => {
    console.error(error);
    process.exitCode = 1;
  });
}
