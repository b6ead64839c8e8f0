/**
 * The event-loop delay chart under the memory chart, on the same time axis: how late the
 * program's timers ran in each interval (median and 99th percentile). Long GC pauses and
 * synchronous work show up here as spikes.
 */
import { axisLeft } from 'd3-axis';
import { scaleLinear } from 'd3-scale';
import { select } from 'd3-selection';
import { line } from 'd3-shape';
import type { MemorySampleDto, MemoryTimelineDto } from '../../../src/protocol/timeline/views';
import { el } from '../shared/dom';
import { formatDuration } from '../../../src/format';

const height = 84;
const margin = { top: 6, right: 16, bottom: 6, left: 64 };

export class LoopDelayChart {
  readonly element = el('div', { class: 'loop-chart' });
  private readonly head = el('div', { class: 'chart-title' });
  private readonly plot = el('div', { class: 'loop-plot', role: 'img' });
  private timeline: MemoryTimelineDto | undefined;
  private domain: [number, number] = [0, 1000];

  constructor() {
    this.element.append(this.head, this.plot);
    new ResizeObserver(() => this.render()).observe(this.plot);
  }

  show(timeline: MemoryTimelineDto, domain: [number, number]): void {
    this.timeline = timeline;
    this.domain = domain;
    this.render();
  }

  private render(): void {
    const timeline = this.timeline;
    const width = this.plot.clientWidth;
    if (!timeline || width === 0) return;
    const measured = timeline.samples.filter((s) => s.loopDelayP99Ms !== undefined);
    if (!timeline.capabilities.loopDelay || measured.length === 0) {
      this.head.replaceChildren(
        el('span', {}, 'Event-loop delay'),
        el('span', { class: 'muted' }, timeline.capabilities.loopDelay ? ' · no measurement yet' : ' · not measured (this runtime lacks perf_hooks)'),
      );
      this.plot.replaceChildren();
      this.plot.setAttribute('aria-label', 'Event-loop delay: not measured');
      return;
    }
    const worst = Math.max(...measured.map((s) => s.loopDelayP99Ms!));
    const median = measured.map((s) => s.loopDelayP50Ms ?? 0).sort((a, b) => a - b)[measured.length >> 1];
    this.head.replaceChildren(
      el('span', {}, 'Event-loop delay'),
      el('span', { class: 'legend-inline' }, el('span', { class: 'swatch delay-p99', 'aria-hidden': 'true' }), 'p99'),
      el('span', { class: 'legend-inline' }, el('span', { class: 'swatch delay-p50', 'aria-hidden': 'true' }), 'median'),
      el('span', { class: 'muted' }, `worst p99 ${formatDuration(worst)} · typical median ${formatDuration(median)}`),
    );
    this.plot.setAttribute('aria-label', `Event-loop delay: worst 99th percentile ${formatDuration(worst)}, typical median ${formatDuration(median)}`);
    this.plot.replaceChildren();
    const x = scaleLinear()
      .domain(this.domain)
      .range([margin.left, width - margin.right]);
    const y = scaleLinear()
      .domain([0, Math.max(worst * 1.1, 5)])
      .nice()
      .range([height - margin.bottom, margin.top]);
    const svg = select(this.plot).append('svg').attr('width', width).attr('height', height);
    svg
      .append('g')
      .attr('class', 'axis')
      .attr('transform', `translate(${margin.left},0)`)
      .call(
        axisLeft(y)
          .ticks(3)
          .tickFormat((v) => `${v} ms`)
          .tickSizeOuter(0),
      );
    svg
      .append('line')
      .attr('class', 'baseline')
      .attr('x1', margin.left)
      .attr('x2', width - margin.right)
      .attr('y1', y(0))
      .attr('y2', y(0));
    for (const [key, pick] of [
      ['p50', (s: MemorySampleDto) => s.loopDelayP50Ms],
      ['p99', (s: MemorySampleDto) => s.loopDelayP99Ms],
    ] as const) {
      svg
        .append('path')
        .attr('class', `delay delay-${key}`)
        .attr(
          'd',
          line<MemorySampleDto>()
            .defined((s) => pick(s) !== undefined)
            .x((s) => x(s.t))
            .y((s) => y(pick(s)!))(timeline.samples) ?? '',
        );
    }
  }
}
