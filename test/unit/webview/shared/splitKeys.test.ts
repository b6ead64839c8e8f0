// The profile page's splitter by keyboard: steps of 5 % (arrows) and 20 % (pages), Home/End to
// the ends, never past 15 %–85 % so neither pane disappears.
import * as assert from 'node:assert/strict';
import { clampSplit, splitAfterKey } from '../../../../webview-ui/src/shared/splitKeys';

describe('split pane keys', () => {
  it('moves by 5 % with the arrows and 20 % with Page Up / Page Down', () => {
    assert.equal(splitAfterKey(45, 'ArrowDown'), 50);
    assert.equal(splitAfterKey(45, 'ArrowUp'), 40);
    assert.equal(splitAfterKey(45, 'PageDown'), 65);
    assert.equal(splitAfterKey(45, 'PageUp'), 25);
  });

  it('goes to the ends with Home and End and stops there', () => {
    assert.equal(splitAfterKey(45, 'Home'), 15);
    assert.equal(splitAfterKey(45, 'End'), 85);
    assert.equal(splitAfterKey(85, 'ArrowDown'), 85);
    assert.equal(splitAfterKey(15, 'PageUp'), 15);
  });

  it('ignores other keys', () => {
    assert.equal(splitAfterKey(45, 'Enter'), undefined);
    assert.equal(splitAfterKey(45, 'ArrowLeft'), undefined);
  });

  it('keeps a dragged or saved share within the range, in whole percent', () => {
    assert.equal(clampSplit(3), 15);
    assert.equal(clampSplit(99), 85);
    assert.equal(clampSplit(47.6), 48);
  });
});
