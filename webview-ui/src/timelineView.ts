/**
 * The sample timeline above the graph: how busy the CPU was over the recording. Drag to
 * select a time range (every view then shows only that range); double-click or "All" clears it.
 * Arrow keys move a keyboard selection in tenths of the recording.
 */
import { brushX, type BrushBehavior } from 'd3-brush';
import { scaleLinear } from 'd3-scale';
import { select } from 'd3-selection';
import type { ProfileOverviewDto, TimeRangeDto } from '../../src/protocol/profileViews';
import { el, formatMs } from './dom';

const height = 48;

export class TimelineView {
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
  private keyboardRange: TimeRangeDto | null = null;

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
    svg.append('g').attr('class', 'brush').call(this.brush);
    svg.on('dblclick', () => this.clear());
  }

  private onKey(event: KeyboardEvent): void {
    const duration = this.overview?.durationMs;
    if (!duration) return;
    const step = duration / 10;
    const current = this.keyboardRange ?? { startMs: 0, endMs: step };
    let next: TimeRangeDto | null = current;
    if (event.key === 'ArrowRight') next = { startMs: Math.min(current.startMs + step, duration - step), endMs: Math.min(current.endMs + step, duration) };
    else if (event.key === 'ArrowLeft') next = { startMs: Math.max(current.startMs - step, 0), endMs: Math.max(current.endMs - step, step) };
    else if (event.key === 'Escape') next = null;
    else return;
    event.preventDefault();
    this.keyboardRange = next;
    this.apply(next);
  }

  private clear(): void {
    this.keyboardRange = null;
    this.apply(null);
    this.render();
  }

  private apply(range: TimeRangeDto | null): void {
    this.label.textContent = range ? `${formatMs(range.startMs)} – ${formatMs(range.endMs)}` : 'Whole recording';
    this.clearButton.toggleAttribute('disabled', range === null);
    this.onRange(range);
  }
}
