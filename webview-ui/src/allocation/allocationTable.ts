/**
 * The table of allocating functions: bytes each allocated itself (self) and with what it calls
 * (total), sortable by either (allocationRows.ts chooses the rows). Keyboard: ↑/↓ move, Enter
 * opens the function's source line.
 */
import type { AllocationFunctionRowDto } from '../../../src/protocol/allocation/views';
import type { SourceLocationDto } from '../../../src/protocol/shared/views';
import { el } from '../shared/dom';
import { locationText, shortLocationText } from '../shared/locationText';
import { formatBytes, formatPercent } from '../../../src/format';
import { bindRow } from '../shared/rowNavigation';
import { filterText } from '../shared/textFilter';
import { allocationRowsShown, type AllocationSortKey } from './allocationRows';

export class AllocationTable {
  readonly element = el('div', { class: 'alloc-table', role: 'grid', 'aria-label': 'Functions by bytes allocated' });
  private rows: readonly AllocationFunctionRowDto[] = [];
  private filter = '';
  private sortBy: AllocationSortKey = 'selfBytes';

  constructor(private readonly open: (location: SourceLocationDto) => void) {}

  show(rows: readonly AllocationFunctionRowDto[]): void {
    this.rows = rows;
    this.render();
  }

  setFilter(text: string): void {
    this.filter = filterText(text);
    this.render();
  }

  private render(): void {
    const sortButton = (key: AllocationSortKey, label: string) => {
      const button = el(
        'button',
        { type: 'button', class: 'sort', 'aria-pressed': String(this.sortBy === key), title: `Sort by ${label.toLowerCase()} bytes` },
        label,
        this.sortBy === key ? ' ▾' : '',
      );
      button.addEventListener('click', () => {
        this.sortBy = key;
        this.render();
      });
      return button;
    };
    const header = el(
      'div',
      { class: 'alloc-row header', role: 'row' },
      el('span', { class: 'swatch' }),
      el('span', { role: 'columnheader' }, 'Function'),
      el('span', { role: 'columnheader' }, 'Source'),
      el('span', { role: 'columnheader', class: 'num' }, sortButton('selfBytes', 'Self')),
      el('span', { role: 'columnheader', class: 'num' }, 'Self %'),
      el('span', { role: 'columnheader', class: 'num' }, sortButton('totalBytes', 'Total')),
      el('span', { role: 'columnheader', class: 'num' }, 'Total %'),
    );
    const visible = allocationRowsShown(this.rows, this.sortBy, this.filter);
    const empty =
      visible.length === 0
        ? [el('div', { class: 'empty-row muted' }, this.filter ? 'No allocating function matches the search.' : 'No allocations were sampled.')]
        : [];
    this.element.replaceChildren(header, ...visible.map((row) => this.item(row)), ...empty);
    const first = this.element.querySelector<HTMLElement>('[data-row]');
    if (first) first.tabIndex = 0;
  }

  private item(row: AllocationFunctionRowDto): HTMLElement {
    const where = shortLocationText(row.location) || '(V8)';
    const line = el(
      'div',
      {
        class: 'alloc-row',
        role: 'row',
        'data-row': '',
        tabindex: '-1',
        'data-name': row.name,
        title: locationText(row.location) || 'No source: V8 or native code',
      },
      el('span', { class: `swatch cat-${row.category}`, 'aria-hidden': 'true' }),
      el('span', { role: 'gridcell', class: 'name' }, row.name),
      el('span', { role: 'gridcell', class: 'where' }, where),
      el('span', { role: 'gridcell', class: 'num' }, formatBytes(row.selfBytes)),
      el('span', { role: 'gridcell', class: 'num' }, formatPercent(row.selfPct)),
      el('span', { role: 'gridcell', class: 'num muted' }, formatBytes(row.totalBytes)),
      el('span', { role: 'gridcell', class: 'num muted' }, formatPercent(row.totalPct)),
    );
    const location = row.location;
    bindRow(this.element, line, location ? { open: () => this.open(location) } : {});
    return line;
  }
}
