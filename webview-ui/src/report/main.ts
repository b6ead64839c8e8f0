/**
 * The standalone HTML report's page: draws the profile embedded in #flamelens-data. Bundled by
 * webpack to dist/report.js and inlined by src/core/report/htmlReport.ts under a CSP that allows
 * only that script (by its hash). Every string from the profile (function names, paths, the
 * title) comes from the profiled program and may contain markup, so it only reaches the DOM as
 * text (textContent, d3's .text(), attributes); never innerHTML (d3-flame-graph's own tooltip
 * uses .html(), which is why the chart gets ours).
 */
import { showFlameChart } from './flameChart';
import { wireFlameSearch } from './flameSearch';
import { showHotTables } from './hotTables';
import type { ReportData } from './reportData';
import { showHeader } from './reportHeader';

// The data block is JSON written by htmlReport.ts, never executed; its strings are hostile (see there).
const data = JSON.parse(document.getElementById('flamelens-data')!.textContent ?? '') as ReportData;
showHeader(data);
const chart = showFlameChart(data.flame, data.flame.value || data.recording.durationMs || 1);
showHotTables(data, wireFlameSearch(chart));
