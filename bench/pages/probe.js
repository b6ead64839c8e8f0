// Injected (page.addInitScript) into every page the browser benchmarks load, FlameLens' and the
// peers' alike, so "first frame drawn" is detected the same way for every tool:
// after each rendered frame (a task queued from requestAnimationFrame runs once that frame's
// rendering is done) a predicate is checked, and the first time it holds is kept as epoch ms
// (performance.timeOrigin + now(), comparable with the Node side's clock).
'use strict';
(() => {
  const epoch = () => performance.timeOrigin + performance.now();
  const bench = (window.__bench = { marks: {}, epoch });

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
