/**
 * The memory chart (SVG, d3): heap used, heap total, RSS, external and array buffers over time;
 * GC marks along the time axis (tall for major collections, short for minor ones); the heap after
 * each major GC and the fitted leak trend; heap snapshots taken from the panel. Hovering or the
 * arrow keys show the values at a point; while a recording runs, a click (or Enter) asks for a
 * heap snapshot.
 */
import { axisBottom, axisLeft } from 'd3-axis';
import { scaleLinear, type ScaleLinear } from 'd3-scale';
import { pointer, select, type Selection } from 'd3-selection';
import { line } from 'd3-shape';
import type { GcMarkDto, LeakTrendDto, MemorySampleDto, MemoryTimelineDto, SnapshotMarkDto } from '../../../src/protocol/timeline/views';
import { el } from '../shared/dom';
import { formatBytes, formatBytesAxis, formatClock, formatDuration } from '../../../src/format';
import { timeTicks } from './timeTicks';
import { memorySeries, valueOf, type SeriesKey } from './series';
import { trendLineOf } from './trendLine';

export interface MemoryChartEvents {
  /** The user picked a point while recording: take a heap snapshot. */
  onPick(t: number): void;
}

const height = 280;
const margin = { top: 18, right: 16, bottom: 24, left: 64 };
/** The strip above the time axis where GC marks stand, apart from series near zero. */
const gcLane = 18;
const plotBottom = height - margin.bottom - gcLane;
const gcTick: Record<GcMarkDto['kind'], number> = { major: 14, incremental: 9, weakcb: 6, other: 6, minor: 5 };

type Svg = Selection<SVGSVGElement, unknown, null, undefined>;

export class MemoryChart {
  readonly element = el('div', { class: 'memory-chart' });
  private readonly plot = el('div', {
    class: 'chart-plot',
    tabindex: '0',
    role: 'group',
    'aria-label': 'Memory over time. Arrow keys move through the samples; Home and End jump.',
  });
  private readonly readout = el('div', { class: 'chart-readout', hidden: '' });
  /** What a screen reader hears when the keyboard moves the cursor. */
  private readonly spoken = el('div', { class: 'visually-hidden', 'aria-live': 'polite' });
  private timeline: MemoryTimelineDto | undefined;
  private trend: LeakTrendDto | undefined;
  private hidden = new Set<SeriesKey>();
  private showGcs = true;
  private snapshots: readonly SnapshotMarkDto[] = [];
  private live = false;
  /** Index of the sample under the pointer or the keyboard cursor. */
  private cursor: number | undefined;
  private x: ScaleLinear<number, number> | undefined;

  constructor(private readonly events: MemoryChartEvents) {
    this.element.append(this.plot, this.readout, this.spoken);
    this.plot.addEventListener('keydown', (event) => this.onKey(event));
    this.plot.addEventListener('blur', () => this.hideCursor());
    new ResizeObserver(() => this.render()).observe(this.plot);
  }

  show(timeline: MemoryTimelineDto, trend: LeakTrendDto, live: boolean): void {
    this.timeline = timeline;
    this.trend = trend;
    this.live = live;
    this.plot.classList.toggle('live', live);
    this.plot.setAttribute(
      'aria-label',
      `Memory over time. Arrow keys move through the samples; Home and End jump.${live ? ' Enter takes a heap snapshot now.' : ''}`,
    );
    if (this.cursor !== undefined) this.cursor = Math.min(this.cursor, timeline.samples.length - 1);
    this.render();
  }

  setHidden(hidden: ReadonlySet<SeriesKey>, showGcs: boolean): void {
    this.hidden = new Set(hidden);
    this.showGcs = showGcs;
    this.render();
  }

  setSnapshots(marks: readonly SnapshotMarkDto[]): void {
    this.snapshots = marks;
    this.render();
  }

  /** The time domain drawn, so the event-loop chart lines up with this one. */
  get timeDomain(): [number, number] {
    return [0, Math.max(this.timeline?.durationMs ?? 0, 1000)];
  }

