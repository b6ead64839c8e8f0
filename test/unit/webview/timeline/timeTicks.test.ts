// The timeline's time axis: labels are whole seconds, so no label may repeat, early in a live
// recording (a one-second domain) or after an hour, on a narrow or a wide chart.
import * as assert from 'node:assert/strict';
import { formatClock } from '../../../../src/format';
import { timeTicks } from '../../../../webview-ui/src/timeline/timeTicks';

describe('timeline time axis ticks', () => {
  it('never repeats a label, from the first second to an hour, at any width', () => {
    for (const endMs of [1000, 1300, 2500, 4999, 17_000, 59_400, 61_000, 600_000, 3_600_000, 7_300_000]) {
      for (const maxTicks of [2, 3.4, 5, 9, 28]) {
        const ticks = timeTicks(endMs, maxTicks);
        const labels = ticks.map(formatClock);
        assert.equal(new Set(labels).size, labels.length, `${endMs} ms, ${maxTicks} ticks: ${labels.join(' ')}`);
        assert.ok(ticks.length <= Math.max(2, Math.floor(maxTicks)), `${endMs} ms: ${ticks.length} ticks for ${maxTicks}`);
        assert.ok(
          ticks.every((t) => t >= 0 && t <= endMs && t % 1000 === 0),
          `${endMs} ms: ${ticks.join(' ')}`,
        );
      }
    }
  });

  it('labels the first second of a live recording "0 s 1 s", not "0 s 0 s 0 s 1 s"', () => {
    assert.deepEqual(timeTicks(1000, 8).map(formatClock), ['0 s', '1 s']);
  });

  it('uses nice steps: 17 s on a wide chart every 2 s, on a narrow one every 5 s', () => {
    assert.deepEqual(
      timeTicks(17_000, 10),
      [0, 2, 4, 6, 8, 10, 12, 14, 16].map((s) => s * 1000),
    );
    assert.deepEqual(
      timeTicks(17_000, 4),
      [0, 5, 10, 15].map((s) => s * 1000),
    );
  });
});
