// Mouse and keyboard behaviour shared by the rows of every tree and table: click toggles and
// opens; the keys do what rowKeys.ts says, with a roving tabindex among the visible rows.
import { expandableRowKey, movedRowIndex, rowKeyAction } from './rowKeys';

export interface RowActions {
  /** Expand (true), collapse (false) or flip (undefined); absent for rows that do not expand. */
  toggle?(expand?: boolean): void;
  /** Open the row's source, if it has one. */
  open?(): void;
}

export function bindRow(container: HTMLElement, line: HTMLElement, actions: RowActions): void {
  line.addEventListener('click', () => {
    actions.toggle?.();
    actions.open?.();
  });
  line.addEventListener('keydown', (event) => {
    const action = rowKeyAction(event.key, { expands: !!actions.toggle, opens: !!actions.open });
    if (!action) return;
    if (action === 'next' || action === 'previous') moveFocus(container, line, action === 'next' ? 1 : -1);
    else if (action === 'open') actions.open?.();
    else actions.toggle?.(action === 'expand');
    event.preventDefault();
  });
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

function moveFocus(container: HTMLElement, from: HTMLElement, delta: number): void {
  const rows = [...container.querySelectorAll<HTMLElement>('[data-row]')].filter((r) => r.offsetParent !== null);
  const at = movedRowIndex(rows.indexOf(from), delta, rows.length);
  if (at === undefined) return;
  from.tabIndex = -1;
  rows[at].tabIndex = 0;
  rows[at].focus();
}
