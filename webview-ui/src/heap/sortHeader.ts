/**
 * A table's header row whose columns sort it (click, or Enter/Space on the focused button), showing
 * which column sorts and which way; the order itself is shared/sorting.ts.
 */
import { el } from '../shared/dom';
import { clickedSort, type SortState } from '../shared/sorting';

export interface Column<K extends string> {
  /** Absent for a column that does not sort (e.g. the twisty, "Defined at"). */
  readonly key?: K;
  readonly label: string;
  readonly numeric?: boolean;
  readonly title?: string;
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
          this.state = clickedSort(this.state, key, !!column.numeric);
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
