// The row at the end of a heap table that draws the next rows (or the next objects of a
// constructor); a click or Enter on it asks for them.
import { el } from '../shared/dom';
import { bindRow } from '../shared/rowNavigation';

export interface MoreRowShape {
  /** An empty first cell, for tables whose first column is the twisty. */
  readonly twistyColumn: boolean;
  /** Rows of a tree: 1 for constructors, 2 for a constructor's objects. */
  readonly level?: number;
  /** Lets the table put the focus back on it after drawing again. */
  readonly focusKey?: string;
}

export function moreRow(table: HTMLElement, label: string, shape: MoreRowShape, more: () => void): HTMLElement {
  const attributes: Record<string, string> = { class: shape.level ? `heap-row more level-${shape.level}` : 'heap-row more', role: 'row', 'data-row': '' };
  if (shape.focusKey) attributes['data-focus-key'] = shape.focusKey;
  attributes.tabindex = '-1';
  const line = el('div', attributes, ...(shape.twistyColumn ? [el('span')] : []), el('span', { class: 'name link-text' }, label));
  bindRow(table, line, { open: more });
  return line;
}
