/**
 * The allocation profile page: who allocates how many bytes. The allocation flamegraph (the
 * profile page's flamegraph and toolbar, values in bytes) and the table of functions by bytes
 * allocated; a click on either opens the function's source line.
 */
import type { AllocationHostMessage, AllocationRequest } from '../../../src/protocol/allocation/messages';
import type { AllocationOverviewDto } from '../../../src/protocol/allocation/views';
import type { CategoryName, SourceLocationDto } from '../../../src/protocol/shared/views';
import { categoryLabels } from '../shared/categories';
import { el } from '../shared/dom';
import { FlamePanel } from '../shared/flame/flamePanel';
import type { Handlers, Page } from '../shared/mountPage';
import { formatBytes, formatCount, formatPercent } from '../../../src/format';
import { AllocationTable } from './allocationTable';

export class AllocationPage {
  private readonly header = el('header', { class: 'header' });
  private readonly flames: FlamePanel;
  private readonly table: AllocationTable;

  constructor(private readonly page: Page<AllocationRequest>) {
    const open = (location: SourceLocationDto) => page.open(location);
    this.flames = new FlamePanel({
      searchLabel: 'Search the allocation flame graph and table',
      formatValue: formatBytes,
      describeMatch: (matched, total) => `${formatBytes(matched)} · ${formatPercent(total ? (matched / total) * 100 : 0)} of the bytes allocated`,
      searched: (text) => this.table.setFilter(text),
      open,
      needSubtree: (frame) => page.post({ type: 'allocations/expand', nodeId: frame.id }),
    });
    this.table = new AllocationTable(open);
  }

  readonly handlers: Handlers<AllocationHostMessage> = {
    'allocations/loaded': ({ overview, flame, functions }) => {
      const { toolbar, flame: flameView } = this.flames;
      this.page.show(this.header, toolbar.element, flameView.element, el('h2', { class: 'section-title' }, 'Functions by bytes allocated'), this.table.element);
      this.header.replaceChildren(
        ...allocationHeader(
          overview,
          functions.map((f) => f.category),
        ),
      );
      flameView.show(flame);
      this.table.show(functions);
      this.page.rendered();
    },
    'allocations/subtree': ({ frame }) => this.flames.flame.mergeSubtree(frame),
    'memory/failed': (failure) => this.page.fail(failure),
  };
}

function allocationHeader(overview: AllocationOverviewDto, categories: readonly CategoryName[]): HTMLElement[] {
  const what =
    overview.includesCollected === true
      ? 'includes objects that were garbage-collected since'
      : 'only objects still alive when the profile was taken (node --heap-prof records these)';
  const present = [...new Set(categories)];
  return [
    el('h1', {}, overview.title),
    el('div', { class: 'stats' }, `${formatBytes(overview.totalBytes)} allocated · ${formatCount(overview.samples)} samples · ${what}`),
    el('div', { class: 'muted' }, 'V8 samples the allocating function, not the line: bytes are shown on each function’s first line.'),
    el(
      'ul',
      { class: 'legend', 'aria-label': 'Colours by category' },
      ...present.map((category) => el('li', {}, el('span', { class: `swatch cat-${category}`, 'aria-hidden': 'true' }), categoryLabels[category])),
    ),
  ];
}
