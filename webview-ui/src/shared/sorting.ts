/**
 * How the tables sort (no DOM, so it is tested in Node): a click on a column sorts by it — numbers
 * largest first, names A→Z — and a second click on the same column reverses.
 */
export interface SortState<K extends string> {
  readonly key: K;
  readonly descending: boolean;
}

/** The sort after a click on column `key`. */
export function clickedSort<K extends string>(current: SortState<K>, key: K, numeric: boolean): SortState<K> {
  return { key, descending: current.key === key ? !current.descending : numeric };
}

/** Sorts a copy of `rows` by `state`; ties keep the incoming order. */
export function sortRows<T, K extends string>(rows: readonly T[], state: SortState<K>, value: (row: T, key: K) => number | string): T[] {
  const sign = state.descending ? -1 : 1;
  return rows
    .map((row, index) => ({ row, index, v: value(row, state.key) }))
    .sort((a, b) => {
      const order = typeof a.v === 'string' ? a.v.localeCompare(b.v as string) : a.v - (b.v as number);
      return order * sign || a.index - b.index;
    })
    .map((entry) => entry.row);
}
