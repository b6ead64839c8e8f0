/**
 * Bottom-up table: functions by self time (inlining-aware, as the annotations), each row
 * expanding into who calls it and what it calls. A click selects, the expander (or →/←, Space)
 * expands, Enter, a double-click or the file link opens the source. Rows of no time and rows
 * past the 50th wait behind "Show N more".
 */
import type { FunctionRelationsDto, FunctionRowDto, RelationDto } from '../../../src/protocol/profile/views';
import type { SourceLocationDto } from '../../../src/protocol/shared/views';
import { el } from '../shared/dom';
import { splitAtFloor } from '../shared/rowFloor';
import { bindSelectableRow } from '../shared/rowNavigation';
import { showMoreRow } from '../shared/showMoreRow';
import { filterText, matchesNameOrFile } from '../shared/textFilter';
import { isLocalFile, timeCells, timeFormat, timeHeader, timeLabel, type TimeFormat } from '../shared/timeColumns';

export interface TableEvents {
  expand(key: string): void;
  open(location: SourceLocationDto): void;
}

export class BottomUpTable {
  readonly element = el('div', { class: 'table', role: 'tree', 'aria-label': 'Bottom-up: functions by self time' });
  private readonly details = new Map<string, HTMLElement>();
  private filter = '';
  private rows: readonly FunctionRowDto[] = [];

  constructor(private readonly events: TableEvents) {}

  show(rows: readonly FunctionRowDto[]): void {
    this.rows = rows;
    this.render();
  }

  setFilter(text: string): void {
    this.filter = filterText(text);
    this.render();
  }

  showRelations(relations: FunctionRelationsDto): void {
    const target = this.details.get(relations.key);
    if (!target) return;
    target.replaceChildren(this.relationGroup('Called by', relations.callers), this.relationGroup('Calls', relations.callees));
  }

  private render(): void {
    this.details.clear();
    const rows = this.rows.filter((r) => matchesNameOrFile(r, this.filter));
    // One unit per column, from every row (those behind "Show more" too): showing them switches no unit.
    const format = timeFormat(Math.max(0, ...rows.map((r) => r.selfMs)), Math.max(0, ...rows.map((r) => r.totalMs)));
    const { shown, more } = splitAtFloor(rows, (r) => r.selfMs);
    const items = shown.map((row) => this.item(row, format));
    if (more.length) items.push(showMoreRow(this.element, more.length, 1, () => more.map((row) => this.item(row, format))));
    this.element.replaceChildren(timeHeader(), ...items);
    const first = this.element.querySelector<HTMLElement>('[data-row]');
    if (first) first.tabIndex = 0;
  }

  private item(row: FunctionRowDto, format: TimeFormat): HTMLElement {
    const open = isLocalFile(row.location) ? this.events.open : undefined;
    const line = el('div', { class: 'row' }, ...timeCells(row, '▸', format, this.events.open));
    const details = el('div', { role: 'group', class: 'relations', hidden: '' });
    const item = el(
      'div',
      {
        role: 'treeitem',
        'aria-level': '1',
        'aria-expanded': 'false',
        'aria-selected': 'false',
        'aria-label': timeLabel(row),
        'data-row': '',
        'data-key': row.key,
        tabindex: '-1',
      },
      line,
      details,
    );
    const toggle = (expand?: boolean) => {
      const opened = expand ?? item.getAttribute('aria-expanded') !== 'true';
      item.setAttribute('aria-expanded', String(opened));
      details.hidden = !opened;
      line.querySelector('.twisty')!.textContent = opened ? '▾' : '▸';
      if (opened && details.childElementCount === 0) {
        this.details.set(row.key, details);
        details.append(el('div', { class: 'muted loading-row' }, 'Loading…'));
        this.events.expand(row.key);
      }
    };
    const location = row.location;
    bindSelectableRow(this.element, item, line, { toggle, open: open && location && (() => open(location)) });
    return item;
  }

  private relationGroup(title: string, relations: readonly RelationDto[]): HTMLElement {
    const format = timeFormat(Math.max(0, ...relations.map((r) => r.ms)), 0);
    const rows = relations.map((r) => {
      const cells = { name: r.name, location: r.location, selfMs: r.ms, selfPct: r.pct };
      const line = el(
        'div',
        {
          class: 'row relation',
          role: 'treeitem',
          'aria-level': '2',
          'aria-selected': 'false',
          'aria-label': `${title}: ${timeLabel(cells)}`,
          'data-row': '',
          tabindex: '-1',
        },
        ...timeCells(cells, '', format, this.events.open),
      );
      const location = r.location;
      const open = isLocalFile(location) ? () => this.events.open(location) : undefined;
      bindSelectableRow(this.element, line, line, { open });
      return line;
    });
    return el(
      'div',
      { class: 'relation-group', role: 'none' },
      el('div', { class: 'relation-title muted' }, relations.length ? title : `${title}: nobody`),
      ...rows,
    );
  }
}
