/**
 * The standalone HTML report: one file that opens offline from file://, with d3,
 * d3-flame-graph and the data inlined. (Browser-side code lives in media/report/.)
 *
 * Safety: the profile's strings (function names, paths, the title) come from the profiled
 * program, so they are treated as hostile. They only ever travel as JSON in a
 * non-executed <script type="application/json"> block with `<`, `>`, `&`, U+2028 and U+2029
 * escaped, and report.js puts them into the DOM with textContent. On top of that a
 * Content-Security-Policy allows no network at all and only the exact inline scripts and
 * styles written here (by their sha256), so even a mistake cannot run injected code.
 */
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { stringifyJson } from '../files/jsonFile';
import type { FlameFrame } from '../model/flame/flameTree';
import type { CpuSummary } from './jsonSummary';

export interface HtmlReportInput {
  /** What was profiled, e.g. "node server.js" or a file name. */
  readonly title: string;
  /** ISO date of the recording. */
  readonly recordedAt: string;
  readonly summary: CpuSummary;
  readonly flame: FlameFrame;
}

/** Renders the report as a complete HTML document. */
export function renderHtmlReport(input: HtmlReportInput): string {
  const assets = loadAssets();
  const data = embedJson({ title: input.title, recordedAt: input.recordedAt, summary: input.summary, flame: input.flame });
  const scripts = [assets.d3, assets.flamegraph, assets.reportJs];
  const styles = [assets.styles];
  const csp = [
    "default-src 'none'",
    `script-src ${scripts.map(hashSource).join(' ')}`,
    // The second hash is the <style> that d3-flame-graph creates itself when it loads.
    `style-src ${[...styles, ...assets.runtimeStyles].map(hashSource).join(' ')}`,
    "img-src data:",
    "base-uri 'none'",
    "form-action 'none'",
  ].join('; ');
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${csp}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="color-scheme" content="light dark">
<meta name="referrer" content="no-referrer">
<title>FlameLens report</title>
${styles.map((s) => `<style>${s}</style>`).join('\n')}
</head>
<body>
<header class="page-header">
  <h1><span class="brand">FlameLens</span> <span id="report-title"></span></h1>
  <dl class="facts" id="facts"></dl>
  <ul class="legend" id="legend" aria-label="Time by category"></ul>
</header>
<main>
  <section class="flame" aria-labelledby="flame-heading">
    <h2 id="flame-heading">Flame graph</h2>
    <div class="toolbar">
      <label for="search">Search</label>
      <input id="search" type="search" placeholder="Function or file (Enter zooms to it)" autocomplete="off" spellcheck="false">
      <span id="match" class="match" aria-live="polite"></span>
      <button id="reset" type="button">Reset zoom</button>
    </div>
    <p id="details" class="details" aria-live="polite"></p>
    <div id="chart" class="chart"></div>
    <div id="tip" class="tip" role="tooltip" hidden></div>
  </section>
  <section aria-labelledby="functions-heading">
    <h2 id="functions-heading">Hottest functions</h2>
    <div class="scroll"><table id="functions">
      <thead><tr><th class="num">Self ms</th><th class="num">Self %</th><th class="num">Total ms</th><th class="num">Total %</th><th>Function</th><th>File:line</th><th>Category</th></tr></thead>
      <tbody></tbody>
    </table></div>
  </section>
  <section aria-labelledby="lines-heading">
    <h2 id="lines-heading">Hottest lines</h2>
    <div class="scroll"><table id="lines">
      <thead><tr><th class="num">Self ms</th><th class="num">Self %</th><th>File:line</th></tr></thead>
      <tbody></tbody>
    </table></div>
  </section>
</main>
<script type="application/json" id="flamelens-data">${data}</script>
${scripts.map((s) => `<script>${s}</script>`).join('\n')}
</body>
</html>
`;
}

interface Assets {
  readonly d3: string;
  readonly flamegraph: string;
  readonly reportJs: string;
  /** d3-flame-graph's CSS followed by ours (ours wins where both set something). */
  readonly styles: string;
  /** Texts of <style> elements the libraries insert at runtime (allowed by hash). */
  readonly runtimeStyles: readonly string[];
}

let cachedAssets: Assets | undefined;

/** Reads the inlined files once per process: they are ~300 kB and never change while running. */
function loadAssets(): Assets {
  if (cachedAssets) return cachedAssets;
  // d3's "exports" hide dist/ and package.json, so find the package root from its entry point.
  const d3Root = packageRoot(require.resolve('d3'), 'd3');
  const flameDist = path.dirname(require.resolve('d3-flame-graph')); // .../dist/d3-flamegraph.umd.js
  const media = path.join(packageRoot(__dirname, 'flamelens'), 'media', 'report');
  const flamegraph = read(path.join(flameDist, 'd3-flamegraph.umd.min.js'));
  cachedAssets = {
    d3: read(path.join(d3Root, 'dist', 'd3.min.js')),
    flamegraph,
    reportJs: read(path.join(media, 'report.js')),
    styles: readRaw(path.join(flameDist, 'd3-flamegraph.css')).trim() + '\n' + readRaw(path.join(media, 'report.css')),
    runtimeStyles: injectedStyles(flamegraph),
  };
  return cachedAssets;
}

/** The nearest folder at or above `start` holding a package.json named `name`. */
function packageRoot(start: string, name: string): string {
  for (let dir = start; ; dir = path.dirname(dir)) {
    const manifest = path.join(dir, 'package.json');
    if (fs.existsSync(manifest) && JSON.parse(fs.readFileSync(manifest, 'utf8')).name === name) return dir;
    if (path.dirname(dir) === dir) throw new Error(`package "${name}" not found above ${start}`);
  }
}

function readRaw(file: string): string {
  return fs.readFileSync(file, 'utf8');
}

/** Reads a script for inlining: `</script` would end the element early, `<\/` means the same in JS strings and regexes. */
function read(file: string): string {
  return readRaw(file).replace(/<\/(script)/gi, '<\\/$1');
}

/**
 * d3-flame-graph (built by Vite) inserts a <style> with a fixed text when it loads. CSP
 * would block it unless its hash is listed, so take the text from the template literal
 * it is assigned from. If a future version changes that, nothing breaks: the same rules
 * are inlined from d3-flamegraph.css, and the browser only logs a CSP warning.
 */
function injectedStyles(script: string): string[] {
  const literal = /\.textContent\s*=\s*`((?:[^`\\$]|\$(?!\{))*)`/.exec(script);
  return literal && literal[1].includes('.d3-flame-graph') ? [literal[1]] : [];
}

function hashSource(text: string): string {
  return `'sha256-${createHash('sha256').update(text, 'utf8').digest('base64')}'`;
}

/**
 * JSON that is inert inside a <script> element whatever the strings contain. The flame tree of
 * recursive code can be thousands of frames deep, deeper than JSON.stringify's recursion
 * goes: stringifyJson falls back to an explicit stack.
 */
function embedJson(value: unknown): string {
  return stringifyJson(value).replace(/[<>&\u2028\u2029]/g, (c) => '\\u' + c.charCodeAt(0).toString(16).padStart(4, '0'));
}
