// The HTML report document: the page script it inlines is dist/report.js (built by `npm run build`),
// allowed by its exact hash and nothing else; without the bundle, one sentence says what to do.
import * as assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { FlameLensError } from '../../../../src/core/errors';
import { renderHtmlReport, reportPageData, reportPageScript, type HtmlReportInput } from '../../../../src/core/report/htmlReport';
import type { ReportData } from '../../../../webview-ui/src/report/reportData';
import { repoRoot } from '../../../support/paths';
import { tempDir } from '../../../support/runCli';

const sha256 = (text: string) => `'sha256-${createHash('sha256').update(text, 'utf8').digest('base64')}'`;

const input: HtmlReportInput = {
  title: 'node server.js',
  recordedAt: '2026-01-01T00:00:00.000Z',
  summary: {
    durationMs: 3040,
    samples: 1714,
    intervalUs: 1090,
    byCategory: { app: 1160, node: 899.8 },
    hotFunctions: [
      { name: 'applyDiscounts', file: '/app/src/pricing.ts', line: 13, selfMs: 748.8, selfPct: 24.6, totalMs: 1189.4, totalPct: 39.1, category: 'app' },
      { name: 'writev', file: '', line: 0, selfMs: 213.2, selfPct: 7, totalMs: 213.2, totalPct: 7, category: 'native' },
    ],
    hotLines: [{ file: '/app/src/pricing.ts', line: 16, selfMs: 613, selfPct: 20.1 }],
  },
  flame: { id: 0, name: 'all', value: 3040, self: 0, category: 'native', children: [], hidden: 0 },
};

describe('HTML report document', () => {
  it('embeds what the page reads: every category, and locations as { file, line } (none for native code)', () => {
    // The page's type: if what htmlReport.ts embeds stops fitting it, this file stops compiling.
    const data: ReportData = reportPageData(input);
    assert.deepEqual(data.recording, {
      durationMs: 3040,
      samples: 1714,
      intervalUs: 1090,
      byCategory: { app: 1160, dependency: 0, node: 899.8, native: 0, idle: 0 },
    });
    assert.deepEqual(data.hotFunctions[0].location, { file: '/app/src/pricing.ts', line: 13 });
    assert.ok(!('location' in JSON.parse(JSON.stringify(data.hotFunctions[1]))), 'native code has no location');
    assert.deepEqual(data.hotLines, [{ location: { file: '/app/src/pricing.ts', line: 16 }, selfMs: 613, selfPct: 20.1 }]);
    assert.equal(data.flame, input.flame);
  });

  it('inlines the built page script and allows exactly it, by hash', () => {
    const bundle = path.join(repoRoot, 'dist', 'report.js'); // made by `npm run build` (webpack), which `npm test` runs first
    const html = renderHtmlReport({ ...input, title: 'demo <b>' });
    const scripts = [...html.matchAll(/<script>([\s\S]*?)<\/script>/g)].map((m) => m[1]);
    assert.equal(scripts.length, 1, 'one executable script: the page');
    assert.equal(scripts[0], fs.readFileSync(bundle, 'utf8').replace(/<\/(script)/gi, '<\\/$1'));
    const csp = /http-equiv="Content-Security-Policy" content="([^"]*)"/.exec(html)![1];
    assert.match(csp, new RegExp(`script-src ${sha256(scripts[0]).replace(/[+/]/g, '\\$&')};`));
    assert.ok(!html.includes('demo <b>'), 'the title only travels escaped inside the JSON block');
  });

  it('says in one sentence that the page script is missing and how to make it', () => {
    const temp = tempDir();
    try {
      assert.throws(
        () => reportPageScript(temp.dir),
        (error: unknown) =>
          error instanceof FlameLensError &&
          /dist[\\/]report\.js is missing; run "npm run build"/.test(error.message) &&
          error.message.split('. ').length === 1,
      );
    } finally {
      temp.remove();
    }
  });
});
