// Arrow-key movement over focusable rows (roving tabindex), shared by the tree and the table.
export function moveFocus(container: HTMLElement, from: HTMLElement, delta: number): void {
  const rows = [...container.querySelectorAll<HTMLElement>('[data-row]')].filter((r) => r.offsetParent !== null);
  const at = rows.indexOf(from);
  const next = rows[Math.max(0, Math.min(rows.length - 1, at + delta))];
  if (!next || next === from) return;
  from.tabIndex = -1;
  next.tabIndex = 0;
  next.focus();
}
