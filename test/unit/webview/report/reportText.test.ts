// The HTML report page's words and numbers (webview-ui/src/report/reportText.ts), in Node;
// expected texts written by hand from the figures given.
import * as assert from 'node:assert/strict';
import type { FlameFrameDto } from '../../../../src/protocol/shared/views';
import type { ReportRecording } from '../../../../webview-ui/src/report/reportData';
import { barWidthPct, factsOf, frameWhere, legendOf, matchLine, timeAndShare, zoomLine } from '../../../../webview-ui/src/report/reportText';

const recording: ReportRecording = {
  durationMs: 3040,
  samples: 1714,
  intervalUs: 1090,
  byCategory: { app: 1160, dependency: 0, node: 899.8, native: 861.1, idle: 118.6 },
};

const frame = (over: Partial<FlameFrameDto>): FlameFrameDto => ({ id: 1, name: 'f', value: 10, self: 2, category: 'app', children: [], hidden: 0, ...over });

describe('HTML report page: text', () => {
  it('states the recording: local date, duration, sample count, interval', () => {
    const facts = factsOf(recording, '2026-01-02T03:04:05.000Z', () => 'LOCAL');
    assert.deepEqual(
      facts.map((f) => [f.label, f.value]),
      [
        ['Recorded', 'LOCAL'],
        ['Duration', '3.04 s'],
        ['Samples', '1,714'],
        ['Interval', '1.1 ms'],
      ],
    );
    assert.equal(facts[0].title, '2026-01-02T03:04:05.000Z');
    assert.equal(factsOf(recording, 'not a date', () => 'LOCAL')[0].value, 'not a date');
  });

  it('lists every category with its time and share of all categories, zeros included', () => {
    const legend = legendOf(recording);
    assert.deepEqual(
      legend.map((e) => `${e.label}: ${e.value}`),
      ['Your code: 1.16 s · 38.2 %', 'Dependencies: 0 ms · 0 %', 'Node.js: 899.8 ms · 29.6 %', 'V8 / native: 861.1 ms · 28.3 %', 'Idle: 118.6 ms · 3.9 %'],
    );
  });

  it('says where a frame is, or that it has no source location', () => {
    assert.equal(frameWhere(frame({ location: { file: '/app/a.js', line: 3 } })), '/app/a.js:3 · Your code');
    assert.equal(frameWhere(frame({ category: 'native' })), 'no source location · V8 / native');
    assert.equal(timeAndShare(23.2, 3040), '23.2 ms (0.8 %)');
  });

  it('describes the zoom and the search matches', () => {
    assert.match(zoomLine(undefined, 100), /^Callers above callees/);
    assert.equal(
      zoomLine(frame({ name: '', value: 25 }), 100),
      'Zoomed into (anonymous) (25.0 ms, 25.0 % of all time). Click the top frame or "Reset zoom" to go back.',
    );
    assert.equal(matchLine(0, 0, 100), 'No matches');
    assert.equal(matchLine(1, 12, 100), '1 frame · 12.0 ms · 12.0 % of total time');
    assert.equal(matchLine(1200, 150, 100), '1,200 frames · 150.0 ms · 100.0 % of total time');
  });

  it('scales share bars to the largest row', () => {
    assert.equal(barWidthPct(10, 20), 50);
    assert.equal(barWidthPct(-1, 20), 0);
    assert.equal(barWidthPct(5, 0), 0);
  });
});
