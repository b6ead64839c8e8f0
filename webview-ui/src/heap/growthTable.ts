/**
 * The comparison's leak ranking: constructors whose new objects are still alive, by the bytes
 * they hold, each row expanding into how a representative object is held (holder first, up to a
 * GC root). The first row starts expanded. Keyboard: ↑/↓ move, →/←/Enter expand/collapse,
 * Ctrl+Enter (or Enter on a path line) opens the source.
 */
import type { GrowthRowDto, RetainerLineDto } from '../../../src/protocol/heap/views';
import { el } from '../shared/dom';
import { locationText } from '../shared/locationText';
import { bindExpandableRow, bindRow } from '../shared/rowNavigation';
import { formatBytesDelta, formatCountDelta } from '../../../src/format';
import { locationLink, type OpenLocation } from './locationLink';
import { moreRow } from './moreRow';
import { showMoreLabel } from './paging';

const PAGE = 100;

export class GrowthTable {
  readonly element = el('div', { class: 'heap-table growth-table', role: 'treegrid', 'aria-label': 'What grew: new objects still alive' });
  private rows: readonly GrowthRowDto[] = [];
  private paths: readonly (readonly RetainerLineDto[])[] = [];
  private limit = PAGE;

  constructor(private readonly open: OpenLocation) {}

  show(rows: readonly GrowthRowDto[], paths: readonly (readonly RetainerLineDto[])[]): void {
    this.rows = rows;
    this.paths = paths;
    this.render();
  }

  private render(): void {
    const header = el(
      'div',
      { class: 'heap-row header', role: 'row' },
      el('span', { role: 'columnheader' }),
      el('span', { role: 'columnheader' }, 'Constructor'),
      el('span', { role: 'columnheader' }, 'Defined at'),
      el('span', { role: 'columnheader', class: 'num', title: 'Objects new since the first snapshot and still alive in the last' }, 'New & alive'),
      el('span', { role: 'columnheader', class: 'num', title: 'Bytes they hold: themselves and the new objects only they keep alive' }, 'Size held'),
    );
    const shown = this.rows.slice(0, this.limit);
    this.element.replaceChildren(header, ...shown.flatMap((row, index) => this.growthRow(row, this.paths[index] ?? [], index === 0)));
    if (this.rows.length > shown.length) {
      const rest = this.rows.length - shown.length;
      const more = moreRow(this.element, showMoreLabel(rest, PAGE), { twistyColumn: true }, () => {
        this.limit += PAGE;
        this.render();
      });
      this.element.append(more);
    }
    const first = this.element.querySelector<HTMLElement>('[data-row]');
    if (first) first.tabIndex = 0;
  }

  private growthRow(row: GrowthRowDto, path: readonly RetainerLineDto[], expanded: boolean): HTMLElement[] {
    const line = el(
      'div',
      {
        class: 'heap-row growth',
        role: 'row',
        'aria-level': '1',
        'aria-expanded': String(expanded),
        'data-row': '',
        'data-class-name': row.name,
        tabindex: '-1',
        title: row.location ? `${row.name} — defined at ${locationText(row.location)} (Ctrl+Enter opens it)` : row.name,
      },
      el('span', { class: 'twisty', 'aria-hidden': 'true' }, expanded ? '▾' : '▸'),
      el('span', { class: 'name', role: 'gridcell' }, row.name),
      el('span', { role: 'gridcell', class: 'where-cell' }, locationLink(row.location, this.open)),
      el('span', { class: 'num', role: 'gridcell' }, formatCountDelta(row.countDelta)),
      el('span', { class: 'num', role: 'gridcell' }, formatBytesDelta(row.sizeDelta)),
    );
    const group = el('div', { role: 'rowgroup', class: 'retainer-lines' });
    group.hidden = !expanded;
    group.append(
      ...(path.length
        ? path.map((step, index) => this.pathLine(step, index))
        : [el('div', { class: 'heap-row level-2 muted' }, el('span'), el('span', { class: 'name' }, 'Held directly by a GC root (V8 internals).'))]),
    );
    const toggle = (expand?: boolean) => {
      const open = expand ?? line.getAttribute('aria-expanded') !== 'true';
      line.setAttribute('aria-expanded', String(open));
      line.querySelector('.twisty')!.textContent = open ? '▾' : '▸';
      group.hidden = !open;
    };
    bindRow(this.element, line, { toggle });
    const location = row.location;
    bindExpandableRow(line, () => toggle(), location && (() => this.open(location)));
    return [line, group];
  }

  private pathLine(step: RetainerLineDto, index: number): HTMLElement {
    const line = el(
      'div',
      { class: 'heap-row level-2 retainer-line', role: 'row', 'aria-level': '2', 'data-row': '', tabindex: '-1' },
      el('span'),
      el(
        'span',
        { class: 'name', role: 'gridcell' },
        el('span', { class: 'arrow', 'aria-hidden': 'true' }, index === 0 ? '← ' : '↑ '),
        el('span', { class: 'via code' }, step.via),
        el('span', { class: 'in muted' }, step.holder ? ' in ' : ''),
        step.holder,
      ),
      el('span', { role: 'gridcell', class: 'where-cell' }, locationLink(step.location, this.open)),
    );
    const location = step.location;
    bindRow(this.element, line, { open: location && (() => this.open(location)) });
    return line;
  }
}
