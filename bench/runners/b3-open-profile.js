'use strict';
/**
 * B3 — open a .cpuprofile → first flamegraph frame drawn, in a real (headless) Chromium.
 *
 * Inputs (bench/generators/gen-profiles.js, fixed seeds): 100k nodes / 600k samples at 50 % and at 97 %
 * stack repetition (same tree), 300k nodes / 2M samples at 90 %, and a real `node --cpu-prof`
 * recording of bench/workloads/b6-workload.js.
 *
 * FlameLens, the real path: bench/browser/flamelens-host.js (a forked "extension host") opens the file
 * through AnalysisClient (worker thread) and posts profile/loaded + views/data, which are pushed
 * to the page as JSON (server-sent events, no per-message round trip) and handed to the built
 * webview (dist/profile.js in bench/browser/pages/flamelens.html) with postMessage, as VS Code does.
 * Clock: from "start opening the file" (host) to the first rendered frame in which a
 * `.flame g.frame` exists. The page has loaded and said webview/ready before the clock starts;
 * its load time is reported apart.
 *
 * speedscope (the peer): its built app (node_modules/speedscope/dist/release) from the same local
 * server, profile by `#profileURL=`. Clock: from the start of its fetch of the profile (Resource
 * Timing: that is where it starts opening the file; page load = navigation → that moment) to the
 * first rendered frame in which its flame chart's 2D overlay canvas has ink. speedscope draws
 * the frame rectangles with WebGL and, in the same renderCanvas() pass, the labels and time
 * axis on that overlay; WebGL pixels cannot be read back after compositing
 * (preserveDrawingBuffer: false), the overlay can. The check runs after every rendered frame,
 * for both tools alike (bench/browser/pages/probe.js).
 *
 * Each (input, tool) runs in a fresh Node process with a fresh Chromium, so peak RSS figures
 * are their own: FlameLens' host process (Node + the analysis worker, which is a thread of
 * it: process.resourceUsage().maxRSS) and, for both tools, the page's renderer (VmHWM).
 */
const fs = require('node:fs');
const path = require('node:path');
const { ROOT, INPUTS_DIR, sourceState, run, tagged, median, fmt, markdownTable, peerVersion } = require('../lib');
const { chromiumRendererPeakKiB, openFlameLensPage, inFreshBrowser, childOrMain, watchdog } = require('../browser/harness');
const { ensureProfiles } = require('../generators/gen-profiles');

const INPUTS = ['gen-100k-r50', 'gen-100k-r97', 'gen-300k-r90', 'real'];
const LABELS = {
  'gen-100k-r50': '100k nodes, 600k samples, 50 % repetition',
  'gen-100k-r97': '100k nodes, 600k samples, 97 % repetition',
  'gen-300k-r90': '300k nodes, 2M samples, 90 % repetition',
  real: 'real: node --cpu-prof of b6-workload',
};
const TOOLS = ['flamelens', 'speedscope'];
/**
 * Runs per (input, tool), interleaved; medians are reported. speedscope is not run again once a
 * run took longer than REPEAT_BELOW_MS (one 65 s run says enough, and the whole benchmark has
 * to stay near 5 minutes).
 */
const ROUNDS = Number(process.env.B3_ROUNDS || 3);
const REPEAT_BELOW_MS = 10_000;
/** A tool that has not drawn by then is reported as timed out. */
const TIMEOUT_MS = Number(process.env.B3_TIMEOUT_MS || 150_000);
const TARGET_RATIO = 0.5;
const TARGET_BEYOND_LOAD_MS = 1000;
const SCREENS = path.join(INPUTS_DIR, 'screens');

// ---------------------------------------------------------------------------------------------
// Child: one tool, one input, fresh Node + Chromium

