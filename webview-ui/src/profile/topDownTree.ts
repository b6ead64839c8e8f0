/**
 * Top-down call tree: from the entry points down to the callees, children fetched when a row
 * is expanded. The same columns as bottom-up, in the same order. A click selects, the expander
 * (or →/←, Space) expands, Enter, a double-click or the file link opens the source. Children of
 * no time and past the 50th wait behind "Show N more".
 */
import type { TreeRowDto } from '../../../src/protocol/profile/views';
import type { SourceLocationDto } from '../../../src/protocol/shared/views';
import { el } from '../shared/dom';
import { splitAtFloor } from '../shared/rowFloor';
import { bindSelectableRow } from '../shared/rowNavigation';
import { showMoreRow } from '../shared/showMoreRow';
import { isLocalFile, timeCells, timeFormat, timeHeader, timeLabel, type TimeFormat } from '../shared/timeColumns';

export interface TreeEvents {
  expand(nodeId: number): void;
  open(location: SourceLocationDto): void;
}

export class TopDownTree {
  readonly element = el('div', { class: 'tree', role: 'tree', 'aria-label': 'Top-down call tree' });
  private readonly rowsById = new Map<number, HTMLElement>();
  /** One unit for every level, from the whole tree's time: expanding a node switches no unit under the user's eye. */
  private format: TimeFormat = timeFormat(0, 0);

  constructor(private readonly events: TreeEvents) {}

  show(roots: readonly TreeRowDto[]): void {
    this.rowsById.clear();
    const wholeMs = roots.reduce((sum, r) => sum + r.totalMs, 0);
    this.format = timeFormat(wholeMs, wholeMs);
    this.element.replaceChildren(timeHeader(), ...this.items(roots, 1));
    const first = this.element.querySelector<HTMLElement>('[data-row]');
    if (first) first.tabIndex = 0;
  }

  addChildren(parentId: number, rows: readonly TreeRowDto[]): void {
    const parent = this.rowsById.get(parentId);
    const group = parent?.querySelector(':scope > [role="group"]');
    if (!parent || !group) return;
    const level = Number(parent.getAttribute('aria-level')) + 1;
    group.replaceChildren(...this.items(rows, level));
  }

  private items(rows: readonly TreeRowDto[], level: number): HTMLElement[] {
    const { shown, more } = splitAtFloor(rows, (r) => r.totalMs);
    const items = shown.map((row) => this.item(row, level));
    if (more.length) items.push(showMoreRow(this.element, more.length, level, () => more.map((row) => this.item(row, level))));
    return items;
  }

  private item(row: TreeRowDto, level: number): HTMLElement {
    // Self % comes from the engine (one rounding for every share); until it sends it, from the row's own figures.
    const cells = { ...row, selfPct: row.selfPct ?? (row.totalMs ? (row.selfMs / row.totalMs) * row.totalPct : 0) };
    const line = el('div', { class: 'row' }, ...timeCells(cells, row.hasChildren ? '▸' : '', this.format, this.events.open));
    line.style.paddingLeft = `${(level - 1) * 14 + 4}px`;
    const item = el(
      'div',
      { role: 'treeitem', 'aria-level': String(level), 'aria-selected': 'false', 'aria-label': timeLabel(cells), 'data-row': '', tabindex: '-1' },
      line,
    );
    if (row.hasChildren) {
      item.setAttribute('aria-expanded', 'false');
      item.append(el('div', { role: 'group', hidden: '' }));
    }
    this.rowsById.set(row.id, item);
    const location = row.location;
    const open = isLocalFile(location) ? () => this.events.open(location) : undefined;
    bindSelectableRow(this.element, item, line, { toggle: row.hasChildren ? (expand) => this.toggle(item, row, expand) : undefined, open });
    return item;
  }

  private toggle(item: HTMLElement, row: TreeRowDto, expand?: boolean): void {
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
