/**
 * A table's header row whose columns sort it: click (or Enter/Space on the focused button) sorts
 * by that column, again reverses. Numbers sort largest first, names A→Z, at first.
 */
import { el } from '../dom';

export interface Column<K extends string> {
  /** Absent for a column that does not sort (e.g. the twisty, "Defined at"). */
  readonly key?: K;
  readonly label: string;
  readonly numeric?: boolean;
  readonly title?: string;
}

export interface SortState<K extends string> {
  readonly key: K;
  readonly descending: boolean;
}

export class SortHeader<K extends string> {
  readonly element: HTMLElement;
  private state: SortState<K>;
  private readonly buttons = new Map<K, { button: HTMLButtonElement; cell: HTMLElement; label: string }>();

  constructor(
    columns: readonly Column<K>[],
    initial: SortState<K>,
    private readonly onChange: (state: SortState<K>) => void,
  ) {
    this.state = initial;
    this.element = el('div', { class: 'heap-row header', role: 'row' });
    for (const column of columns) {
      const cell = el('span', { role: 'columnheader', class: column.numeric ? 'num' : '' });
      if (column.key) {
        const key = column.key;
        const button = el('button', { type: 'button', class: 'sort', title: column.title ?? `Sort by ${column.label.toLowerCase()}` });
        button.addEventListener('click', () => {
          const descending = this.state.key === key ? !this.state.descending : !!column.numeric;
          this.state = { key, descending };
          this.paint();
          this.onChange(this.state);
        });
        this.buttons.set(key, { button, cell, label: column.label });
        cell.append(button);
      } else {
        cell.textContent = column.label;
      }
      this.element.append(cell);
    }
    this.paint();
  }

  get current(): SortState<K> {
    return this.state;
  }

  private paint(): void {
    for (const [key, { button, cell, label }] of this.buttons) {
      const active = key === this.state.key;
      cell.setAttribute('aria-sort', active ? (this.state.descending ? 'descending' : 'ascending') : 'none');
      button.textContent = active ? `${label} ${this.state.descending ? '▾' : '▴'}` : label;
      button.classList.toggle('active', active);
    }
  }
}

/** Sorts a copy of `rows` by the header's state; ties keep the incoming order. */
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
