/**
 * The heap snapshot page: progress while the worker reads the file, then the header (objects,
 * heap size), the filter box, the constructor table and the retainer pane beside it.
 */
import type { HeapSnapshotHostMessage, HeapSnapshotRequest } from '../../../src/protocol/heap/messages';
import type { HeapSummaryDto } from '../../../src/protocol/heap/views';
import { el } from '../shared/dom';
import type { Handlers, Page } from '../shared/mountPage';
import { focusOnSlash } from '../shared/searchShortcut';
import { ConstructorTable } from './constructorTable';
import { formatBytes, formatCount } from '../../../src/format';
import type { OpenLocation } from './locationLink';
import { ProgressView } from './progressView';
import { RetainerPane } from './retainerPane';

/** The filter waits for a pause in typing: each redraw of 10k+ constructors costs a little. */
const filterDelayMs = 80;

export class SnapshotPage {
  private readonly progress = new ProgressView('Opening the heap snapshot');
  private readonly pane: RetainerPane;
  private readonly table: ConstructorTable;
  private readonly filterBox = el('input', {
    type: 'search',
    class: 'filter',
    placeholder: 'Filter constructors  ( / )',
    'aria-label': 'Filter constructors by name',
  });

  readonly handlers: Handlers<HeapSnapshotHostMessage>;

  constructor(private readonly page: Page<HeapSnapshotRequest>) {
    const open: OpenLocation = (location) => page.open(location);
    this.pane = new RetainerPane(open);
    this.table = new ConstructorTable({
      loadInstances: (classId, offset) => page.post({ type: 'constructor/instances', classId, offset }),
      selectInstance: (row) => {
        this.pane.select(row);
        page.post({ type: 'instance/retainers', ordinal: row.ordinal });
      },
      open,
    });
    page.app.replaceChildren(this.progress.element);
    let pending: number | undefined;
    this.filterBox.addEventListener('input', () => {
      window.clearTimeout(pending);
      pending = window.setTimeout(() => this.table.setFilter(this.filterBox.value), filterDelayMs);
    });
    focusOnSlash(this.filterBox, () => page.shown);
    this.handlers = {
      ...this.progress.handlers(page),
      'snapshot/loaded': ({ summary }) => {
        this.layout(summary);
        this.page.rendered();
      },
      'snapshot/instances': (message) => this.table.addInstances(message.page),
      'snapshot/retainers': ({ path }) => this.pane.show(path),
    };
  }

  private layout(summary: HeapSummaryDto): void {
    const header = el(
      'header',
      { class: 'header' },
      el('h1', {}, summary.title),
      el(
        'div',
        { class: 'stats' },
        `${formatCount(summary.nodes)} objects · ${formatBytes(summary.totalSize)} · ${formatCount(summary.constructors.length)} constructors`,
      ),
    );
    const toolbar = el(
      'div',
      { class: 'toolbar' },
      this.filterBox,
      this.table.status,
      el('span', { class: 'spacer' }),
      el('span', { class: 'muted hint' }, '↑↓ move · Enter expand or choose · Ctrl+Enter open source'),
    );
    this.page.show(header, toolbar, el('div', { class: 'split' }, el('div', { class: 'table-scroll' }, this.table.element), this.pane.element));
    this.table.show(summary.constructors, summary.totalSize);
  }
}
