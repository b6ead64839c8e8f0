/**
 * The small collector the memory sampler installs INSIDE the target with one Runtime.evaluate:
 * a perf_hooks PerformanceObserver for GC entries (kind, start, pause, heap right after) and
 * an event-loop delay histogram, drained by a cheap poll each interval. It lives under
 * Symbol.for('flamelens.memory') (non-enumerable, so the program never sees it in its own
 * globals), keeps bounded buffers, and removes itself when the last reader is released,
 * leaving the target as it was found — also when FlameLens goes away without releasing it (killed,
 * connection lost): a reader nobody polled for `expireMs` releases itself.
 *
 * It is a string of plain JavaScript, not a compiled function: bundlers rewrite `require`
 * and `typeof require` in our own code, and the evaluated text must find the runtime's.
 * Modules are loaded the first way that works in the target: process.getBuiltinModule
 * (Node 20.16+), the inspector's command-line `require` (includeCommandLineAPI), the main
 * module's require (CommonJS programs). Without any of them it still reports
 * process.memoryUsage(), only without GC marks and loop delay.
 */

export const collectorSymbol = 'flamelens.memory';

export interface CollectorOptions {
  /** Event-loop delay histogram resolution, ms (its timer fires this often in the target). */
  readonly resolutionMs: number;
  /** GC entries buffered between two polls; more are counted, not kept. */
  readonly maxGcs: number;
  /** A reader not polled for this long removes itself. */
  readonly expireMs: number;
}

export interface CollectorInstalled {
  readonly id: number;
  readonly gcMarks: boolean;
  readonly loopDelay: boolean;
}

/** One poll: memoryUsage now, and what happened since the last poll. Times in ms since install. */
export interface CollectorPoll {
  readonly t: number;
  readonly rss: number;
  readonly heapTotal: number;
  readonly heapUsed: number;
  readonly external: number;
  readonly arrayBuffers: number;
  /** [p50, p99, max] event-loop delay in ms, or null when nothing was measured. */
  readonly loop: readonly [number, number, number] | null;
  /** [start, V8 GC type flag, pause ms, heap used right after or -1]. */
  readonly gcs: ReadonlyArray<readonly [number, number, number, number]>;
  /** GC entries beyond the buffer since the last poll. */
  readonly dropped: number;
}

const installSource = String.raw`(function installFlameLensMemoryCollector(options) {
  'use strict';
  var key = Symbol.for('${collectorSymbol}');
  var registry = globalThis[key];
  if (!registry) {
    var load = function (name) {
      try { if (typeof process.getBuiltinModule === 'function') { var m = process.getBuiltinModule(name); if (m) return m; } } catch (e) {}
      try { if (typeof require === 'function') return require(name); } catch (e) {}
      try { if (process.mainModule && typeof process.mainModule.require === 'function') return process.mainModule.require(name); } catch (e) {}
      return undefined;
    };
    var perfHooks = load('perf_hooks');
    var v8 = load('v8');
    var clock = globalThis.performance && typeof globalThis.performance.now === 'function' ? globalThis.performance : perfHooks && perfHooks.performance;
    var now = clock ? function () { return clock.now(); } : function () { return Date.now(); };
    var round = function (x) { return Math.round(x * 100) / 100; };
    var heapUsedNow = function () {
      try { if (v8) return v8.getHeapStatistics().used_heap_size; } catch (e) {}
      return process.memoryUsage().heapUsed;
    };
    registry = { readers: new Map(), nextId: 1 };
    registry.poll = function (id) {
      var r = registry.readers.get(id);
      if (!r) return null;
      r.polledAt = now();
      var m = process.memoryUsage();
      var loop = null;
      var h = r.histogram;
      if (h && (typeof h.count === 'number' ? h.count > 0 : h.max > 0)) {
        // The histogram records the gap between its timer's runs: the resolution plus the delay.
        var ms = function (ns) { return round(Math.max(0, ns / 1e6 - r.resolutionMs)); };
        loop = [ms(h.percentile(50)), ms(h.percentile(99)), ms(h.max)];
        h.reset();
      }
      var gcs = r.gcs; r.gcs = [];
      var dropped = r.dropped; r.dropped = 0;
      return { t: round(now() - r.t0), rss: m.rss, heapTotal: m.heapTotal, heapUsed: m.heapUsed, external: m.external, arrayBuffers: m.arrayBuffers || 0, loop: loop, gcs: gcs, dropped: dropped };
    };
    registry.release = function (id) {
      var r = registry.readers.get(id);
      if (r) {
        try { if (r.observer) r.observer.disconnect(); } catch (e) {}
        try { if (r.histogram) r.histogram.disable(); } catch (e) {}
        if (r.watchdog) clearInterval(r.watchdog);
        registry.readers.delete(id);
      }
      if (registry.readers.size === 0) delete globalThis[key];
      return true;
    };
    registry.addReader = function (options) {
      var r = { id: registry.nextId++, t0: now(), resolutionMs: options.resolutionMs, gcs: [], dropped: 0, observer: undefined, histogram: undefined };
      if (perfHooks && typeof perfHooks.PerformanceObserver === 'function') {
        try {
          r.observer = new perfHooks.PerformanceObserver(function (list) {
            var entries = list.getEntries();
            // Observers are called soon after the collection (an immediate): the heap then is the post-GC heap.
            var after = heapUsedNow();
            for (var i = 0; i < entries.length; i++) {
              if (r.gcs.length >= options.maxGcs) { r.dropped++; continue; }
              var e = entries[i];
              var kind = e.detail && typeof e.detail.kind === 'number' ? e.detail.kind : e.kind | 0;
              r.gcs.push([round(e.startTime - r.t0), kind, round(e.duration), i === entries.length - 1 ? after : -1]);
            }
          });
          r.observer.observe({ entryTypes: ['gc'] });
        } catch (e) { r.observer = undefined; }
      }
      if (perfHooks && typeof perfHooks.monitorEventLoopDelay === 'function') {
        try {
          r.histogram = perfHooks.monitorEventLoopDelay({ resolution: options.resolutionMs });
          r.histogram.enable();
        } catch (e) { r.histogram = undefined; }
      }
      r.polledAt = r.t0;
      // Timers fail while Node is still bootstrapping (an inspector attached that early): no watchdog then.
      try {
        r.watchdog = setInterval(function () { if (now() - r.polledAt > options.expireMs) registry.release(r.id); }, options.expireMs);
        if (typeof r.watchdog.unref === 'function') r.watchdog.unref(); // never keeps the program alive
      } catch (e) { r.watchdog = undefined; }
      registry.readers.set(r.id, r);
      return { id: r.id, gcMarks: !!r.observer, loopDelay: !!r.histogram };
    };
    Object.defineProperty(globalThis, key, { value: registry, configurable: true, enumerable: false, writable: false });
  }
  return registry.addReader(options);
})`;

/** The expression that installs the collector (once) and adds a reader; evaluate with includeCommandLineAPI. */
export function collectorInstallExpression(options: CollectorOptions): string {
  return `${installSource}(${JSON.stringify(options)})`;
}

/** The expression that drains a reader; null when the collector is gone. */
export function collectorPollExpression(id: number): string {
  return `(globalThis[Symbol.for('${collectorSymbol}')] || { poll: function () { return null; } }).poll(${id})`;
}

/** The expression that takes a last poll and removes the reader (and the collector, when it was the last). */
export function collectorReleaseExpression(id: number): string {
  return `(function (r) { if (!r) return null; var last = r.poll(${id}); r.release(${id}); return last; })(globalThis[Symbol.for('${collectorSymbol}')])`;
}
