/**
 * The heap comparison page: progress while the snapshots open, then the headline (what leaks
 * and what holds it), the growth table with retainer paths, and the plain per-constructor deltas.
 */
import type { HeapComparisonHostMessage, HeapComparisonRequest } from '../../../src/protocol/heap/messages';
import type { HeapComparisonDto } from '../../../src/protocol/heap/views';
import { el } from '../shared/dom';
import type { Handlers, Page } from '../shared/mountPage';
import { DeltaTable } from './deltaTable';
import { formatBytes, formatBytesDelta, formatCount } from '../../../src/format';
import { GrowthTable } from './growthTable';
import { headline } from './headline';
import { ProgressView } from './progressView';

export class ComparisonPage {
  private readonly progress = new ProgressView('Comparing heap snapshots');
  private readonly growth: GrowthTable;
  private readonly deltas = new DeltaTable();

  readonly handlers: Handlers<HeapComparisonHostMessage>;

  constructor(private readonly page: Page<HeapComparisonRequest>) {
    this.growth = new GrowthTable((location) => page.open(location));
    page.app.replaceChildren(this.progress.element);
    this.handlers = {
      ...this.progress.handlers(page),
      'comparison/loaded': ({ comparison }) => {
        this.layout(comparison);
        this.page.rendered();
      },
    };
  }

  private layout(comparison: HeapComparisonDto): void {
    const { diff } = comparison;
    const change = (diff.totalSizes.at(-1) ?? 0) - (diff.totalSizes[0] ?? 0);
    // The one place the files are named; the tab, the headline and the notes say "snapshot 2".
    const files = el(
      'ol',
      { class: 'snapshot-list', 'aria-label': 'Snapshots compared' },
      ...diff.snapshots.map((name, index) =>
        el(
          'li',
          { class: 'snapshot' },
          el('span', { class: 'snapshot-number', 'aria-hidden': 'true' }, String(index + 1)),
          el('span', { class: 'snapshot-name', title: name }, name),
          el('span', { class: 'muted' }, formatBytes(diff.totalSizes[index] ?? 0)),
        ),
      ),
    );
    const header = el(
      'header',
      { class: 'header' },
      el('h1', {}, 'Heap comparison'),
      files,
      el('div', { class: 'stats' }, `Heap ${formatBytesDelta(change)} from the first snapshot to the last`),
    );
    const scope =
      diff.snapshots.length === 3 ? 'allocated between the first two snapshots and still alive in the last' : 'new since the first snapshot and still alive';
    this.page.show(
      header,
      headline(comparison, (location) => this.page.open(location)),
      el('h2', {}, 'What grew'),
      el(
        'p',
        { class: 'muted section-note' },
        `Objects ${scope}, each counted under its top-most new owner, by the bytes they hold. Expand a row to see what holds it.`,
      ),
      this.growth.element,
      el('h2', {}, 'Change per constructor'),
      el('p', { class: 'muted section-note' }, unchangedNote(diff.unchangedConstructors)),
      this.deltas.element,
    );
    this.growth.show(diff.growth, comparison.paths);
    this.deltas.show(diff.constructors);
  }
}

function unchangedNote(unchanged: number): string {
  const note = 'Plain differences in object count and shallow size between the first and the last snapshot.';
  if (unchanged === 0) return note;
  const which = unchanged === 1 ? '1 constructor whose objects were' : `${formatCount(unchanged)} constructors whose objects were`;
  return `${note} ${which} only replaced one for one (no change in count or size) ${unchanged === 1 ? 'is' : 'are'} not listed.`;
}
