/**
 * Bottom-up table: functions by self time (inlining-aware, as the annotations), each row
 * expanding into who calls it and what it calls. Keyboard: ↑/↓ move, →/← expand/collapse,
 * Enter opens the source.
 */
import type { FunctionRelationsDto, FunctionRowDto, RelationDto } from '../../../src/protocol/profile/views';
import type { SourceLocationDto } from '../../../src/protocol/shared/views';
import { el } from '../shared/dom';
import { locationText, shortLocationText } from '../shared/locationText';
import { formatDuration, formatPercent } from '../../../src/format';
import { bindRow } from '../shared/rowNavigation';
import { filterText, matchesNameOrFile } from '../shared/textFilter';

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
    const header = el(
      'div',
      { class: 'row header', 'aria-hidden': 'true' },
      el('span', { class: 'twisty' }),
      el('span', { class: 'swatch' }),
      el('span', { class: 'name' }, 'Function'),
      el('span', { class: 'where' }, 'Source'),
      el('span', { class: 'num' }, 'Self'),
      el('span', { class: 'num' }, 'Self %'),
      el('span', { class: 'num muted' }, 'Total'),
    );
    const visible = this.rows.filter((r) => matchesNameOrFile(r, this.filter));
    this.element.replaceChildren(header, ...visible.map((row) => this.item(row)));
    const first = this.element.querySelector<HTMLElement>('[data-row]');
    if (first) first.tabIndex = 0;
  }

  private item(row: FunctionRowDto): HTMLElement {
    const line = el(
      'div',
      { class: 'row', 'data-row': '', tabindex: '-1', title: locationText(row.location) || row.name },
      el('span', { class: 'twisty', 'aria-hidden': 'true' }, '▸'),
      el('span', { class: `swatch cat-${row.category}`, 'aria-hidden': 'true' }),
      el('span', { class: 'name' }, row.name),
      el('span', { class: 'where' }, shortLocationText(row.location)),
      el('span', { class: 'num' }, formatDuration(row.selfMs)),
      el('span', { class: 'num' }, formatPercent(row.selfPct)),
      el('span', { class: 'num muted' }, formatDuration(row.totalMs)),
    );
    const details = el('div', { role: 'group', class: 'relations', hidden: '' });
    const item = el('div', { role: 'treeitem', 'aria-expanded': 'false', 'data-key': row.key }, line, details);
    const toggle = (expand?: boolean) => {
      const open = expand ?? item.getAttribute('aria-expanded') !== 'true';
      item.setAttribute('aria-expanded', String(open));
      details.hidden = !open;
      line.querySelector('.twisty')!.textContent = open ? '▾' : '▸';
      if (open && details.childElementCount === 0) {
        this.details.set(row.key, details);
        details.append(el('div', { class: 'muted loading-row' }, 'Loading…'));
        this.events.expand(row.key);
      }
    };
    const location = row.location;
    bindRow(this.element, line, { toggle, open: location && (() => this.events.open(location)) });
    return item;
  }

  private relationGroup(title: string, relations: readonly RelationDto[]): HTMLElement {
    const rows = relations.map((r) => {
      const line = el(
        'div',
        { class: 'row relation', 'data-row': '', tabindex: '-1', title: locationText(r.location) || r.name },
        el('span', { class: 'twisty' }),
        el('span', { class: 'swatch' }),
        el('span', { class: 'name' }, r.name),
        el('span', { class: 'where' }, shortLocationText(r.location)),
        el('span', { class: 'num' }, formatDuration(r.ms)),
        el('span', { class: 'num' }, formatPercent(r.pct)),
        el('span', { class: 'num' }),
      );
      const location = r.location;
      bindRow(this.element, line, { open: location && (() => this.events.open(location)) });
      return line;
    });
    return el('div', { class: 'relation-group' }, el('div', { class: 'relation-title muted' }, relations.length ? title : `${title}: nobody`), ...rows);
  }
}
