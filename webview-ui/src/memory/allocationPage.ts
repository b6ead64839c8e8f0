/**
 * The allocation profile page: who allocates how many bytes. The allocation flamegraph (the
 * profile view's FlameView, values in bytes) with search and zoom, and the table of functions by
 * bytes allocated; a click on either opens the function's source line.
 */
import type { MemoryHostMessage } from '../../../src/protocol/memoryMessages';
import type { AllocationOverviewDto } from '../../../src/protocol/memoryViews';
import type { SourceLocationDto } from '../../../src/protocol/profileViews';
import { categoryLabels, el } from '../dom';
import { FlameView } from '../flameView';
import { AllocationTable } from './allocationTable';
import { formatBytes, formatCount, formatPct } from './format';
import { postToHost } from './host';

type AllocationMessage = Extract<MemoryHostMessage, { type: 'allocations/loaded' | 'allocations/subtree' }>;

export class AllocationPage {
  private readonly header = el('header', { class: 'header' });
  private readonly searchBox = el('input', { type: 'search', placeholder: 'Search functions or files  ( / )', 'aria-label': 'Search the allocation flame graph and table' });
  private readonly searchResult = el('span', { class: 'muted search-result', 'aria-live': 'polite' });
  private readonly invertButton = el('button', { type: 'button', class: 'secondary', 'aria-pressed': 'true', title: 'Callers on top (icicle) or below (flame)' }, 'Callers on top');
  private readonly resetButton = el('button', { type: 'button', class: 'secondary' }, 'Reset zoom');
  private readonly flame: FlameView;
  private readonly table = new AllocationTable((location) => open(location));

  constructor(private readonly app: HTMLElement) {
    this.flame = new FlameView(
      {
        onFrameClick: (frame) => {
          const colon = frame.location.lastIndexOf(':');
          if (colon > 0) open({ file: frame.location.slice(0, colon), line: Number(frame.location.slice(colon + 1)) });
        },
        onNeedSubtree: (frame) => postToHost({ type: 'allocations/expand', nodeId: frame.id }),
      },
      (matched, total) =>
        (this.searchResult.textContent = this.searchBox.value.trim() ? `${formatBytes(matched)} · ${formatPct(total ? (matched / total) * 100 : 0)} of the bytes allocated` : ''),
      formatBytes,
    );
    this.searchBox.addEventListener('input', () => {
      this.flame.search(this.searchBox.value);
      this.table.setFilter(this.searchBox.value);
    });
    this.invertButton.addEventListener('click', () => {
      const inverted = this.invertButton.getAttribute('aria-pressed') !== 'true';
      this.invertButton.setAttribute('aria-pressed', String(inverted));
      this.invertButton.textContent = inverted ? 'Callers on top' : 'Callers below';
      this.flame.setInverted(inverted);
    });
    this.resetButton.addEventListener('click', () => this.flame.resetZoom());
    document.addEventListener('keydown', (event) => {
      if (event.key === '/' && document.activeElement !== this.searchBox) {
        event.preventDefault();
        this.searchBox.focus();
      }
    });
  }

  handle(message: AllocationMessage): void {
    switch (message.type) {
      case 'allocations/loaded':
        this.app.removeAttribute('aria-busy');
        this.app.replaceChildren(
          this.header,
          el('div', { class: 'toolbar' }, this.searchBox, this.searchResult, el('span', { class: 'spacer' }), this.invertButton, this.resetButton),
          this.flame.element,
          el('h2', { class: 'section-title' }, 'Functions by bytes allocated'),
          this.table.element,
        );
        this.showOverview(message.overview, message.functions.map((f) => f.category));
        this.flame.show(message.flame);
        this.table.show(message.functions);
        postToHost({ type: 'webview/rendered' });
        return;
      case 'allocations/subtree':
        this.flame.mergeSubtree(message.frame);
        return;
      default: {
        const unhandled: never = message;
        return unhandled;
      }
    }
  }

  private showOverview(overview: AllocationOverviewDto, categories: readonly string[]): void {
    const what =
      overview.includesCollected === true
        ? 'includes objects that were garbage-collected since'
        : 'only objects still alive when the profile was taken (node --heap-prof records these)';
    const present = [...new Set(categories)].filter((c) => c in categoryLabels);
    this.header.replaceChildren(
      el('h1', {}, overview.title),
      el('div', { class: 'stats' }, `${formatBytes(overview.totalBytes)} allocated · ${formatCount(overview.samples)} samples · ${what}`),
      el('div', { class: 'muted' }, 'V8 samples the allocating function, not the line: bytes are shown on each function’s first line.'),
      el(
        'ul',
        { class: 'legend', 'aria-label': 'Colours by category' },
        ...present.map((category) => el('li', {}, el('span', { class: `swatch cat-${category}`, 'aria-hidden': 'true' }), categoryLabels[category])),
      ),
    );
  }
}

function open(location: SourceLocationDto): void {
  postToHost({ type: 'editor/openLocation', file: location.file, line: location.line });
}
