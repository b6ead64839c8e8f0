/**
 * The heap snapshot page: progress while the worker reads the file, then the header (objects,
 * heap size), the filter box, the constructor table and the retainer pane beside it. Failures
 * before the table shows replace the page with one sentence; later ones are a banner.
 */
import type { HeapHostMessage } from '../../../src/protocol/heapMessages';
import type { HeapSummaryDto } from '../../../src/protocol/heapViews';
import { el } from '../dom';
import { ConstructorTable } from './constructorTable';
import { formatBytes, formatCount } from './format';
import { postToHost } from './host';
import { ProgressView } from './progressView';
import { RetainerPane } from './retainerPane';
import { showFailure } from './failure';

export class SnapshotPage {
  private readonly progress = new ProgressView('Opening the heap snapshot');
  private readonly pane = new RetainerPane();
  private readonly table = new ConstructorTable({
    loadInstances: (classId, offset) => postToHost({ type: 'constructor/instances', classId, offset }),
    selectInstance: (row) => {
      this.pane.select(row);
      postToHost({ type: 'instance/retainers', ordinal: row.ordinal });
    },
  });
  private readonly filterBox = el('input', {
    type: 'search',
    class: 'filter',
    placeholder: 'Filter constructors  ( / )',
    'aria-label': 'Filter constructors by name',
  });
  private loaded = false;

  constructor(private readonly app: HTMLElement) {
    app.replaceChildren(this.progress.element);
    let pending: number | undefined;
    this.filterBox.addEventListener('input', () => {
      window.clearTimeout(pending);
      pending = window.setTimeout(() => this.table.setFilter(this.filterBox.value), 80);
    });
    document.addEventListener('keydown', (event) => {
      if (event.key === '/' && this.loaded && document.activeElement !== this.filterBox) {
        event.preventDefault();
        this.filterBox.focus();
      }
    });
  }

  handle(message: HeapHostMessage): void {
    switch (message.type) {
      case 'heap/progress':
        if (!this.loaded) this.progress.show(message.fraction, message.phase);
        return;
      case 'heap/failed':
        return showFailure(this.app, message.message, this.loaded);
      case 'snapshot/loaded':
        this.loaded = true;
        this.layout(message.summary);
        postToHost({ type: 'webview/rendered' });
        return;
      case 'snapshot/instances':
        return this.table.addInstances(message.page);
      case 'snapshot/retainers':
        return this.pane.show(message.path);
      case 'comparison/loaded':
        return; // the comparison page's message
      default: {
        const unhandled: never = message;
        return unhandled;
      }
    }
  }

  private layout(summary: HeapSummaryDto): void {
    this.app.removeAttribute('aria-busy');
    const header = el(
      'header',
      { class: 'header' },
      el('h1', {}, summary.title),
      el('div', { class: 'stats' }, `${formatCount(summary.nodes)} objects · ${formatBytes(summary.totalSize)} · ${formatCount(summary.constructors.length)} constructors`),
    );
    const toolbar = el(
      'div',
      { class: 'toolbar' },
      this.filterBox,
      this.table.status,
      el('span', { class: 'spacer' }),
      el('span', { class: 'muted hint' }, '↑↓ move · Enter expand or choose · Ctrl+Enter open source'),
    );
    this.app.replaceChildren(header, toolbar, el('div', { class: 'split' }, el('div', { class: 'table-scroll' }, this.table.element), this.pane.element));
    this.table.show(summary.constructors, summary.totalSize);
  }
}
