// Mouse and keyboard behaviour shared by the rows of the top-down tree and the bottom-up table:
// click toggles and opens; ↑/↓ move (roving tabindex), →/← expand/collapse, Enter opens.

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
    if (event.key === 'ArrowDown') moveFocus(container, line, 1);
    else if (event.key === 'ArrowUp') moveFocus(container, line, -1);
    else if (event.key === 'ArrowRight' && actions.toggle) actions.toggle(true);
    else if (event.key === 'ArrowLeft' && actions.toggle) actions.toggle(false);
    else if (event.key === 'Enter' && actions.open) actions.open();
    else return;
    event.preventDefault();
  });
}

function moveFocus(container: HTMLElement, from: HTMLElement, delta: number): void {
  const rows = [...container.querySelectorAll<HTMLElement>('[data-row]')].filter((r) => r.offsetParent !== null);
  const at = rows.indexOf(from);
  const next = rows[Math.max(0, Math.min(rows.length - 1, at + delta))];
  if (!next || next === from) return;
  from.tabIndex = -1;
  next.tabIndex = 0;
  next.focus();
}
