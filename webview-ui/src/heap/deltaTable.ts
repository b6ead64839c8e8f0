/**
 * The comparison's plain per-constructor deltas (what DevTools' Comparison view shows): objects
 * new, deleted, and the change in count and shallow size — sortable, 200 rows at a time.
 */
import type { ConstructorDeltaDto } from '../../../src/protocol/heap/views';
import { el } from '../shared/dom';
import { bindRow } from '../shared/rowNavigation';
import { sortRows } from '../shared/sorting';
import { formatBytesDelta, formatCount, formatCountDelta } from '../../../src/format';
import { moreRow } from './moreRow';
import { showMoreLabel } from './paging';
import { SortHeader } from './sortHeader';

const PAGE = 200;

type SortKey = 'name' | 'newCount' | 'deletedCount' | 'countDelta' | 'sizeDelta';

export class DeltaTable {
  readonly element = el('div', { class: 'heap-table delta-table', role: 'grid', 'aria-label': 'Change per constructor' });
  private readonly header: SortHeader<SortKey>;
  private readonly body = el('div', { role: 'rowgroup' });
  private rows: readonly ConstructorDeltaDto[] = [];
  private limit = PAGE;

  constructor() {
    this.header = new SortHeader<SortKey>(
      [
        { key: 'name', label: 'Constructor' },
        { key: 'newCount', label: 'New', numeric: true },
        { key: 'deletedCount', label: 'Deleted', numeric: true },
        { key: 'countDelta', label: 'Δ Count', numeric: true, title: 'Sort by the change in the number of objects' },
        { key: 'sizeDelta', label: 'Δ Size', numeric: true, title: 'Sort by the change in shallow size' },
      ],
      { key: 'sizeDelta', descending: true },
      () => this.render(),
    );
    this.element.append(this.header.element, this.body);
  }

  show(rows: readonly ConstructorDeltaDto[]): void {
    this.rows = rows;
    this.render();
  }

  private render(): void {
    const sorted = sortRows(this.rows, this.header.current, (row, key) => row[key]);
    const shown = sorted.slice(0, this.limit);
    this.body.replaceChildren(
      ...shown.map((row) => {
        const line = el(
          'div',
          { class: 'heap-row delta', role: 'row', 'data-row': '', 'data-class-name': row.name, tabindex: '-1' },
          el('span', { class: 'name', role: 'gridcell' }, row.name),
          el('span', { class: 'num', role: 'gridcell' }, formatCount(row.newCount)),
          el('span', { class: 'num', role: 'gridcell' }, formatCount(row.deletedCount)),
          el('span', { class: `num ${signClass(row.countDelta)}`, role: 'gridcell' }, formatCountDelta(row.countDelta)),
          el('span', { class: `num ${signClass(row.sizeDelta)}`, role: 'gridcell' }, formatBytesDelta(row.sizeDelta)),
        );
        bindRow(this.element, line, {});
        return line;
      }),
    );
    if (sorted.length > shown.length) {
      const rest = sorted.length - shown.length;
      const more = moreRow(this.element, showMoreLabel(rest, PAGE), { twistyColumn: false }, () => {
        this.limit += PAGE;
        this.render();
      });
      this.body.append(more);
    }
    if (shown.length === 0) this.body.append(el('div', { class: 'empty muted' }, 'No constructor changed.'));
    const first = this.body.querySelector<HTMLElement>('[data-row]');
    if (first) first.tabIndex = 0;
  }
}

function signClass(delta: number): string {
  return delta > 0 ? 'grew' : delta < 0 ? 'shrank' : '';
}
