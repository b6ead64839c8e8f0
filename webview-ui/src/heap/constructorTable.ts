/**
 * The snapshot's constructors: name, count, shallow and retained size (with their share of the
 * heap), sortable and filtered by name, drawn 200 at a time with "Show more" so 10k+ rows stay
 * fast. A row expands into its objects, 50 at a time; choosing an object shows its retainers.
 * Keyboard: ↑/↓ move, →/← or Enter expand/collapse, Enter on an object selects it,
 * Ctrl+Enter opens where the constructor is defined.
 */
import type { ConstructorRowDto, InstancePageDto, InstanceRowDto } from '../../../src/protocol/heap/views';
import { el } from '../shared/dom';
import { locationText } from '../shared/locationText';
import { bindExpandableRow, bindRow } from '../shared/rowNavigation';
import { sortRows } from '../shared/sorting';
import { formatBytes, formatCount, formatShare } from '../../../src/format';
import { locationLink, type OpenLocation } from './locationLink';
import { moreRow } from './moreRow';
import { constructorCount, showMoreLabel } from './paging';
import { SortHeader } from './sortHeader';

export const CONSTRUCTOR_PAGE = 200;

type SortKey = 'name' | 'count' | 'shallowSize' | 'retainedSize';

export interface ConstructorTableEvents {
  /** The next objects of a constructor, from `offset`. */
  loadInstances(classId: number, offset: number): void;
  /** An object was chosen: show what keeps it alive. */
  selectInstance(row: InstanceRowDto): void;
  /** Open where a constructor is defined. */
  open: OpenLocation;
}

interface Instances {
  total: number;
  rows: InstanceRowDto[];
  loading: boolean;
}

export class ConstructorTable {
  readonly element = el('div', { class: 'heap-table ctor-table', role: 'treegrid', 'aria-label': 'Constructors' });
  /** "Showing 200 of 1,234 constructors", for the toolbar. */
  readonly status = el('span', { class: 'muted', 'aria-live': 'polite' });
  private readonly header: SortHeader<SortKey>;
  private readonly body = el('div', { role: 'rowgroup' });
  private rows: readonly ConstructorRowDto[] = [];
  private totalSize = 1;
  private filter = '';
  private limit = CONSTRUCTOR_PAGE;
  private readonly expanded = new Set<number>();
  private readonly instances = new Map<number, Instances>();
  private readonly groups = new Map<number, HTMLElement>();
  private selected: number | undefined;
  /** After "more…" from the keyboard: the object row to focus once its page arrives. */
  private pendingFocus: { classId: number; index: number } | undefined;

  constructor(private readonly events: ConstructorTableEvents) {
    this.header = new SortHeader<SortKey>(
      [
        { label: '' },
        { key: 'name', label: 'Constructor' },
        { label: 'Defined at' },
        { key: 'count', label: 'Count', numeric: true },
        { key: 'shallowSize', label: 'Shallow size', numeric: true, title: 'Sort by shallow size: the bytes of the objects themselves' },
        { key: 'retainedSize', label: 'Retained size', numeric: true, title: 'Sort by retained size: what freeing all of them would free' },
      ],
      { key: 'retainedSize', descending: true },
      () => this.render(),
    );
    this.element.append(this.header.element, this.body);
  }

  show(rows: readonly ConstructorRowDto[], totalSize: number): void {
    this.rows = rows;
    this.totalSize = totalSize || 1;
    this.render();
  }

  setFilter(text: string): void {
    const filter = text.trim().toLowerCase();
    if (filter === this.filter) return;
    this.filter = filter;
    this.limit = CONSTRUCTOR_PAGE;
    this.render();
  }

  addInstances(page: InstancePageDto): void {
    const state = this.instances.get(page.classId);
    if (!state) return;
    state.total = page.total;
    state.loading = false;
    if (page.offset === state.rows.length) state.rows.push(...page.rows);
    const group = this.groups.get(page.classId);
    if (!group) return;
    this.fillGroup(group, page.classId);
    if (this.pendingFocus?.classId === page.classId) {
      focusRow(group.querySelectorAll<HTMLElement>('[data-row]')[this.pendingFocus.index]);
      this.pendingFocus = undefined;
    }
  }

  private render(focusIndex?: number): void {
    const focusKey = (document.activeElement as HTMLElement | null)?.dataset?.focusKey;
    const matching = this.rows.filter((row) => row.name.toLowerCase().includes(this.filter));
    const sorted = sortRows(matching, this.header.current, (row, key) => row[key]);
    const shown = sorted.slice(0, this.limit);
    this.groups.clear();
    this.body.replaceChildren(...shown.flatMap((row) => this.constructorRow(row)));
    if (sorted.length > shown.length) {
      const rest = sorted.length - shown.length;
      const more = moreRow(this.element, showMoreLabel(rest, CONSTRUCTOR_PAGE), { twistyColumn: true, level: 1, focusKey: 'more-ctors' }, () => {
        const first = this.limit;
        this.limit += CONSTRUCTOR_PAGE;
        this.render(document.activeElement === more ? first : undefined);
      });
      this.body.append(more);
    }
    if (shown.length === 0) {
      this.body.append(el('div', { class: 'empty muted' }, this.filter ? `No constructor name contains “${this.filter}”.` : 'This snapshot has no objects.'));
    }
    this.status.textContent = constructorCount(shown.length, sorted.length);
    if (focusIndex !== undefined) return focusRow(this.body.querySelectorAll<HTMLElement>('.ctor')[focusIndex]);
    const kept = focusKey ? this.body.querySelector<HTMLElement>(`[data-focus-key="${CSS.escape(focusKey)}"]`) : null;
    if (kept) return focusRow(kept);
    const first = this.body.querySelector<HTMLElement>('[data-row]');
    if (first) first.tabIndex = 0;
  }

