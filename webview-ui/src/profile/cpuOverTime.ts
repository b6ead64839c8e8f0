/**
 * CPU over time, above the flamegraph: how busy the CPU was over the recording. Drag to
 * select a time range (every view then shows only that range); double-click or "All" clears it.
 * Arrow keys move a keyboard selection in tenths of the recording, drawn as the same band a drag
 * draws (moved by code, so the brush's own handler ignores it).
 */
import { brushX, type BrushBehavior } from 'd3-brush';
import { scaleLinear } from 'd3-scale';
import { select } from 'd3-selection';
import type { ProfileOverviewDto } from '../../../src/protocol/profile/views';
import type { TimeRangeDto } from '../../../src/protocol/shared/views';
import { el } from '../shared/dom';
import { formatDuration } from '../../../src/format';
import { rangeAfterKey } from './rangeKeys';

const height = 48;

export class CpuOverTime {
  readonly element = el('div', { class: 'timeline' });
  private readonly label = el('span', { class: 'range-label', 'aria-live': 'polite' }, 'Whole recording');
  private readonly clearButton = el('button', { type: 'button', class: 'secondary', disabled: '' }, 'All');
  private readonly chart = el('div', {
    class: 'timeline-chart',
    tabindex: '0',
    role: 'slider',
    'aria-label': 'Time range: drag to select, arrow keys move, Escape clears',
  });
  private overview: ProfileOverviewDto | undefined;
  private brush: BrushBehavior<unknown> | undefined;
  private band: { move(range: TimeRangeDto | null): void } | undefined;
  /** The selected range, however it was made: drawn again when the strip is redrawn (resize). */
  private range: TimeRangeDto | null = null;

  constructor(private readonly onRange: (range: TimeRangeDto | null) => void) {
    this.clearButton.addEventListener('click', () => this.clear());
    this.chart.addEventListener('keydown', (event) => this.onKey(event));
    this.element.append(el('div', { class: 'timeline-head' }, el('span', { class: 'muted' }, 'CPU over time'), this.label, this.clearButton), this.chart);
    new ResizeObserver(() => this.render()).observe(this.chart);
  }

  show(overview: ProfileOverviewDto): void {
    this.overview = overview;
    this.render();
  }

  private render(): void {
    const overview = this.overview;
    const width = this.chart.clientWidth;
    if (!overview || width === 0) return;
    this.chart.replaceChildren();
    const busy = overview.timeline.busy;
    const x = scaleLinear().domain([0, overview.durationMs]).range([0, width]);
    const svg = select(this.chart).append('svg').attr('width', width).attr('height', height);
    const barWidth = Math.max(1, width / busy.length);
    svg
      .selectAll('rect.bar')
      .data(busy)
      .join('rect')
      .attr('class', 'bar')
      .attr('x', (_, i) => (i * width) / busy.length)
      .attr('width', barWidth)
      .attr('y', (b) => height - Math.max(1, b * (height - 4)))
      .attr('height', (b) => Math.max(1, b * (height - 4)));
    this.brush = brushX()
      .extent([
        [0, 0],
        [width, height],
      ])
      .on('end', (event: { selection: [number, number] | null; sourceEvent?: unknown }) => {
        if (!event.sourceEvent) return; // moved by code, not the user
        const range = event.selection ? { startMs: x.invert(event.selection[0]), endMs: x.invert(event.selection[1]) } : null;
        this.apply(range);
      });
    const brush = this.brush;
    const group = svg.append('g').attr('class', 'brush').call(brush);
    this.band = { move: (range) => group.call(brush.move, range ? [x(range.startMs), x(range.endMs)] : null) };
    this.band.move(this.range);
    svg.on('dblclick', () => this.clear());
  }

  private onKey(event: KeyboardEvent): void {
    const next = rangeAfterKey(event.key, this.range, this.overview?.durationMs ?? 0);
    if (next === undefined) return;
    event.preventDefault();
    this.apply(next);
    this.band?.move(next);
  }

  private clear(): void {
    this.apply(null);
    this.band?.move(null);
  }

  private apply(range: TimeRangeDto | null): void {
    this.range = range;
    this.chart.setAttribute('aria-valuetext', range ? `${formatDuration(range.startMs)} to ${formatDuration(range.endMs)}` : 'Whole recording');
    this.label.textContent = range ? `${formatDuration(range.startMs)} – ${formatDuration(range.endMs)}` : 'Whole recording';
    this.clearButton.toggleAttribute('disabled', range === null);
    this.onRange(range);
  }
}
