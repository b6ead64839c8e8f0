// Which rows a profile table lists before "Show N more": the first 50 that took time; never "(root)".
import * as assert from 'node:assert/strict';
import { FIRST_ROWS, isListedFunction, splitAtFloor } from '../../../../webview-ui/src/shared/rowFloor';

const row = (name: string, ms: number) => ({ name, ms });

describe('profile table floor', () => {
  it('lists rows that took time, keeps their order, and puts rows of no time behind "more"', () => {
    const { shown, more } = splitAtFloor([row('a', 5), row('b', 0.2), row('c', 0), row('d', 0)], (r) => r.ms);
    assert.deepEqual(
      shown.map((r) => r.name),
      ['a', 'b'],
    );
    assert.deepEqual(
      more.map((r) => r.name),
      ['c', 'd'],
    );
  });

  it('lists 50 rows at most', () => {
    const rows = Array.from({ length: 120 }, (_, i) => row(`f${i}`, 200 - i));
    const { shown, more } = splitAtFloor(rows, (r) => r.ms);
    assert.equal(FIRST_ROWS, 50);
    assert.equal(shown.length, 50);
    assert.equal(more.length, 70);
    assert.equal(more[0].name, 'f50');
  });

  it('never lists "(root)" or a nameless row, not even behind "more"', () => {
    assert.equal(isListedFunction('(root)'), false);
    assert.equal(isListedFunction('  '), false);
    assert.equal(isListedFunction('(anonymous)'), true);
    assert.equal(isListedFunction('(garbage collector)'), true);
    const { shown, more } = splitAtFloor([row('(root)', 100), row('', 3), row('main', 2), row('(root)', 0)], (r) => r.ms);
    assert.deepEqual(
      [...shown, ...more].map((r) => r.name),
      ['main'],
    );
  });
});