function measureFlameLens(file) {
  return inFreshBrowser({ flamelensHost: true }, async ({ server, host, page }) => {
    await page.addInitScript(() => {
      window.__bench.watch('drawn', window.__bench.predicates.flamelensFrame);
      window.__bench.watch('visible', window.__bench.predicates.flameVisible);
      // Registered before the webview's own listener: when views/data reaches the page.
      window.addEventListener('message', (event) => {
        if (event.data?.type === 'views/data') window.__bench.marks.viewsReceived ??= window.__bench.epoch();
      });
    });
    const { pageLoadMs } = await openFlameLensPage(page, server, host);
    const opened = host.next('opened');
    host.send({ cmd: 'open', file });
    const info = (await opened).opened;
    await page.waitForFunction(() => (window.__bench.marks.drawn && window.__bench.marks.visible) || document.querySelector('.error'), null, {
      timeout: TIMEOUT_MS,
      polling: 50,
    });
    const seen = await page.evaluate(() => ({
      marks: window.__bench.marks,
      error: document.querySelector('.error')?.textContent,
      frames: document.querySelectorAll('.flame g.frame').length,
      domNodes: document.querySelectorAll('*').length,
      builds: window.__bench.flameBuilds,
    }));
    if (seen.error) throw new Error(`FlameLens webview: ${seen.error}`);
    await shot(page, 'flamelens', file);
    const rendererPeakKiB = chromiumRendererPeakKiB();
    const hostPeakKiB = await host.exit();
    return {
      pageLoadMs,
      openToDrawnMs: seen.marks.drawn - info.startedAt,
      // d3-flame-graph widens new rectangles after a delayed transition: until then they are 0 px wide.
      openToVisibleMs: seen.marks.visible - info.startedAt,
      phases: {
        ...info.phases,
        deliverMs: seen.marks.viewsReceived - info.startedAt - info.phases.openMs - info.phases.overviewMs - info.phases.viewsMs,
        renderMs: seen.marks.drawn - seen.marks.viewsReceived,
      },
      flameFrames: info.flameFrames,
      viewsBytes: info.viewsBytes,
      framesDrawn: seen.frames,
      flameBuilds: seen.builds,
      domNodes: seen.domNodes,
      nodePeakKiB: hostPeakKiB,
      rendererPeakKiB,
    };
  });
}

function measureSpeedscope(file) {
  return inFreshBrowser({}, async ({ server, page }) => {
    await page.addInitScript(() => window.__bench.watch('drawn', window.__bench.predicates.speedscopeFrame));
    let importMs;
    page.on('console', (message) => {
      const match = /^import: ([\d.]+) ?ms/.exec(message.text()); // speedscope's own console.time('import')
      if (match) importMs = Number(match[1]);
    });
    const profileUrl = `${server.origin}/inputs/${encodeURIComponent(path.basename(file))}`;
    await page.goto(`${server.origin}/speedscope/index.html#profileURL=${encodeURIComponent(profileUrl)}`);
    const failed = new Promise((_, reject) => page.on('dialog', (dialog) => reject(new Error(`speedscope: ${dialog.message()}`))));
    try {
      await Promise.race([page.waitForFunction(() => window.__bench.marks.drawn, null, { timeout: TIMEOUT_MS, polling: 250 }), failed]);
    } catch (error) {
      if (error.name === 'TimeoutError') return { timedOut: true, rendererPeakKiB: chromiumRendererPeakKiB() };
      throw error;
    }
    const seen = await page.evaluate((url) => {
      const fetch = performance.getEntriesByName(url)[0];
      return {
        drawn: window.__bench.marks.drawn,
        origin: performance.timeOrigin,
        fetchStart: fetch.startTime,
        fetchEnd: fetch.responseEnd,
        title: document.title,
        domNodes: document.querySelectorAll('*').length,
      };
    }, profileUrl);
    await shot(page, 'speedscope', file);
    return {
      pageLoadMs: seen.fetchStart,
      openToDrawnMs: seen.drawn - (seen.origin + seen.fetchStart),
      phases: { fetchMs: seen.fetchEnd - seen.fetchStart, importMs },
      domNodes: seen.domNodes,
      rendererPeakKiB: chromiumRendererPeakKiB(),
    };
  });
}

/** A screenshot after the measurement (not timed), to check by eye what was measured. */
async function shot(page, tool, file) {
  fs.mkdirSync(SCREENS, { recursive: true });
  await page.screenshot({ path: path.join(SCREENS, `b3-${tool}-${path.basename(file, '.cpuprofile')}.png`) });
}

async function child(tool, file) {
  watchdog(TIMEOUT_MS + 90_000);
  const result = tool === 'flamelens' ? await measureFlameLens(file) : await measureSpeedscope(file);
  console.log('B3-CHILD ' + JSON.stringify({ tool, ...result }));
}

// ---------------------------------------------------------------------------------------------
// Parent

