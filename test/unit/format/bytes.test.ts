// Sizes: SI units (1 kB = 1000 B) everywhere.
import { formatBytes, formatBytesAxis, formatBytesDelta, formatRate } from '../../../src/format';
import { expectTexts } from './expectTexts';

describe('format: bytes', () => {
  it('counts in thousands, not 1024s', () => {
    expectTexts(formatBytes, [
      [1000, '1.0 kB'],
      [1024, '1.0 kB'],
      [1_000_000, '1.0 MB'],
      [1_048_576, '1.0 MB'],
      [2_000_000_000, '2.00 GB'],
    ]);
  });

  it('keeps about three significant digits', () => {
    expectTexts(formatBytes, [
      [512, '512 B'],
      [1500, '1.5 kB'],
      [850_000, '850 kB'],
      [12_345_678, '12.3 MB'],
      [150_000_000, '150 MB'],
      [1_234_000_000, '1.23 GB'],
    ]);
  });

  it('picks the unit after rounding', () => {
    expectTexts(formatBytes, [
      [999.6, '1.0 kB'],
      [99_960, '100 kB'],
      [999_600, '1.0 MB'],
      [999_700_000, '1.00 GB'],
    ]);
  });

  it('writes negatives with a minus sign and changes with a plus', () => {
    expectTexts(formatBytes, [
      [-3_100_000, '−3.1 MB'],
      [0, '0 B'],
    ]);
    expectTexts(formatBytesDelta, [
      [1500, '+1.5 kB'],
      [-200_000, '−200 kB'],
      [0, '0 B'],
    ]);
  });

  it('labels an axis without trailing zeros', () => {
    expectTexts(formatBytesAxis, [
      [0, '0'],
      [500, '500 B'],
      [40_000_000, '40 MB'],
      [1_500_000_000, '1.5 GB'],
    ]);
  });

  it('writes growth rates in MB per minute with a sign', () => {
    expectTexts(formatRate, [
      [2_000_000, '+2.00 MB/min'],
      [12_345_678, '+12.3 MB/min'],
      [250_000_000, '+250 MB/min'],
      [-50_000, '−0.05 MB/min'],
    ]);
  });
});