  private render(): void {
    const timeline = this.timeline;
    const width = this.plot.clientWidth;
    if (!timeline || !this.trend || width === 0) return;
    this.plot.replaceChildren();
    const samples = timeline.samples;
    const visible = memorySeries.filter((s) => !this.hidden.has(s.key));
    let top = 0;
    for (const sample of samples) for (const s of visible) top = Math.max(top, valueOf(sample, s.key));
    const x = scaleLinear()
      .domain(this.timeDomain)
      .range([margin.left, width - margin.right]);
    const y = scaleLinear()
      .domain([0, Math.max(top * 1.08, 1e6)])
      .nice()
      .range([plotBottom, margin.top]);
    this.x = x;
    const svg: Svg = select(this.plot).append('svg').attr('width', width).attr('height', height).attr('class', 'chart-svg');

    svg
      .append('g')
      .attr('class', 'grid')
      .selectAll('line')
      .data(y.ticks(5))
      .join('line')
      .attr('x1', margin.left)
      .attr('x2', width - margin.right)
      .attr('y1', (v) => y(v))
      .attr('y2', (v) => y(v));
    svg
      .append('g')
      .attr('class', 'axis')
      .attr('transform', `translate(0,${height - margin.bottom})`)
      .call(
        axisBottom(x)
          .tickValues(timeTicks(this.timeDomain[1], (width - margin.left - margin.right) / 90))
          .tickFormat(formatClock)
          .tickSizeOuter(0),
      );
    svg
      .append('g')
      .attr('class', 'axis')
      .attr('transform', `translate(${margin.left},0)`)
      .call(axisLeft(y).ticks(5).tickFormat(formatBytesAxis).tickSizeOuter(0));

    if (this.showGcs) this.drawGcs(svg, timeline.gcs, x);
    for (const series of visible) {
      svg
        .append('path')
        .attr('class', `series series-${series.key}`)
        .attr('data-series', series.key)
        .attr(
          'd',
          line<MemorySampleDto>()
            .x((d) => x(d.t))
            .y((d) => y(valueOf(d, series.key)))(samples) ?? '',
        );
    }
    this.drawTrend(svg, timeline, this.trend, x, y);
    this.drawSnapshots(svg, x);

    const cursorLine = svg.append('line').attr('class', 'cursor').attr('y1', margin.top).attr('y2', plotBottom);
    cursorLine.attr('visibility', 'hidden');
    const overlay = svg
      .append('rect')
      .attr('class', 'overlay')
      .attr('x', margin.left)
      .attr('y', margin.top)
      .attr('width', Math.max(0, width - margin.left - margin.right))
      .attr('height', plotBottom - margin.top);
    const timeAt = (event: MouseEvent) => Math.max(0, x.invert(pointer(event, svg.node())[0]));
    overlay.on('mousemove', (event: MouseEvent) => this.moveCursor(this.nearest(timeAt(event)), false));
    overlay.on('mouseleave', () => this.hideCursor());
    overlay.on('click', (event: MouseEvent) => {
      if (this.live) this.events.onPick(timeAt(event));
    });
    if (this.cursor !== undefined && !this.readout.hidden) this.moveCursor(this.cursor, false);
  }

  private drawGcs(svg: Svg, gcs: readonly GcMarkDto[], x: ScaleLinear<number, number>): void {
    const base = height - margin.bottom - 1;
    // One path per kind: a long session has thousands of minor collections.
    const group = svg.append('g').attr('class', 'gcs');
    group
      .append('text')
      .attr('class', 'lane-label')
      .attr('x', margin.left - 9)
      .attr('y', base - 3)
      .attr('text-anchor', 'end')
      .text('GC');
    for (const kind of ['minor', 'weakcb', 'other', 'incremental'] as const) {
      const d = gcs
        .filter((g) => g.kind === kind)
        .map((g) => `M${x(g.t).toFixed(1)},${base}v${-gcTick[kind]}`)
        .join('');
      if (d) group.append('path').attr('class', `gc gc-${kind}`).attr('d', d);
    }
    group
      .selectAll('line.gc-major')
      .data(gcs.filter((g) => g.kind === 'major'))
      .join('line')
      .attr('class', 'gc gc-major')
      .attr('x1', (g) => x(g.t))
      .attr('x2', (g) => x(g.t))
      .attr('y1', base)
      .attr('y2', base - gcTick.major)
      .append('title')
      .text(
        (g) =>
          `Major GC at ${formatDuration(g.t)}${g.count > 1 ? ` (${g.count} collections)` : ''}: ${formatDuration(g.durationMs)} pause` +
          (g.heapAfter !== undefined ? `, heap after ${formatBytes(g.heapAfter)}` : ''),
      );
  }

  private drawTrend(svg: Svg, timeline: MemoryTimelineDto, trend: LeakTrendDto, x: ScaleLinear<number, number>, y: ScaleLinear<number, number>): void {
    const fitted = trendLineOf(timeline, trend);
    if (!fitted) return;
    const kind = trend.sustained ? 'trend warning' : 'trend';
    const group = svg.append('g').attr('class', kind);
    group
      .append('line')
      .attr('class', 'trend-line')
      .attr('x1', x(fitted.from.t))
      .attr('y1', y(fitted.from.bytes))
      .attr('x2', x(fitted.to.t))
      .attr('y2', y(fitted.to.bytes))
      .append('title')
      .text(trend.message);
    group
      .selectAll('circle')
      .data(fitted.points)
      .join('circle')
      .attr('class', 'trend-point')
      .attr('r', 3)
      .attr('cx', (p) => x(p.t))
      .attr('cy', (p) => y(p.bytes))
      .append('title')
      .text((p) => `Heap after full GC at ${formatDuration(p.t)}: ${formatBytes(p.bytes)}`);
  }

