// The named checks every webview message field goes through, at their bounds.
import * as assert from 'node:assert/strict';
import { isFilePath, isIndex, isLine, isRange, isShortText, isTime, maxPathLength } from '../../../../src/protocol/shared/validators';

describe('field validators', () => {
  it('tell an index, a line, a time, a range, a path and short text apart from what they are not', () => {
    assert.deepEqual([0, 5, 2 ** 32 - 1, 2 ** 32, -1, 1.5, NaN, '1'].map(isIndex), [true, true, true, false, false, false, false, false]);
    assert.deepEqual([1, 42, 0, -1, 2.5, '3'].map(isLine), [true, true, false, false, false, false]);
    assert.deepEqual([0, 12.5, -0.1, Infinity, NaN, '1'].map(isTime), [true, true, false, false, false, false]);
    assert.deepEqual([{ startMs: 0, endMs: 1 }, { startMs: 2, endMs: 1 }, { startMs: 0 }, null, [0, 1]].map(isRange), [true, false, false, false, false]);
    assert.deepEqual(['/a.js', '', 'x'.repeat(maxPathLength - 1), 'x'.repeat(maxPathLength), 3].map(isFilePath), [true, false, true, false, false]);
    assert.deepEqual(['', 'key', 'x'.repeat(4095), 'x'.repeat(4096), {}].map(isShortText), [true, true, true, false, false]);
  });
});
