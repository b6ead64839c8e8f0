// The keyboard's range on CPU over time: a tenth of the recording, moved a tenth at a time.
import * as assert from 'node:assert/strict';
import { rangeAfterKey } from '../../../../webview-ui/src/profile/rangeKeys';

describe('webview CPU over time keys', () => {
  const duration = 1000; // so a tenth is 100 ms

  it('starts with the first tenth and moves it right or left by a tenth', () => {
    assert.deepEqual(rangeAfterKey('ArrowRight', null, duration), { startMs: 100, endMs: 200 });
    assert.deepEqual(rangeAfterKey('ArrowLeft', { startMs: 300, endMs: 400 }, duration), { startMs: 200, endMs: 300 });
  });

  it('stays inside the recording', () => {
    assert.deepEqual(rangeAfterKey('ArrowRight', { startMs: 900, endMs: 1000 }, duration), { startMs: 900, endMs: 1000 });
    assert.deepEqual(rangeAfterKey('ArrowLeft', null, duration), { startMs: 0, endMs: 100 });
  });

  it('clears the range on Escape and ignores other keys', () => {
    assert.equal(rangeAfterKey('Escape', { startMs: 300, endMs: 400 }, duration), null);
    assert.equal(rangeAfterKey('Enter', { startMs: 300, endMs: 400 }, duration), undefined);
  });

  it('does nothing before there is a recording to move in', () => {
    assert.equal(rangeAfterKey('ArrowRight', null, 0), undefined);
  });
});
