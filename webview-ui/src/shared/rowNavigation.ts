// Mouse and keyboard behaviour shared by the rows of every tree and table: the keys do what
// rowKeys.ts says, with a roving tabindex among the visible rows.
import { expandableRowKey, movedRowIndex, rowKeyAction } from './rowKeys';

export interface RowActions {
  /** Expand (true), collapse (false) or flip (undefined); absent for rows that do not expand. */
  toggle?(expand?: boolean): void;
  /** Open the row's source, if it has one. */
  open?(): void;
}

/** A click toggles and opens (the heap and allocation tables); see `bindSelectableRow` for select-on-click. */
export function bindRow(container: HTMLElement, line: HTMLElement, actions: RowActions): void {
  line.addEventListener('click', () => {
    actions.toggle?.();
    actions.open?.();
  });
  line.addEventListener('keydown', (event) => {
    if (keyAction(container, line, actions, event.key)) event.preventDefault();
  });
}

/**
 * Rows as in DevTools and speedscope: a click selects (and focuses) the row, a click on its
 * expander (`.twisty`) toggles it, and the source opens only on an explicit action — Enter,
 * a double-click, or the row's file link (which calls `open` itself). `row` gets the focus and
 * `aria-selected`; `line` is what is clicked (the row itself, or its line when the row holds its
 * children as a tree item does). Keys pressed on a nested row are left to that row.
 */
export function bindSelectableRow(container: HTMLElement, row: HTMLElement, line: HTMLElement, actions: RowActions): void {
  line.addEventListener('click', (event) => {
    select(container, row);
    if (actions.toggle && (event.target as Element).closest('.twisty')) actions.toggle();
  });
  line.addEventListener('dblclick', (event) => {
    if ((event.target as Element).closest('.twisty, a')) return;
    actions.open?.();
  });
  row.addEventListener('keydown', (event) => {
    if (event.target !== row) return;
    if (event.key === ' ' && actions.toggle) actions.toggle();
    else if (!keyAction(container, row, actions, event.key)) return;
    event.preventDefault();
  });
}

/** Marks `row` as the selected one of `container` and gives it the focus (and the tab stop). */
export function select(container: HTMLElement, row: HTMLElement): void {
  container.querySelectorAll('[aria-selected="true"]').forEach((r) => r.setAttribute('aria-selected', 'false'));
  row.setAttribute('aria-selected', 'true');
  focusRow(container, row);
}

/** Enter/Space toggles `line`, Ctrl+Enter opens its source (see `expandableRowKey`); on top of `bindRow`. */
export function bindExpandableRow(line: HTMLElement, toggle: () => void, open: (() => void) | undefined): void {
  line.addEventListener('keydown', (event) => {
    const action = expandableRowKey(event.key, event.ctrlKey || event.metaKey);
    if (!action) return;
    if (action === 'toggle') toggle();
    else open?.();
    event.preventDefault();
  });
}

/** Does what `key` means on `row`; false when it means nothing there. */
function keyAction(container: HTMLElement, row: HTMLElement, actions: RowActions, key: string): boolean {
  const action = rowKeyAction(key, { expands: !!actions.toggle, opens: !!actions.open });
  if (!action) return false;
  if (action === 'next' || action === 'previous') moveFocus(container, row, action === 'next' ? 1 : -1);
  else if (action === 'first' || action === 'last') moveFocus(container, row, action === 'first' ? -Infinity : Infinity);
  else if (action === 'open') actions.open?.();
  else actions.toggle?.(action === 'expand');
  return true;
}

function moveFocus(container: HTMLElement, from: HTMLElement, delta: number): void {
  const rows = [...container.querySelectorAll<HTMLElement>('[data-row]')].filter((r) => r.offsetParent !== null);
  const at = movedRowIndex(rows.indexOf(from), delta, rows.length);
  if (at !== undefined) focusRow(container, rows[at]);
}

function focusRow(container: HTMLElement, row: HTMLElement): void {
  container.querySelectorAll<HTMLElement>('[data-row][tabindex="0"]').forEach((r) => (r.tabIndex = -1));
  row.tabIndex = 0;
  row.focus();
}
