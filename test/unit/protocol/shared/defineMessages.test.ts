// A view's messages are declared once; the parser derived from the declaration keeps a message
// only when every declared field passes its validator, and keeps nothing that was not declared.
import * as assert from 'node:assert/strict';
import { defineMessages, type KeptField } from '../../../../src/protocol/shared/defineMessages';
import { isIndex, isRange, isShortText, orNull } from '../../../../src/protocol/shared/validators';

const pair: KeptField<{ readonly startMs: number; readonly endMs: number } | null> = {
  is: orNull(isRange),
  keep: (range) => range && { startMs: range.startMs, endMs: range.endMs },
};

const requests = defineMessages({
  'page/ready': {},
  'row/open': { index: isIndex, label: isShortText },
  'range/pick': { range: pair },
});

describe('declared webview messages', () => {
  it('parses each declared message, with its declared fields only', () => {
    assert.deepEqual(requests.parse({ type: 'page/ready', index: 3 }), { type: 'page/ready' });
    assert.deepEqual(requests.parse({ type: 'row/open', index: 0, label: '', extra: 'x' }), { type: 'row/open', index: 0, label: '' });
    assert.deepEqual(requests.parse({ type: 'range/pick', range: null }), { type: 'range/pick', range: null });
  });

  it('copies what a kept field keeps, so nested extras stay behind', () => {
    const sent = { startMs: 1, endMs: 2, script: 'alert(1)' };
    const parsed = requests.parse({ type: 'range/pick', range: sent });
    assert.deepEqual(parsed, { type: 'range/pick', range: { startMs: 1, endMs: 2 } });
  });

  it('declines what is not a declared message', () => {
    for (const bad of [
      null,
      undefined,
      7,
      'page/ready',
      [{ type: 'page/ready' }],
      {},
      { type: 42 },
      { type: 'page/unknown' },
      // Names every object has through its prototype are not declared types.
      { type: 'toString' },
      { type: 'constructor' },
      { type: '__proto__' },
      { type: 'hasOwnProperty' },
    ]) {
      assert.equal(requests.parse(bad), undefined, JSON.stringify(bad));
    }
  });

  it('declines a message whose fields are missing or fail their validator', () => {
    for (const bad of [
      { type: 'row/open', index: 1 },
      { type: 'row/open', label: 'x' },
      { type: 'row/open', index: -1, label: 'x' },
      { type: 'row/open', index: 1, label: 'x'.repeat(5000) },
      { type: 'range/pick' },
      { type: 'range/pick', range: { startMs: 3, endMs: 3 } },
    ]) {
      assert.equal(requests.parse(bad), undefined, JSON.stringify(bad));
    }
  });

  it('lists the declared types', () => {
    assert.deepEqual([...requests.types], ['page/ready', 'row/open', 'range/pick']);
  });
});
