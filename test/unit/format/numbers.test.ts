// Shares and counts.
import { formatCount, formatCountDelta, formatNumber, formatPercent, formatShare } from '../../../src/format';
import { expectTexts } from './expectTexts';

describe('format: shares and counts', () => {
  it('writes a share with one decimal, so a column of them lines up, and never a non-zero share as zero', () => {
    expectTexts(formatPercent, [
      [42, '42.0 %'],
      [4.26, '4.3 %'],
      [100, '100.0 %'],
      [0.01, '<0.1 %'],
      [0, '0 %'],
    ]);
  });

  it('computes a share of a whole, and 0 % of nothing', () => {
    expectTexts(
      ([part, whole]: [number, number]) => formatShare(part, whole),
      [
        [[1, 4], '25.0 %'],
        [[5, 0], '0 %'],
      ],
    );
  });

  it('writes counts with thousands separators and signed changes', () => {
    expectTexts(formatCount, [[1_234_567, '1,234,567']]);
    expectTexts(formatCountDelta, [
      [1200, '+1,200'],
      [-3, '−3'],
      [0, '0'],
    ]);
  });

  it('writes a plain number with fixed decimals for table cells', () => {
    expectTexts(
      (value: number) => formatNumber(value, 1),
      [
        [1189.44, '1,189.4'],
        [0, '0.0'],
      ],
    );
  });
});