  private drawSnapshots(svg: Svg, x: ScaleLinear<number, number>): void {
    const marks = svg
      .append('g')
      .attr('class', 'snapshots')
      .selectAll('g')
      .data(this.snapshots)
      .join('g')
      .attr('class', (m) => `snapshot-mark ${m.state}`)
      .attr('transform', (m) => `translate(${x(m.t)},0)`);
    marks
      .append('line')
      .attr('y1', margin.top - 4)
      .attr('y2', plotBottom);
    marks.append('path').attr('d', `M0,${margin.top - 12}l5,5l-5,5l-5,-5z`);
    marks
      .append('title')
      .text((m) =>
        m.state === 'taking'
          ? `Taking a heap snapshot (asked at ${formatDuration(m.t)})…`
          : m.state === 'saved'
            ? `Heap snapshot at ${formatDuration(m.t)}: ${m.label ?? ''}`
            : `Heap snapshot at ${formatDuration(m.t)} failed: ${m.label ?? ''}`,
      );
  }

  private nearest(t: number): number {
    const samples = this.timeline?.samples ?? [];
    let lo = 0;
    let hi = samples.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (samples[mid].t < t) lo = mid + 1;
      else hi = mid;
    }
    if (lo > 0 && Math.abs(samples[lo - 1].t - t) < Math.abs(samples[lo].t - t)) lo--;
    return lo;
  }

  private moveCursor(index: number, speak: boolean): void {
    const sample = this.timeline?.samples[index];
    if (!sample || !this.x) return;
    this.cursor = index;
    const cx = this.x(sample.t);
    const cursorLine = this.plot.querySelector('line.cursor');
    cursorLine?.setAttribute('x1', String(cx));
    cursorLine?.setAttribute('x2', String(cx));
    cursorLine?.setAttribute('visibility', 'visible');
    const rows = memorySeries
      .filter((s) => !this.hidden.has(s.key))
      .map((s) =>
        el(
          'div',
          { class: 'readout-row' },
          el('span', { class: `swatch series-swatch-${s.key}`, 'aria-hidden': 'true' }),
          `${s.label} `,
          el('strong', {}, formatBytes(valueOf(sample, s.key))),
        ),
      );
    const delay =
      sample.loopDelayP99Ms !== undefined ? [el('div', { class: 'readout-row muted' }, `Event-loop delay p99 ${formatDuration(sample.loopDelayP99Ms)}`)] : [];
    const hint = this.live ? [el('div', { class: 'readout-row muted' }, 'Click or press Enter: heap snapshot now')] : [];
    this.readout.replaceChildren(el('div', { class: 'readout-time' }, formatDuration(sample.t)), ...rows, ...delay, ...hint);
    this.readout.hidden = false;
    const width = this.plot.clientWidth;
    const left = cx + 12 + this.readout.offsetWidth > width ? cx - 12 - this.readout.offsetWidth : cx + 12;
    this.readout.style.left = `${Math.max(0, left)}px`;
    if (speak) this.spoken.textContent = `${formatDuration(sample.t)}: heap used ${formatBytes(sample.heapUsed)}, RSS ${formatBytes(sample.rss)}`;
  }

  private hideCursor(): void {
    this.readout.hidden = true;
    this.plot.querySelector('line.cursor')?.setAttribute('visibility', 'hidden');
  }

  private onKey(event: KeyboardEvent): void {
    const count = this.timeline?.samples.length ?? 0;
    if (count === 0) return;
    const at = this.cursor ?? count - 1;
    const step = event.shiftKey ? 10 : 1;
    let next: number | undefined;
    if (event.key === 'ArrowRight') next = Math.min(count - 1, at + step);
    else if (event.key === 'ArrowLeft') next = Math.max(0, at - step);
    else if (event.key === 'Home') next = 0;
    else if (event.key === 'End') next = count - 1;
    else if (event.key === 'Escape') this.hideCursor();
    else if ((event.key === 'Enter' || event.key === ' ') && this.live) this.events.onPick(this.timeline!.samples[at].t);
    else return;
    event.preventDefault();
    if (next !== undefined) this.moveCursor(next, true);
  }
}
