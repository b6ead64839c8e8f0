// Durations: one rule for every surface, checked at each unit's edges.
import { formatClock, formatDuration } from '../../../src/format';
import { expectTexts } from './expectTexts';

describe('format: durations', () => {
  it('writes whole microseconds below a millisecond', () => {
    expectTexts(formatDuration, [
      [0.25, '250 µs'],
      [0.5, '500 µs'],
    ]);
  });

  it('writes one decimal of a millisecond below a second, two of a second below a minute, then minutes', () => {
    expectTexts(formatDuration, [
      [1.09, '1.1 ms'],
      [4.5, '4.5 ms'],
      [812, '812.0 ms'],
      [999.94, '999.9 ms'],
      [3040, '3.04 s'],
      [59_994, '59.99 s'],
      [125_400, '2 min 5 s'],
      [119_700, '2 min 0 s'],
    ]);
  });

  it('picks the unit after rounding, so no value reads as 1000 of a smaller unit', () => {
    expectTexts(formatDuration, [
      [0.9996, '1.0 ms'],
      [999.96, '1.00 s'],
      [59_996, '1 min 0 s'],
    ]);
  });

  it('writes zero without a fraction and negatives with a minus sign', () => {
    expectTexts(formatDuration, [
      [0, '0 ms'],
      [-3.2, '−3.2 ms'],
    ]);
  });

  it('labels a time axis as briefly as a tick allows', () => {
    expectTexts(formatClock, [
      [0, '0 s'],
      [45_000, '45 s'],
      [61_000, '1:01'],
      [150_000, '2:30'],
    ]);
  });
});