async function main({ log = console.log } = {}) {
  const stateBefore = sourceState();
  const profiles = await ensureProfiles(INPUTS, log);
  for (const name of INPUTS) {
    const m = profiles[name].meta;
    log(
      `B3 input ${name}: ${path.relative(ROOT, profiles[name].file)} ${(m.bytes / 1e6).toFixed(1)} MB, ${fmt.count(m.nodes)} nodes, ${fmt.count(m.samples)} samples, ${(m.repetition * 100).toFixed(1)} % repetition`,
    );
  }

  const results = {};
  for (const name of INPUTS) {
    results[name] = Object.fromEntries(TOOLS.map((t) => [t, []]));
    for (let round = 0; round < ROUNDS; round++) {
      for (const tool of TOOLS) {
        const previous = results[name][tool];
        if (previous.some((r) => r.timedOut || r.openToDrawnMs > REPEAT_BELOW_MS)) continue;
        const r = await runChild(tool, profiles[name].file, log);
        results[name][tool].push(r);
        log(
          `B3 ${name.padEnd(13)} ${tool.padEnd(10)} ` +
            (r.timedOut
              ? `timed out after ${fmt.s(TIMEOUT_MS)}`
              : `page load ${fmt.ms(r.pageLoadMs)}  open → first frame ${fmt.s(r.openToDrawnMs)}${r.openToVisibleMs ? ` (rectangles visible ${fmt.s(r.openToVisibleMs)})` : ''}  ${describePhases(tool, r)}  peak RSS ${r.nodePeakKiB ? `host ${fmt.mib(r.nodePeakKiB)}, ` : ''}renderer ${fmt.mib(r.rendererPeakKiB ?? 0)}`),
        );
      }
    }
  }

  const rows = [];
  const verdicts = [];
  for (const name of INPUTS) {
    const meta = profiles[name].meta;
    const s = Object.fromEntries(TOOLS.map((tool) => [tool, summarize(results[name][tool])]));
    const ours = s.flamelens;
    const peer = s.speedscope;
    const ratio = peer.timedOut ? `< ${(ours.openToDrawnMs / TIMEOUT_MS).toFixed(2)}× (peer timed out)` : fmt.ratio(ours.openToDrawnMs, peer.openToDrawnMs);
    const ratioValue = peer.timedOut ? ours.openToDrawnMs / TIMEOUT_MS : ours.openToDrawnMs / peer.openToDrawnMs;
    log(`B3 ${name}: ratio ours/peer (open → first frame) ${ratio}`);
    const input = `${name}<br>${(meta.bytes / 1e6).toFixed(1)} MB, ${LABELS[name]}`;
    rows.push([
      input,
      '**FlameLens**',
      fmt.ms(ours.pageLoadMs),
      `**${fmt.s(ours.openToDrawnMs)}**`,
      describePhases('flamelens', ours),
      `rectangles visible at ${fmt.s(ours.openToVisibleMs)}; ${fmt.count(ours.flameFrames)} frames sent, ${fmt.count(ours.framesDrawn)} drawn (chart built ${ours.flameBuilds}×); ${fmt.count(ours.domNodes)} DOM nodes; ${results[name].flamelens.length} runs`,
      `host ${fmt.mib(ours.nodePeakKiB)}<br>renderer ${fmt.mib(ours.rendererPeakKiB)}`,
      `**${ratio}**`,
    ]);
    rows.push([
      '',
      'speedscope',
      peer.timedOut ? '—' : fmt.ms(peer.pageLoadMs),
      peer.timedOut ? `> ${fmt.s(TIMEOUT_MS)}` : fmt.s(peer.openToDrawnMs),
      peer.timedOut ? 'timed out' : describePhases('speedscope', peer),
      peer.timedOut
        ? ''
        : `canvas; ${fmt.count(peer.domNodes)} DOM nodes; ${results[name].speedscope.length} run${results[name].speedscope.length > 1 ? 's' : ''}`,
      `renderer ${fmt.mib(peer.rendererPeakKiB ?? 0)}`,
      'peer',
    ]);
    verdicts.push(`${name} ${ratio} ${ratioValue <= TARGET_RATIO ? 'met' : 'MISSED'}`);
    if (name.startsWith('gen-100k'))
      verdicts.push(`${name} ${fmt.s(ours.openToDrawnMs)} beyond page load vs ≤ 1 s: ${ours.openToDrawnMs <= TARGET_BEYOND_LOAD_MS ? 'met' : 'MISSED'}`);
  }
  log(`B3 FlameLens targets (≤ ${TARGET_RATIO}× speedscope; ≤ 1 s beyond page load at 100k nodes): ${verdicts.join('; ')}`);

  const table = markdownTable(['input', 'tool', 'page load', 'open → first frame (beyond page load)', 'phases', 'drawn', 'peak RSS', 'ratio ours/peer'], rows);
  const stateAfter = sourceState();
  const state = stateBefore.line === stateAfter.line ? stateBefore.line : `${stateBefore.line} — CHANGED during the run (someone rebuilt): ${stateAfter.line}`;
  log(`B3 ${state}`);
  const markdown = [
    `${state}.`,
    '',
    `Inputs: generated by \`bench/generators/gen-profiles.js\` (fixed seeds; repetition = share of samples whose stack is the previous sample's) and a real \`node --cpu-prof --cpu-prof-interval 100\` recording of \`bench/workloads/b6-workload.js\`. ` +
      `Headless Chromium (software rendering, 1280×900), every run in a fresh Node process and a fresh browser; up to ${ROUNDS} interleaved runs per (input, tool), medians (speedscope is not repeated once a run took over ${REPEAT_BELOW_MS / 1000} s; the "runs" column says how many).`,
    '',
    '**FlameLens**: the profile webview bundle `dist/profile.js` in a page with a stub `acquireVsCodeApi`; a forked "extension host" opens the file through `AnalysisClient` (worker thread) and posts `profile/loaded` and `views/data`, pushed to the page as JSON (server-sent events) and handed to the webview with `postMessage`. Clock: from the call to `client.open(file)` to the first rendered frame with a `.flame g.frame`. Page load = navigation → `webview/ready`, before the clock starts. ' +
      'Phases: open = `client.open` (worker start, read, parse, model), overview and views = the host\'s calls (views: flame, top-down roots and functions in parallel), to webview = from posting `views/data` to the webview\'s handler starting (IPC + JSON, and waiting while the webview is still busy drawing `profile/loaded`), render = handler start → first rendered frame with a `g.frame`. "Rectangles visible" = first rendered frame where a frame rectangle has a width (d3-flame-graph widens new rectangles after a delayed transition).',
    '',
    '**speedscope** ' +
      peerVersion('speedscope') +
      ": its built app from the same local server with `#profileURL=`. Clock: from the start of its fetch of the profile (Resource Timing) to the first rendered frame in which its flame chart's 2D overlay canvas has ink — speedscope draws the rectangles with WebGL and, in the same `renderCanvas()` pass, the labels and time axis on that overlay (WebGL pixels cannot be read back after compositing). Page load = navigation → that fetch. \"import\" is speedscope's own `console.time('import')`.",
    '',
    "Both checked the same way: after each rendered frame (a task queued from `requestAnimationFrame`), `bench/browser/pages/probe.js`. Peak RSS: FlameLens' host process (Node + the analysis worker thread, `process.resourceUsage().maxRSS`) and each page's Chromium renderer (VmHWM). Screenshots of the measured state: `bench/inputs/screens/`.",
    '',
    table,
    '',
    `FlameLens targets (≤ ${TARGET_RATIO}× speedscope on every input; ≤ 1 s beyond page load for the 100k-node inputs): ${verdicts.map((v) => v.replace(/(met|MISSED)$/, '**$1**')).join('; ')}.`,
  ].join('\n');
  return { name: 'b3', title: 'B3 — open a .cpuprofile → first flamegraph frame drawn', markdown, results };
}

