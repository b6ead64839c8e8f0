// Column sorting of the heap tables: what a click does, and the order it gives.
import * as assert from 'node:assert/strict';
import { clickedSort, sortRows, type SortState } from '../../../../webview-ui/src/shared/sorting';

type Key = 'name' | 'size';
interface Row {
  readonly name: string;
  readonly size: number;
}

const rows: readonly Row[] = [
  { name: 'Beta', size: 20 },
  { name: 'alpha', size: 30 },
  { name: 'Gamma', size: 20 },
  { name: 'delta', size: 10 },
];
const byKey = (row: Row, key: Key) => row[key];
const names = (sorted: readonly Row[]) => sorted.map((r) => r.name);

describe('webview table sorting', () => {
  it('sorts a new column largest first when it holds numbers, A→Z when it holds names', () => {
    const current: SortState<Key> = { key: 'size', descending: true };
    assert.deepEqual(clickedSort(current, 'name', false), { key: 'name', descending: false });
    assert.deepEqual(clickedSort({ key: 'name', descending: false }, 'size', true), { key: 'size', descending: true });
  });

  it('reverses on a second click on the same column', () => {
    assert.deepEqual(clickedSort({ key: 'size', descending: true }, 'size', true), { key: 'size', descending: false });
    assert.deepEqual(clickedSort({ key: 'name', descending: false }, 'name', false), { key: 'name', descending: true });
  });

  it('orders numbers, keeping the incoming order of equal values either way', () => {
    assert.deepEqual(names(sortRows(rows, { key: 'size', descending: true }, byKey)), ['alpha', 'Beta', 'Gamma', 'delta']);
    assert.deepEqual(names(sortRows(rows, { key: 'size', descending: false }, byKey)), ['delta', 'Beta', 'Gamma', 'alpha']);
  });

  it('orders names alphabetically, not by upper case first', () => {
    assert.deepEqual(names(sortRows(rows, { key: 'name', descending: false }, byKey)), ['alpha', 'Beta', 'delta', 'Gamma']);
    assert.deepEqual(names(sortRows(rows, { key: 'name', descending: true }, byKey)), ['Gamma', 'delta', 'Beta', 'alpha']);
  });

  it('returns a sorted copy and leaves the rows it was given alone', () => {
    const before = names(rows);
    sortRows(rows, { key: 'size', descending: true }, byKey);
    assert.deepEqual(names(rows), before);
  });
});
