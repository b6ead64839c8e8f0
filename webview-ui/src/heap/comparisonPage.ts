/**
 * The heap comparison page: progress while the snapshots open, then the headline (what leaks
 * and what holds it), the growth table with retainer paths, and the plain per-constructor deltas.
 */
import type { HeapComparisonDto, HeapHostMessage } from '../../../src/protocol/heapMessages';
import { el } from '../dom';
import { DeltaTable } from './deltaTable';
import { showFailure } from './failure';
import { formatBytes, formatSignedBytes } from './format';
import { GrowthTable } from './growthTable';
import { headline } from './headline';
import { postToHost } from './host';
import { ProgressView } from './progressView';

export class ComparisonPage {
  private readonly progress = new ProgressView('Comparing heap snapshots');
  private readonly growth = new GrowthTable();
  private readonly deltas = new DeltaTable();
  private loaded = false;

  constructor(private readonly app: HTMLElement) {
    app.replaceChildren(this.progress.element);
  }

  handle(message: HeapHostMessage): void {
    switch (message.type) {
      case 'heap/progress':
        if (!this.loaded) this.progress.show(message.fraction, message.phase);
        return;
      case 'heap/failed':
        return showFailure(this.app, message.message, this.loaded);
      case 'comparison/loaded':
        this.loaded = true;
        this.layout(message.comparison);
        postToHost({ type: 'webview/rendered' });
        return;
      case 'snapshot/loaded':
      case 'snapshot/instances':
      case 'snapshot/retainers':
        return; // the snapshot page's messages
      default: {
        const unhandled: never = message;
        return unhandled;
      }
    }
  }

  private layout(comparison: HeapComparisonDto): void {
    const { diff } = comparison;
    this.app.removeAttribute('aria-busy');
    const sizes = diff.snapshots.map((name, index) => `${name} ${formatBytes(diff.totalSizes[index] ?? 0)}`).join(' → ');
    const change = (diff.totalSizes.at(-1) ?? 0) - (diff.totalSizes[0] ?? 0);
    const header = el('header', { class: 'header' }, el('h1', {}, 'Heap comparison'), el('div', { class: 'stats' }, `${sizes} (${formatSignedBytes(change)})`));
    const scope = diff.snapshots.length === 3 ? 'allocated between the first two snapshots and still alive in the last' : 'new since the first snapshot and still alive';
    this.app.replaceChildren(
      header,
      headline(comparison),
      el('h2', {}, 'What grew'),
      el('p', { class: 'muted section-note' }, `Objects ${scope}, each counted under its top-most new owner, by the bytes they hold. Expand a row to see what holds it.`),
      this.growth.element,
      el('h2', {}, 'Change per constructor'),
      el('p', { class: 'muted section-note' }, 'Plain differences in object count and shallow size between the first and the last snapshot.'),
      this.deltas.element,
    );
    this.growth.show(diff.growth, comparison.paths);
    this.deltas.show(diff.constructors);
  }
}