  private constructorRow(row: ConstructorRowDto): HTMLElement[] {
    const open = this.expanded.has(row.classId);
    const line = el(
      'div',
      {
        class: 'heap-row ctor',
        role: 'row',
        'aria-level': '1',
        'aria-expanded': String(open),
        'data-row': '',
        'data-focus-key': `c${row.classId}`,
        'data-class-name': row.name,
        tabindex: '-1',
        title: row.location ? `${row.name} — defined at ${locationText(row.location)} (Ctrl+Enter opens it)` : row.name,
      },
      el('span', { class: 'twisty', 'aria-hidden': 'true' }, open ? '▾' : '▸'),
      el('span', { class: 'name', role: 'gridcell' }, row.name),
      el('span', { role: 'gridcell', class: 'where-cell' }, locationLink(row.location, this.events.open)),
      el('span', { class: 'num', role: 'gridcell' }, formatCount(row.count)),
      sizeCell(row.shallowSize, this.totalSize),
      sizeCell(row.retainedSize, this.totalSize),
    );
    const group = el('div', { role: 'rowgroup', class: 'instances' });
    group.hidden = !open;
    this.groups.set(row.classId, group);
    if (open) this.fillGroup(group, row.classId);

    const toggle = (expand?: boolean) => {
      const next = expand ?? !this.expanded.has(row.classId);
      if (next === this.expanded.has(row.classId)) return;
      if (next) this.expanded.add(row.classId);
      else this.expanded.delete(row.classId);
      line.setAttribute('aria-expanded', String(next));
      line.querySelector('.twisty')!.textContent = next ? '▾' : '▸';
      group.hidden = !next;
      if (next) {
        if (!this.instances.has(row.classId)) {
          this.instances.set(row.classId, { total: row.count, rows: [], loading: true });
          this.events.loadInstances(row.classId, 0);
        }
        this.fillGroup(group, row.classId);
      }
    };
    bindRow(this.element, line, { toggle });
    const location = row.location;
    bindExpandableRow(line, () => toggle(), location && (() => this.events.open(location)));
    return [line, group];
  }

  private fillGroup(group: HTMLElement, classId: number): void {
    const state = this.instances.get(classId);
    if (!state) return;
    const lines = state.rows.map((row) => this.instanceRow(row));
    if (state.loading) lines.push(el('div', { class: 'heap-row level-2 muted loading-row' }, el('span'), el('span', { class: 'name' }, 'Loading objects…')));
    else if (state.rows.length < state.total) {
      const rest = state.total - state.rows.length;
      const more = moreRow(this.element, `more… (${formatCount(rest)} not shown)`, { twistyColumn: true, level: 2, focusKey: `more-${classId}` }, () => {
        if (document.activeElement === more) this.pendingFocus = { classId, index: state.rows.length };
        state.loading = true;
        this.events.loadInstances(classId, state.rows.length);
        this.fillGroup(group, classId);
        if (this.pendingFocus) group.closest('[role="treegrid"]')?.querySelector<HTMLElement>(`[data-focus-key="c${classId}"]`)?.focus();
      });
      lines.push(more);
    } else if (state.rows.length === 0) {
      lines.push(el('div', { class: 'heap-row level-2 muted' }, el('span'), el('span', { class: 'name' }, 'No objects.')));
    }
    group.replaceChildren(...lines);
  }

  private instanceRow(row: InstanceRowDto): HTMLElement {
    const selected = row.ordinal === this.selected;
    const line = el(
      'div',
      {
        class: 'heap-row instance level-2',
        role: 'row',
        'aria-level': '2',
        'aria-selected': String(selected),
        'data-row': '',
        'data-focus-key': `o${row.ordinal}`,
        tabindex: '-1',
        title: `${row.label} @${row.id} — Enter shows what keeps it alive`,
      },
      el('span', { class: 'twisty', 'aria-hidden': 'true' }),
      el('span', { class: 'name', role: 'gridcell' }, row.label, el('span', { class: 'object-id' }, ` @${row.id}`)),
      el('span', { role: 'gridcell' }),
      el('span', { role: 'gridcell' }),
      el('span', { class: 'num', role: 'gridcell' }, formatBytes(row.shallowSize)),
      el('span', { class: 'num', role: 'gridcell' }, formatBytes(row.retainedSize)),
    );
    bindRow(this.element, line, {
      open: () => {
        this.selected = row.ordinal;
        this.element.querySelectorAll('.instance[aria-selected="true"]').forEach((other) => other.setAttribute('aria-selected', 'false'));
        line.setAttribute('aria-selected', 'true');
        this.events.selectInstance(row);
      },
    });
    return line;
  }
}

function sizeCell(bytes: number, total: number): HTMLElement {
  return el('span', { class: 'num', role: 'gridcell' }, formatBytes(bytes), el('span', { class: 'share' }, formatShare(bytes, total)));
}

/** Moves the roving tabindex to `row` and focuses it. */
function focusRow(row: HTMLElement | undefined): void {
  if (!row) return;
  row
    .closest('[role="treegrid"]')
    ?.querySelectorAll<HTMLElement>('[data-row][tabindex="0"]')
    .forEach((other) => (other.tabIndex = -1));
  row.tabIndex = 0;
  row.focus();
}
