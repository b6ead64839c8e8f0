/**
 * Top-down call tree: from the entry points down to the callees, children fetched when a row
 * is expanded. Keyboard: ↑/↓ move, → expands, ← collapses, Enter opens the source.
 */
import type { TreeRowDto } from '../../../src/protocol/profile/views';
import type { SourceLocationDto } from '../../../src/protocol/shared/views';
import { el } from '../shared/dom';
import { locationText, shortLocationText } from '../shared/locationText';
import { formatDuration, formatPercent } from '../../../src/format';
import { bindRow } from '../shared/rowNavigation';

export interface TreeEvents {
  expand(nodeId: number): void;
  open(location: SourceLocationDto): void;
}

export class TopDownTree {
  readonly element = el('div', { class: 'tree', role: 'tree', 'aria-label': 'Top-down call tree' });
  private readonly rowsById = new Map<number, HTMLElement>();

  constructor(private readonly events: TreeEvents) {}

  show(roots: readonly TreeRowDto[]): void {
    this.rowsById.clear();
    this.element.replaceChildren(...roots.map((row) => this.item(row, 1)));
    const first = this.element.querySelector<HTMLElement>('[data-row]');
    if (first) first.tabIndex = 0;
  }

  addChildren(parentId: number, rows: readonly TreeRowDto[]): void {
    const parent = this.rowsById.get(parentId)?.parentElement;
    const group = parent?.querySelector(':scope > [role="group"]');
    if (!parent || !group) return;
    const level = Number(parent.getAttribute('aria-level')) + 1;
    group.replaceChildren(...rows.map((row) => this.item(row, level)));
  }

  private item(row: TreeRowDto, level: number): HTMLElement {
    const line = el(
      'div',
      { class: 'row', 'data-row': '', tabindex: '-1', title: locationText(row.location) || row.name },
      el('span', { class: 'twisty', 'aria-hidden': 'true' }, row.hasChildren ? '▸' : ''),
      el('span', { class: `swatch cat-${row.category}`, 'aria-hidden': 'true' }),
      el('span', { class: 'name' }, row.name),
      el('span', { class: 'where' }, shortLocationText(row.location)),
      el('span', { class: 'num' }, formatDuration(row.totalMs)),
      el('span', { class: 'num' }, formatPercent(row.totalPct)),
      el('span', { class: 'num muted' }, formatDuration(row.selfMs)),
    );
    line.style.paddingLeft = `${(level - 1) * 14 + 4}px`;
    const item = el('div', { role: 'treeitem', 'aria-level': String(level) }, line);
    if (row.hasChildren) {
      item.setAttribute('aria-expanded', 'false');
      item.append(el('div', { role: 'group', hidden: '' }));
    }
    this.rowsById.set(row.id, line);
    const toggle = (expand?: boolean) => this.toggle(item, row, expand);
    const location = row.location;
    bindRow(this.element, line, { toggle, open: location && (() => this.events.open(location)) });
    return item;
  }

  private toggle(item: HTMLElement, row: TreeRowDto, expand?: boolean): void {
    if (!row.hasChildren) return;
    const group = item.querySelector<HTMLElement>(':scope > [role="group"]')!;
    const open = expand ?? item.getAttribute('aria-expanded') !== 'true';
    item.setAttribute('aria-expanded', String(open));
    group.hidden = !open;
    item.querySelector(':scope > .row > .twisty')!.textContent = open ? '▾' : '▸';
    if (open && group.childElementCount === 0) {
      group.append(el('div', { class: 'muted loading-row' }, 'Loading…'));
      this.events.expand(row.id);
    }
  }
}
