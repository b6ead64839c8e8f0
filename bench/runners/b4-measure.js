'use strict';
/**
 * B4's measurements, one per fresh browser: FlameLens' webview fed by the forked host (first
 * render, a zoom, and a zoom into a pruned frame with its subtree round trip), and stock
 * d3-flame-graph fed the full tree (first render and a zoom). See b4-huge-tree.js for what is timed.
 */
const path = require('node:path');
const { openFlameLensPage, inFreshBrowser } = require('../browser/harness');

const RENDER_TIMEOUT_MS = Number(process.env.B4_TIMEOUT_MS || 120_000);
const ZOOM_LIMIT_MS = 60_000;

function measureFlameLens(profileFile) {
  return inFreshBrowser({ flamelensHost: true }, async ({ server, host, page }) => {
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
          return {
            receivedMs: bench.marks.subtree - clickedAt,
            settledMs: settled === undefined ? undefined : bench.marks.subtree + settled - clickedAt,
            domNodes: document.querySelectorAll('*').length,
            frames: document.querySelectorAll('.flame g.frame').length,
          };
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
    return {
      first,
      zoom,
      expand: zoom.expand,
      zoomPruned,
      treeFrames: info.flameFrames,
      viewsMs: info.phases.viewsMs,
      viewsBytes: info.viewsBytes,
      flameBytes: JSON.stringify(views.flame).length,
    };
  });
}

function measureD3(treeFile, minFrameSize) {
  return inFreshBrowser({}, async ({ server, page }) => {
    await page.goto(`${server.origin}/pages/d3-flame-graph.html`);
    // Fetch and parse the tree before the clock starts (FlameLens' parse is not timed either).
    await page.evaluate(
      async (url) => {
        window.__data = await (await fetch(url)).json();
        await window.__bench.afterPaint();
      },
      `${server.origin}/inputs/${path.basename(treeFile)}`,
    );
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
  });
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

module.exports = { measureFlameLens, measureD3, RENDER_TIMEOUT_MS, ZOOM_LIMIT_MS };
