/**
 * The chart's legend, one toggle button per series (and one for the GC marks): each shows the
 * series' colour and latest value; pressing it hides or shows the series.
 */
import type { MemorySampleDto } from '../../../src/protocol/timeline/views';
import { el } from '../shared/dom';
import { formatBytes, formatCount } from '../../../src/format';
import { memorySeries, valueOf, type SeriesKey } from './series';

export class SeriesLegend {
  readonly element = el('div', { class: 'series-legend', role: 'group', 'aria-label': 'Series: press to show or hide' });
  private readonly hidden = new Set<SeriesKey>();
  private showGcs = true;
  private readonly values = new Map<SeriesKey, HTMLElement>();
  private readonly gcValue = el('span', { class: 'legend-value' });

  constructor(private readonly onChange: (hidden: ReadonlySet<SeriesKey>, showGcs: boolean) => void) {
    for (const series of memorySeries) {
      const value = el('span', { class: 'legend-value' });
      this.values.set(series.key, value);
      const button = el(
        'button',
        { type: 'button', class: 'legend-toggle', 'aria-pressed': 'true', 'data-series': series.key, title: series.description },
        el('span', { class: `swatch series-swatch-${series.key}`, 'aria-hidden': 'true' }),
        series.label,
        value,
      );
      button.addEventListener('click', () => {
        if (this.hidden.has(series.key)) this.hidden.delete(series.key);
        else this.hidden.add(series.key);
        button.setAttribute('aria-pressed', String(!this.hidden.has(series.key)));
        this.onChange(this.hidden, this.showGcs);
      });
      this.element.append(button);
    }
    const gcButton = el(
      'button',
      {
        type: 'button',
        class: 'legend-toggle',
        'aria-pressed': 'true',
        'data-series': 'gc',
        title: 'Garbage collections: tall marks are major (full) collections, short ones minor',
      },
      el('span', { class: 'gc-swatch', 'aria-hidden': 'true' }),
      'GC',
      this.gcValue,
    );
    gcButton.addEventListener('click', () => {
      this.showGcs = !this.showGcs;
      gcButton.setAttribute('aria-pressed', String(this.showGcs));
      this.onChange(this.hidden, this.showGcs);
    });
    this.element.append(gcButton);
  }

  /** Shows each series' latest value and the number of collections. */
  update(latest: MemorySampleDto | undefined, gcCount: number, majorCount: number): void {
    for (const [key, value] of this.values) value.textContent = latest ? formatBytes(valueOf(latest, key)) : '';
    this.gcValue.textContent = `${formatCount(gcCount)} (${formatCount(majorCount)} major)`;
  }
}
