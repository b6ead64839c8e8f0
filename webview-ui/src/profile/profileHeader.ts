// The profile page's header: title, duration and sampling, the worker-threads note, and the
// legend with each category's share of the time.
import type { ProfileOverviewDto } from '../../../src/protocol/profile/views';
import type { CategoryName } from '../../../src/protocol/shared/views';
import { categoryLabels } from '../shared/categories';
import { el } from '../shared/dom';
import { formatDuration, formatPercent } from '../../../src/format';

export function profileHeader(overview: ProfileOverviewDto): Array<Node | string> {
  const total = overview.durationMs || 1;
  // A category of no time is left out of the legend ("Dependencies 0 %" tells nothing); a sliver reads "<0.1 %".
  const shares = (Object.entries(overview.byCategory) as Array<[CategoryName, number]>).filter(([, ms]) => ms > 0);
  return [
    el('h1', {}, overview.title),
    el('div', { class: 'stats' }, `${formatDuration(overview.durationMs)} · ${overview.samples.toLocaleString()} samples · every ~${overview.intervalUs} µs`),
    ...(overview.workerThreads ? [el('div', { class: 'notice', role: 'note' }, workerThreadsNote(overview.workerThreads))] : []),
    el(
      'ul',
      { class: 'legend', 'aria-label': 'Time by category' },
      ...shares.map(([category, ms]) =>
        el(
          'li',
          {},
          el('span', { class: `swatch cat-${category}`, 'aria-hidden': 'true' }),
          `${categoryLabels[category]} ${formatPercent((ms / total) * 100)}`,
        ),
      ),
    ),
  ];
}

/** Worker threads run on their own V8 isolates: their time is in none of these figures. */
function workerThreadsNote(count: number): string {
  const threads = count === 1 ? '1 worker thread' : `${count} worker threads`;
  return `${threads} ran during the recording; this profile shows the main thread only, so their CPU time is not in it.`;
}
