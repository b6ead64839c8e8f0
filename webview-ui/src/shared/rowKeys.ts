/**
 * What the keys do in the rows of the trees and tables (no DOM, so it is tested in Node):
 * ↑/↓ move, Home/End go to the first/last row, →/← expand/collapse a row that expands,
 * Enter opens a row that opens.
 */
export type RowKeyAction = 'next' | 'previous' | 'first' | 'last' | 'expand' | 'collapse' | 'open';

export function rowKeyAction(key: string, row: { readonly expands: boolean; readonly opens: boolean }): RowKeyAction | undefined {
  if (key === 'ArrowDown') return 'next';
  if (key === 'ArrowUp') return 'previous';
  if (key === 'Home') return 'first';
  if (key === 'End') return 'last';
  if (key === 'ArrowRight' && row.expands) return 'expand';
  if (key === 'ArrowLeft' && row.expands) return 'collapse';
  if (key === 'Enter' && row.opens) return 'open';
  return undefined;
}

/** The row to focus after moving `delta` from row `at` of `count`: stops at the first and the last row. */
export function movedRowIndex(at: number, delta: number, count: number): number | undefined {
  if (count === 0) return undefined;
  const next = Math.max(0, Math.min(count - 1, at + delta));
  return next === at ? undefined : next;
}

/**
 * Rows of the heap tables that expand and have a source: Enter or Space expands or collapses,
 * Ctrl+Enter (⌘+Enter) opens the source — Enter alone is taken by expanding.
 */
export function expandableRowKey(key: string, withCommandKey: boolean): 'toggle' | 'open' | undefined {
  if (key === 'Enter' && withCommandKey) return 'open';
  if (key === 'Enter' || key === ' ') return 'toggle';
  return undefined;
}
