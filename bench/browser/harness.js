'use strict';
/**
 * What the browser benchmarks (B3, B4) share: a local static HTTP server for the pages, the
 * built webview, the peers' built apps and the generated inputs (nothing is fetched from the
 * network), headless Chromium through playwright-core, and Chromium's own peak RSS from /proc.
 */
const { fork } = require('node:child_process');
const fs = require('node:fs');
const http = require('node:http');
const path = require('node:path');
const { BENCH_DIR, ROOT, INPUTS_DIR } = require('../lib');

const CHROMIUM = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
// Quiet, deterministic Chromium: no GPU (software rendering, as on CI), no background traffic.
const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-dev-shm-usage',
];
const VIEWPORT = { width: 1280, height: 900 };

/** URL prefix → directory. Everything a page loads comes from here. */
const ROUTES = {
  '/pages/': path.join(BENCH_DIR, 'browser', 'pages'),
  '/dist/': path.join(ROOT, 'dist'),
  '/media/': path.join(ROOT, 'media'),
  '/inputs/': INPUTS_DIR,
  '/speedscope/': path.join(BENCH_DIR, 'node_modules/speedscope/dist/release'),
  '/d3/': path.join(BENCH_DIR, 'node_modules/d3/dist'),
  '/d3-flame-graph/': path.join(BENCH_DIR, 'node_modules/d3-flame-graph/dist'),
};

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript',
  '.css': 'text/css',
  '.json': 'application/json',
  '.cpuprofile': 'application/json',
  '.wasm': 'application/wasm',
  '.woff2': 'font/woff2',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.txt': 'text/plain',
};

/**
 * Starts the server on a free loopback port; resolves to { origin, push(message), close() }.
 * GET /events is a server-sent-events stream: push() sends a message down it, and the stub
 * page hands it to the webview with window.postMessage. That is how the benchmark plays the
 * extension host: messages are pushed as VS Code pushes them (JSON over a channel), with no
 * request/response round trip per message.
 */
function startServer() {
  const streams = new Set();
  const server = http.createServer((request, response) => {
    const url = new URL(request.url, 'http://localhost');
    if (url.pathname === '/events') {
      response.writeHead(200, { 'Content-Type': 'text/event-stream', 'Cache-Control': 'no-store', Connection: 'keep-alive' });
      response.write(': connected\n\n');
      streams.add(response);
      request.on('close', () => streams.delete(response));
      return;
    }
    const prefix = Object.keys(ROUTES).find((p) => url.pathname.startsWith(p));
    const file = prefix && path.join(ROUTES[prefix], decodeURIComponent(url.pathname.slice(prefix.length)));
    if (!file || !file.startsWith(ROUTES[prefix]) || !fs.existsSync(file) || !fs.statSync(file).isFile()) {
      response.writeHead(404).end();
      return;
    }
    response.writeHead(200, {
      'Content-Type': TYPES[path.extname(file)] ?? 'application/octet-stream',
      'Content-Length': fs.statSync(file).size,
      'Cache-Control': 'no-store',
    });
    fs.createReadStream(file).pipe(response);
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const origin = `http://127.0.0.1:${server.address().port}`;
      resolve({
        origin,
        push: (message) => {
          const event = `data: ${JSON.stringify(message)}\n\n`;
          for (const stream of streams) stream.write(event);
        },
        close: () => {
          for (const stream of streams) stream.end();
          server.closeAllConnections?.();
          return new Promise((done) => server.close(done));
        },
      });
    });
  });
}

function launchBrowser() {
  const { chromium } = require(require.resolve('playwright-core', { paths: [ROOT] }));
  return chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS, headless: true });
}

/** A page with the benchmark viewport; dialogs (speedscope alerts on import errors) are recorded and dismissed. */
async function newPage(browser) {
  const context = await browser.newContext({ viewport: VIEWPORT, deviceScaleFactor: 1 });
  const page = await context.newPage();
  page.dialogs = [];
  page.on('dialog', (dialog) => {
    page.dialogs.push(dialog.message());
    void dialog.dismiss().catch(() => undefined);
  });
  page.consoleErrors = [];
  page.on('pageerror', (error) => page.consoleErrors.push(String(error)));
  return page;
}

/**
 * Peak RSS (VmHWM) of the largest Chromium renderer this process started: the page's own
 * memory, where the peers do all their work. Read before the browser closes.
 */
function chromiumRendererPeakKiB() {
  const parents = new Map();
  for (const entry of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = fs.readFileSync(`/proc/${entry}/stat`, 'utf8');
      parents.set(Number(entry), Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]));
    } catch {
      // the process ended meanwhile
    }
  }
  const isOurs = (pid) => {
    for (let p = pid, hops = 0; p > 1 && hops < 20; p = parents.get(p), hops++) if (p === process.pid) return true;
    return false;
  };
  let peak = 0;
  for (const pid of parents.keys()) {
    if (pid === process.pid || !isOurs(pid)) continue;
    try {
      if (!fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes('--type=renderer')) continue;
      const hwm = /VmHWM:\s+(\d+) kB/.exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'));
      if (hwm) peak = Math.max(peak, Number(hwm[1]));
    } catch {
      // gone
    }
  }
  return peak || undefined;
}

