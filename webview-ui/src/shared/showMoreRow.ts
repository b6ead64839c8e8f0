// The last row of a profile table while rows wait below the floor (rowFloor.ts): a click or
// Enter replaces it with them, and the focus goes to the first of them.
import { el } from './dom';
import { bindSelectableRow } from './rowNavigation';

export function showMoreRow(container: HTMLElement, count: number, level: number, draw: () => HTMLElement[]): HTMLElement {
  const label = `Show ${count.toLocaleString('en-US')} more`;
  const row = el(
    'div',
    { class: 'row more', role: 'treeitem', 'aria-level': String(level), 'aria-selected': 'false', 'data-row': '', tabindex: '-1' },
    el('span', { class: 'twisty' }),
    el('span', { class: 'swatch' }),
    el('span', { class: 'name link-text' }, label),
  );
  row.style.paddingLeft = `${(level - 1) * 14 + 4}px`;
  let drawn = false;
  const more = () => {
    if (drawn) return; // the click before a double-click drew them already
    drawn = true;
    const rows = draw();
    row.replaceWith(...rows);
    const first = rows[0];
    if (first?.matches('[data-row]')) {
      first.tabIndex = 0;
      first.focus();
    }
  };
  bindSelectableRow(container, row, row, { open: more });
  row.addEventListener('click', more);
  return row;
}