/** One measurement in a fresh process; a failed one (a browser that crashed, say) is run once more. */
async function runChild(tool, file, log) {
  for (let attempt = 1; ; attempt++) {
    const result = await run(process.execPath, [__filename, '--child', tool, file], { allowFailure: true });
    if (result.code === 0) return tagged(result.stdout, 'B3-CHILD');
    const why = (result.stderr.trim().split('\n').slice(-3).join(' ') || `exit ${result.code ?? result.signal}`).slice(0, 300);
    if (attempt === 2) throw new Error(`${tool} on ${path.basename(file)} failed twice: ${why}`);
    log(`B3 ${tool} on ${path.basename(file)} failed (${why}); running it again`);
  }
}

function describePhases(tool, r) {
  const p = r.phases ?? {};
  if (tool === 'flamelens')
    return `open ${fmt.ms(p.openMs)}, overview ${fmt.ms(p.overviewMs)}, views ${fmt.ms(p.viewsMs)}, to webview ${fmt.ms(p.deliverMs)}, render ${fmt.ms(p.renderMs)}`;
  // speedscope's 'import' timer starts just before its fetch, so it includes the fetch.
  if (p.importMs === undefined) return `fetch ${fmt.ms(p.fetchMs)}`;
  return `import ${fmt.ms(p.importMs)} (fetch ${fmt.ms(p.fetchMs)} of it), then drawing ${fmt.ms(r.openToDrawnMs - p.importMs)}`;
}

/** Median of every numeric field over the runs (the phases too); timed out if any run was. */
function summarize(runs) {
  if (runs.some((r) => r.timedOut)) return { timedOut: true, rendererPeakKiB: median(runs.map((r) => r.rendererPeakKiB ?? 0)) };
  const pick = (get) => {
    const values = runs.map(get).filter((v) => typeof v === 'number');
    return values.length ? median(values) : undefined;
  };
  const out = {};
  for (const key of Object.keys(runs[0])) if (typeof runs[0][key] === 'number') out[key] = pick((r) => r[key]);
  out.phases = {};
  for (const key of Object.keys(runs[0].phases ?? {})) out.phases[key] = pick((r) => r.phases[key]);
  return out;
}

module.exports = { main };

if (require.main === module) childOrMain(child, main);
