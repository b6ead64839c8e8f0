/**
 * The table of allocating functions: bytes each allocated itself (self) and with what it calls
 * (total), sortable by either. Keyboard: ↑/↓ move, Enter opens the function's source line.
 */
import type { AllocationFunctionRowDto } from '../../../src/protocol/memoryViews';
import type { SourceLocationDto } from '../../../src/protocol/profileViews';
import { el, shortPath } from '../dom';
import { bindRow } from '../rowNavigation';
import { formatBytes, formatPct } from './format';

type SortKey = 'selfBytes' | 'totalBytes';

export class AllocationTable {
  readonly element = el('div', { class: 'alloc-table', role: 'grid', 'aria-label': 'Functions by bytes allocated' });
  private rows: readonly AllocationFunctionRowDto[] = [];
  private filter = '';
  private sortBy: SortKey = 'selfBytes';

  constructor(private readonly open: (location: SourceLocationDto) => void) {}

  show(rows: readonly AllocationFunctionRowDto[]): void {
    this.rows = rows;
    this.render();
  }

  setFilter(text: string): void {
    this.filter = text.trim().toLowerCase();
    this.render();
  }

  private render(): void {
    const sortButton = (key: SortKey, label: string) => {
      const button = el('button', { type: 'button', class: 'sort', 'aria-pressed': String(this.sortBy === key), title: `Sort by ${label.toLowerCase()} bytes` }, label, this.sortBy === key ? ' ▾' : '');
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
    const visible = this.rows
      .filter((r) => r[this.sortBy] > 0)
      .filter((r) => !this.filter || r.name.toLowerCase().includes(this.filter) || (r.location?.file.toLowerCase().includes(this.filter) ?? false))
      .sort((a, b) => b[this.sortBy] - a[this.sortBy])
      .slice(0, 500);
    const empty = visible.length === 0 ? [el('div', { class: 'empty-row muted' }, this.filter ? 'No allocating function matches the search.' : 'No allocations were sampled.')] : [];
    this.element.replaceChildren(header, ...visible.map((row) => this.item(row)), ...empty);
    const first = this.element.querySelector<HTMLElement>('[data-row]');
    if (first) first.tabIndex = 0;
  }

  private item(row: AllocationFunctionRowDto): HTMLElement {
    const where = row.location ? `${shortPath(row.location.file)}:${row.location.line}` : '(V8)';
    const line = el(
      'div',
      { class: 'alloc-row', role: 'row', 'data-row': '', tabindex: '-1', 'data-name': row.name, title: row.location ? `${row.location.file}:${row.location.line}` : 'No source: V8 or native code' },
      el('span', { class: `swatch cat-${row.category}`, 'aria-hidden': 'true' }),
      el('span', { role: 'gridcell', class: 'name' }, row.name),
      el('span', { role: 'gridcell', class: 'where' }, where),
      el('span', { role: 'gridcell', class: 'num' }, formatBytes(row.selfBytes)),
      el('span', { role: 'gridcell', class: 'num' }, formatPct(row.selfPct)),
      el('span', { role: 'gridcell', class: 'num muted' }, formatBytes(row.totalBytes)),
      el('span', { role: 'gridcell', class: 'num muted' }, formatPct(row.totalPct)),
    );
    const location = row.location;
    bindRow(this.element, line, location ? { open: () => this.open(location) } : {});
    return line;
  }
}
