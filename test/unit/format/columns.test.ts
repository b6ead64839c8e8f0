// A duration column writes every cell in one unit, chosen from the column's largest value.
import * as assert from 'node:assert/strict';
import { durationColumn, formatTimeShare } from '../../../src/format';

describe('durationColumn', () => {
  it('writes milliseconds in a column whose largest value is over a second but under a minute', () => {
    const cell = durationColumn([1210, 584, 0.004, 0]);
    assert.deepEqual([1210, 584, 0.004, 0].map(cell), ['1,210.0 ms', '584.0 ms', '<0.1 ms', '0 ms']);
  });

  it('writes milliseconds with one decimal when nothing reaches a second', () => {
    const cell = durationColumn([584, 12.34, 287, 0.01]);
    assert.deepEqual([584, 12.34, 287, 0.01].map(cell), ['584.0 ms', '12.3 ms', '287.0 ms', '<0.1 ms']);
  });

  it('switches to seconds once the largest value rounds to a minute', () => {
    assert.equal(durationColumn([59_999.96])(59_999.96), '60.00 s');
    assert.equal(durationColumn([59_999.94])(59_999.94), '59,999.9 ms');
  });

  it('writes whole microseconds for sub-millisecond columns', () => {
    const cell = durationColumn([0.25, 0.0004]);
    assert.deepEqual([0.25, 0.0004].map(cell), ['250 µs', '<1 µs']);
  });

  it('keeps one unit for long columns and separates thousands', () => {
    const cell = durationColumn([125_000, 3]);
    assert.deepEqual([125_000, 3].map(cell), ['125.00 s', '<0.01 s']);
    assert.equal(durationColumn([2_500_000])(2_500_000), '2,500.00 s');
  });

  it('gives every cell of a column the same unit', () => {
    const values = [3456.7, 1.2, 999, 0.5, 45];
    const units = new Set(values.map(durationColumn(values)).map((text) => text.split(' ').pop()));
    assert.deepEqual([...units], ['ms']);
  });

  it('writes negative values with a minus sign and an empty column in its smallest unit', () => {
    assert.equal(durationColumn([-90_000, 200])(-90_000), '−90.00 s');
    assert.equal(durationColumn([])(0), '0 µs');
  });
});

describe('formatTimeShare', () => {
  it('writes a time with its share, as the CodeLens and the hover show one figure', () => {
    assert.equal(formatTimeShare(286.9, 19.8), '286.9 ms (19.8 %)');
    assert.equal(formatTimeShare(1210, 0.01), '1.21 s (<0.1 %)');
  });
});
