// The keys of the trees' and tables' rows: each key does one thing, only on rows that can do it.
import * as assert from 'node:assert/strict';
import { expandableRowKey, movedRowIndex, rowKeyAction } from '../../../../webview-ui/src/shared/rowKeys';

describe('webview row keys', () => {
  const both = { expands: true, opens: true };
  const neither = { expands: false, opens: false };

  it('goes to the first and the last row with Home and End, on any row', () => {
    assert.equal(rowKeyAction('Home', neither), 'first');
    assert.equal(rowKeyAction('End', neither), 'last');
    assert.equal(movedRowIndex(3, -Infinity, 5), 0);
    assert.equal(movedRowIndex(3, Infinity, 5), 4);
    assert.equal(movedRowIndex(4, Infinity, 5), undefined, 'already on the last row');
  });

  it('moves with the arrows on any row', () => {
    assert.equal(rowKeyAction('ArrowDown', neither), 'next');
    assert.equal(rowKeyAction('ArrowUp', neither), 'previous');
  });

  it('expands and collapses only rows that expand, opens only rows that open', () => {
    assert.equal(rowKeyAction('ArrowRight', both), 'expand');
    assert.equal(rowKeyAction('ArrowLeft', both), 'collapse');
    assert.equal(rowKeyAction('Enter', both), 'open');
    assert.equal(rowKeyAction('ArrowRight', neither), undefined);
    assert.equal(rowKeyAction('ArrowLeft', neither), undefined);
    assert.equal(rowKeyAction('Enter', neither), undefined);
    assert.equal(rowKeyAction('a', both), undefined);
  });

  it('moves one row and stops at the first and the last', () => {
    assert.equal(movedRowIndex(2, 1, 5), 3);
    assert.equal(movedRowIndex(2, -1, 5), 1);
    assert.equal(movedRowIndex(4, 1, 5), undefined, 'already on the last row');
    assert.equal(movedRowIndex(0, -1, 5), undefined, 'already on the first row');
    assert.equal(movedRowIndex(0, 1, 0), undefined, 'no rows');
  });

  it('starts at the first row when the focused one is not among the visible rows', () => {
    assert.equal(movedRowIndex(-1, 1, 3), 0);
    assert.equal(movedRowIndex(-1, -1, 3), 0);
  });

  it('lets Enter and Space expand a heap row, and Ctrl or ⌘ with Enter open its source', () => {
    assert.equal(expandableRowKey('Enter', false), 'toggle');
    assert.equal(expandableRowKey(' ', false), 'toggle');
    assert.equal(expandableRowKey('Enter', true), 'open');
    assert.equal(expandableRowKey('ArrowDown', false), undefined);
  });
});