/**
 * Forks bench/browser/flamelens-host.js (the extension host's side, see there) and resolves once it is
 * up. `next(key)` waits for its next message carrying `key`; `onPost` receives every message it
 * would post to the webview, in order.
 */
function startFlameLensHost() {
  const child = fork(path.join(BENCH_DIR, 'browser', 'flamelens-host.js'), [], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  const waiting = [];
  const host = {
    child,
    onPost: undefined,
    send: (message) => child.send(message),
    /** The next message that has `key` (the whole message). */
    next: (key, timeoutMs = 180_000) =>
      withTimeout(new Promise((resolve, reject) => waiting.push({ key, resolve, reject })), timeoutMs, `the FlameLens host's "${key}"`),
    /** Ends the host; resolves to its peak RSS (KiB). */
    async exit() {
      const done = host.next('exit', 10_000);
      host.send({ cmd: 'exit' });
      const { maxRssKiB } = (await done).exit;
      // It should end by itself (IPC closed, worker terminated); once its figure is in, do not wait for long.
      const ended = new Promise((resolve) => (child.exitCode !== null ? resolve() : child.once('exit', resolve)));
      await withTimeout(ended, 3000, 'the host to exit').catch(() => child.kill('SIGKILL'));
      return maxRssKiB;
    },
  };
  child.on('message', (message) => {
    if (message.error) {
      waiting.splice(0).forEach((w) => w.reject(new Error(`FlameLens host: ${message.error}`)));
      return;
    }
    if (message.post && host.onPost) host.onPost(message.post, message);
    const at = waiting.findIndex((w) => message[w.key] !== undefined);
    if (at >= 0) waiting.splice(at, 1)[0].resolve(message);
  });
  child.once('exit', (code) => waiting.splice(0).forEach((w) => w.reject(new Error(`FlameLens host exited (${code})`))));
  return host.next('ready').then(() => host);
}

/**
 * Loads the FlameLens webview page (bench/browser/pages/flamelens.html) and plays the extension host:
 * every message the host posts is pushed to the page (server-sent events, see startServer) and
 * delivered there with window.postMessage, in order. Messages from the webview reach `onRequest`
 * (a Playwright binding). Resolves once the webview has said `webview/ready` and the event
 * stream is open, with the page-load time (navigation start → webview/ready).
 */
async function openFlameLensPage(page, server, host, onRequest = () => undefined) {
  let onReady;
  const ready = new Promise((resolve) => (onReady = resolve));
  await page.exposeFunction('__benchToHost', (message) => (message?.type === 'webview/ready' ? onReady() : onRequest(message)));
  host.onPost = (message) => server.push(message);
  await page.goto(`${server.origin}/pages/flamelens.html`);
  await withTimeout(ready, 30_000, 'webview/ready');
  await page.waitForFunction(() => window.__benchEventsOpen === true);
  return { pageLoadMs: await page.evaluate(() => window.__benchReadyAt - performance.timeOrigin) };
}

/** `promise`, or a rejection naming `what` after `ms`: nothing in a benchmark may wait forever. */
function withTimeout(promise, ms, what) {
  let timer;
  const expired = new Promise((_, reject) => (timer = setTimeout(() => reject(new Error(`timed out after ${ms} ms waiting for ${what}`)), ms)));
  return Promise.race([promise, expired]).finally(() => clearTimeout(timer));
}

/**
 * Ends a benchmark child that is stuck anyway (a browser or host that never answers), so the
 * parent sees a failure instead of waiting forever.
 */
function watchdog(ms) {
  setTimeout(() => {
    console.error(`watchdog: the measurement took over ${ms / 1000} s; giving up`);
    process.exit(3);
  }, ms).unref();
}

/** Wall-clock ms with sub-ms precision, comparable between Node and the page (both epoch based). */
function epochNow() {
  return performance.timeOrigin + performance.now();
}

const PROBE = path.join(BENCH_DIR, 'browser', 'pages', 'probe.js');

/**
 * A browser runner's command line: `--child <a> <b>` measures once in this process (the parent
 * starts one per run, for a fresh Node and Chromium), otherwise the whole benchmark.
 */
function childOrMain(child, main) {
  const at = process.argv.indexOf('--child');
  const done = at >= 0 ? child(process.argv[at + 1], process.argv[at + 2]) : main();
  done.catch((error) => {
    console.error(error);
    process.exitCode = 1;
  });
}

/**
 * One measurement in a fresh browser: the server, headless Chromium, the forked FlameLens host
 * when `flamelensHost` is set, and a page with the probe injected; all closed afterwards,
 * whatever `measure({ server, browser, host, page })` returns or throws.
 */
async function inFreshBrowser({ flamelensHost = false }, measure) {
  const server = await startServer();
  const browser = await launchBrowser();
  const host = flamelensHost ? await startFlameLensHost() : undefined;
  try {
    const page = await newPage(browser);
    await page.addInitScript({ path: PROBE });
    return await measure({ server, browser, host, page });
  } finally {
    host?.child.kill();
    await browser.close();
    await server.close();
  }
}

module.exports = {
  startServer,
  launchBrowser,
  newPage,
  chromiumRendererPeakKiB,
  startFlameLensHost,
  openFlameLensPage,
  inFreshBrowser,
  childOrMain,
  withTimeout,
  watchdog,
  epochNow,
  VIEWPORT,
  PROBE,
};
