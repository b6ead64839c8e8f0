// Injected (page.addInitScript) into every page the browser benchmarks load, FlameLens' and the
// peers' alike, so "first frame drawn" is detected the same way for every tool:
// after each rendered frame (a task queued from requestAnimationFrame runs once that frame's
// rendering is done) a predicate is checked, and the first time it holds is kept as epoch ms
// (performance.timeOrigin + now(), comparable with the Node side's clock).
'use strict';
(() => {
  const epoch = () => performance.timeOrigin + performance.now();
  const bench = (window.__bench = { marks: {}, epoch });

  // How many times a flamegraph <svg> was (re)built in a `.flame` container: a chart drawn twice
  // before it is ever seen costs twice.
  bench.flameBuilds = 0;
  new MutationObserver((mutations) => {
    for (const m of mutations)
      for (const node of m.addedNodes) if (node.nodeName === 'svg' && node.parentElement?.classList.contains('flame')) bench.flameBuilds++;
  }).observe(document, { childList: true, subtree: true });

  /** Resolves once the next frame has been rendered. */
  bench.afterPaint = () => new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0)));

  /** Checks `predicate` after every rendered frame; marks[name] = when it first held. */
  bench.watch = (name, predicate) => {
    const loop = () =>
      requestAnimationFrame(() =>
        setTimeout(() => {
          if (predicate()) bench.marks[name] = epoch();
          else loop();
        }, 0),
      );
    loop();
  };

  /**
   * B4's zoom, the same for FlameLens and d3-flame-graph (both draw with d3-flame-graph, whose
   * frames carry their d3 hierarchy node as __data__): click the widest frame at half the
   * deepest drawn depth, and time (a) the synchronous click handler, (b) until the next frame
   * is rendered, (c) until the zoom animation has settled (d3 keeps a __transition on an
   * element while one is scheduled or running; checked after each frame, on the clicked frame
   * and its rectangle, which animate for the whole zoom). Gives up after `limitMs`.
   * With `pruned`, the target is instead the widest frame at half depth or deeper whose
   * children FlameLens left out (data.hidden > 0): zooming there makes it fetch the subtree.
   */
  bench.zoom = async (limitMs, pruned = false) => {
    const frames = [...document.querySelectorAll('.flame g.frame')];
    let maxDepth = 0;
    for (const g of frames) maxDepth = Math.max(maxDepth, g.__data__.depth);
    const depth = Math.floor(maxDepth / 2);
    const eligible = pruned ? (d) => d.depth >= depth && d.data.hidden > 0 && d.data.id >= 0 : (d) => d.depth === depth;
    let target;
    for (const g of frames) {
      const d = g.__data__;
      if (eligible(d) && (!target || d.x1 - d.x0 > target.__data__.x1 - target.__data__.x0)) target = g;
    }
    if (!target) return undefined;
    const d = target.__data__;
    const root = frames.find((g) => g.__data__.depth === 0).__data__;
    const share = (d.x1 - d.x0) / (root.x1 - root.x0 || 1);
    const hidden = d.data.hidden; // before the click: a fetched subtree resets it
    const t0 = epoch();
    target.dispatchEvent(new MouseEvent('click', { bubbles: true, cancelable: true }));
    const syncMs = epoch() - t0;
    await bench.afterPaint();
    const frameMs = epoch() - t0;
    const settledMs = await bench.settled([target, target.querySelector('rect')], t0, limitMs);
    return {
      clickedAt: t0,
      nodeId: d.data.id,
      depth: d.depth,
      maxDepth,
      name: d.data.name,
      share,
      hidden,
      syncMs,
      frameMs,
      settledMs,
      domNodes: document.querySelectorAll('*').length,
      flameNodes: document.querySelectorAll('.flame *').length,
      frames: document.querySelectorAll('.flame g.frame').length,
    };
  };

  /** ms from t0 until none of `elements` has a d3 transition (undefined if not within limitMs). */
  bench.settled = async (elements, t0, limitMs) => {
    while (elements.some((e) => e && e.isConnected && e.__transition)) {
      if (epoch() - t0 > limitMs) return undefined;
      await bench.afterPaint();
    }
    return epoch() - t0;
  };

  /** Any pixel with alpha in a 2D canvas (reads at most the top 300 rows: labels start there). */
  const has2dInk = (canvas) => {
    const context = canvas.width > 0 && canvas.height > 0 ? canvas.getContext('2d') : null;
    if (!context) return false; // the WebGL canvas, or not sized yet
    const data = context.getImageData(0, 0, canvas.width, Math.min(canvas.height, 300)).data;
    for (let i = 3; i < data.length; i += 4) if (data[i] !== 0) return true;
    return false;
  };

  bench.predicates = {
    /** FlameLens (and d3-flame-graph): the flamegraph's first frame element is in the document. */
    flamelensFrame: () => document.querySelector('.flame g.frame') !== null,
    /**
     * ...and a frame's rectangle has a width: d3-flame-graph gives new rectangles their width
     * by a transition delayed by half the transition duration, so frames are in the DOM but
     * zero-wide (invisible) for that long.
     */
    flameVisible: () => {
      for (const rect of document.querySelectorAll('.flame g.frame > rect')) if (Number(rect.getAttribute('width')) > 0) return true;
      return false;
    },
    /**
     * speedscope draws frame rectangles with WebGL on one page-wide canvas, and in the same
     * animation frame the labels and time axis on the flame chart's 2D overlay canvas (the
     * tallest 2D canvas, below the minimap). The overlay getting ink after the profile's
     * name became the title (set when the import is done) = the flame chart's first frame.
     */
    speedscopeFrame: () => {
      if (!document.title.endsWith(' - speedscope')) return false;
      const overlays = [...document.querySelectorAll('canvas')].filter((c) => c.getBoundingClientRect().height > 300 && c.getBoundingClientRect().top > 0);
      return overlays.some(has2dInk);
    },
  };
})();
