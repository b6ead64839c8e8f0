/**
 * The standalone HTML report: one file that opens offline from file://, with its page script
 * (webview-ui/src/report/, bundled with d3 and d3-flame-graph by webpack to dist/report.js), its
 * stylesheet (media/report/report.css after d3-flamegraph.css) and the data inlined.
 *
 * Safety: the profile's strings (function names, paths, the title) come from the profiled
 * program, so they are treated as hostile. They only ever travel as JSON in a
 * non-executed <script type="application/json"> block with `<`, `>`, `&`, U+2028 and U+2029
 * escaped, and the page puts them into the DOM with textContent. On top of that a
 * Content-Security-Policy allows no network at all and only the exact inline scripts and
 * styles written here (by their sha256), so even a mistake cannot run injected code.
 */
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { FlameLensError } from '../errors';
import { stringifyJson } from '../files/jsonFile';
import { categories } from '../model/cpu/categories';
import type { FlameFrame } from '../model/flame/flameTree';
import type { CategoryName, SourceLocationDto } from '../../protocol/shared/views';
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
  const data = embedJson(reportPageData(input));
  const scripts = [assets.page];
  const styles = [assets.styles];
  const csp = [
    "default-src 'none'",
    `script-src ${scripts.map(hashSource).join(' ')}`,
    `style-src ${styles.map(hashSource).join(' ')}`,
    'img-src data:',
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

/**
 * What the page reads (webview-ui/src/report/reportData.ts `ReportData`, checked against this in
 * test/unit/report): the profile view's DTOs, so locations are `{ file, line }` as in the flamegraph.
 */
export function reportPageData(input: HtmlReportInput) {
  const { summary } = input;
  const locationOf = (file: string, line: number): SourceLocationDto | undefined => (file ? { file, line } : undefined);
  return {
    title: input.title,
    recordedAt: input.recordedAt,
    recording: {
      durationMs: summary.durationMs,
      samples: summary.samples,
      intervalUs: summary.intervalUs,
      byCategory: Object.fromEntries(categories.map((c) => [c, summary.byCategory[c] ?? 0])) as Record<CategoryName, number>,
    },
    hotFunctions: summary.hotFunctions.map(({ file, line, ...row }) => ({ ...row, location: locationOf(file, line) })),
    hotLines: summary.hotLines.map(({ file, line, selfMs, selfPct }) => ({ location: locationOf(file, line), selfMs, selfPct })),
    flame: input.flame,
  };
}

interface Assets {
  /** dist/report.js: the page's code with d3 and d3-flame-graph in it. */
  readonly page: string;
  /** d3-flame-graph's CSS followed by ours (ours wins where both set something). */
  readonly styles: string;
}

let cachedAssets: Assets | undefined;

/** Reads the inlined files once per process: they are ~90 kB and never change while running. */
function loadAssets(): Assets {
  if (cachedAssets) return cachedAssets;
  const flameDist = path.dirname(require.resolve('d3-flame-graph')); // .../dist/d3-flamegraph.umd.js
  // The same root whether this runs compiled to out/src/core/report/ (the CLI) or bundled into dist/.
  const root = packageRoot(__dirname, 'flamelens');
  cachedAssets = {
    page: read(reportPageScript(root)),
    styles: readRaw(path.join(flameDist, 'd3-flamegraph.css')).trim() + '\n' + readRaw(path.join(root, 'media', 'report', 'report.css')),
  };
  return cachedAssets;
}

/** dist/report.js under the package root; `npm run build` makes it (tsc alone does not). */
export function reportPageScript(root: string): string {
  const file = path.join(root, 'dist', 'report.js');
  if (!fs.existsSync(file)) {
    throw new FlameLensError('target-failed', `The HTML report cannot be written: its page script ${file} is missing; run "npm run build" to make it.`);
  }
  return file;
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
