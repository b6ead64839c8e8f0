/**
 * The flamegraph (d3-flame-graph): colour by category, a tooltip of our own (the library's
 * renders HTML), plain-text search with the matched share of time, invert, zoom that fetches
 * the subtree when frames were too narrow to send, and click-through to the source line.
 */
import { select } from 'd3-selection';
import flamegraph, { type FlameGraph, type FlameNode } from 'd3-flame-graph';
import type { FlameFrameDto } from '../../../../src/protocol/shared/views';
import { categoryLabels } from '../categories';
import { el } from '../dom';
import { formatPercent } from '../../../../src/format';
import { filterText } from '../textFilter';
import { locationText } from '../locationText';
import { frameMatches } from './frameText';

export interface FlameViewEvents {
  /** A frame was clicked: zoomed in, and its source should open. */
  onFrameClick(frame: FlameFrameDto): void;
  /** A frame with hidden children was zoomed into: its subtree should be fetched. */
  onNeedSubtree(frame: FlameFrameDto): void;
}

type Node = FlameNode<FlameFrameDto> & { highlight?: boolean };

export class FlameView {
  readonly element = el('div', { class: 'flame', role: 'img', 'aria-label': 'Flame graph' });
  private readonly tooltip = el('div', { class: 'tooltip', role: 'tooltip', hidden: '' });
  private chart: FlameGraph<FlameFrameDto> | undefined;
  private root: FlameFrameDto | undefined;
  private inverted = true;
  private searchTerm = '';
  private zoomedId: number | undefined;
  /** Width of the last render: the observer also fires once on attach, with nothing to redo. */
  private renderedWidth = 0;

  constructor(
    private readonly events: FlameViewEvents,
    private readonly onSearchResult: (matchedMs: number, totalMs: number) => void,
    /** How a frame's value reads in the tooltip: ms for CPU profiles, bytes for allocation profiles. */
    private readonly formatValue: (value: number) => string,
  ) {
    document.body.append(this.tooltip);
    new ResizeObserver(() => {
      if (this.element.clientWidth !== this.renderedWidth) this.render();
    }).observe(this.element);
  }

  show(root: FlameFrameDto): void {
    this.root = root;
    this.zoomedId = undefined;
    this.render();
  }

  /** Replaces a frame's children with its fetched subtree and zooms into it. */
  mergeSubtree(frame: FlameFrameDto): void {
    const target = this.find(frame.id);
    if (!target || !this.chart) return;
    (target as { children: FlameFrameDto[] }).children = frame.children;
    (target as { hidden: number }).hidden = 0;
    this.chart.update(this.root);
    this.zoomToId(frame.id);
  }

  search(term: string): void {
    this.searchTerm = filterText(term);
    if (!this.chart) return;
    if (this.searchTerm) this.chart.search(this.searchTerm);
    else {
      this.chart.clear();
      this.onSearchResult(0, this.root?.value ?? 0);
    }
  }

  setInverted(inverted: boolean): void {
    this.inverted = inverted;
    this.render();
  }

  resetZoom(): void {
    this.zoomedId = undefined;
    this.chart?.resetZoom();
  }

  private render(): void {
    if (!this.root || this.element.clientWidth === 0) return;
    this.renderedWidth = this.element.clientWidth;
    this.chart?.destroy();
    this.element.replaceChildren();
    const colors = categoryColors();
    const chart = flamegraph<FlameFrameDto>()
      .width(this.element.clientWidth)
      .cellHeight(20)
      .minFrameSize(1)
      .transitionDuration(200)
      .inverted(this.inverted)
      .sort(true)
      // A function with show/hide: d3-flame-graph ignores any other tooltip (and falls back to SVG titles).
      .tooltip(Object.assign(() => undefined, { show: (event: MouseEvent, d: Node) => this.showTooltip(event, d), hide: () => (this.tooltip.hidden = true) }))
      .setColorMapper((d) => (d.highlight ? colors.highlight : (colors[d.data.category] ?? colors.native)))
      .setSearchMatch((d, term) => frameMatches(d.data, term))
      .setSearchHandler((_results, sum, total) => this.onSearchResult(sum, total))
      .onClick((d) => this.clicked(d));
    this.chart = chart;
    select(this.element).datum(this.root).call(chart);
    if (this.searchTerm) chart.search(this.searchTerm);
    if (this.zoomedId !== undefined) this.zoomToId(this.zoomedId);
  }

  private clicked(d: Node): void {
    this.zoomedId = d.data.id;
    if (d.data.hidden > 0 && d.data.id >= 0) this.events.onNeedSubtree(d.data);
    this.events.onFrameClick(d.data);
  }

  private zoomToId(id: number): void {
    const node = select(this.element)
      .selectAll<SVGGElement, Node>('g.frame')
      .data()
      .find((d) => d.data.id === id);
    if (node) this.chart?.zoomTo(node);
  }

  private find(id: number): FlameFrameDto | undefined {
    const stack = this.root ? [this.root] : [];
    while (stack.length > 0) {
      const frame = stack.pop()!;
      if (frame.id === id) return frame;
      stack.push(...frame.children);
    }
    return undefined;
  }

  private showTooltip(event: MouseEvent, d: Node): void {
    const total = this.root?.value || 1;
    const frame = d.data;
    this.tooltip.replaceChildren(
      el('strong', {}, frame.name),
      el('div', {}, `Self ${this.formatValue(frame.self)} (${formatPercent((frame.self / total) * 100)})`),
      el('div', {}, `Total ${this.formatValue(frame.value)} (${formatPercent((frame.value / total) * 100)})`),
      el('div', { class: 'muted' }, `${locationText(frame.location) || 'no source'} · ${categoryLabels[frame.category]}`),
      ...(frame.inlined ? [el('div', { class: 'muted' }, 'Inlined by V8 into the frame above; its time is shown here.')] : []),
      ...(frame.inlinedAt
        ? [el('div', { class: 'muted' }, `Inlined at ${locationText(frame.inlinedAt)}: V8 kept no line inside it, so line detail is not available.`)]
        : []),
    );
    this.tooltip.hidden = false;
    const x = Math.min(event.clientX + 12, window.innerWidth - this.tooltip.offsetWidth - 8);
    this.tooltip.style.left = `${Math.max(0, x)}px`;
    this.tooltip.style.top = `${event.clientY + 14}px`;
  }
}

/** Category colours come from the stylesheet, so they follow the theme. */
function categoryColors(): Record<string, string> {
  const style = getComputedStyle(document.body);
  const read = (name: string) => style.getPropertyValue(name).trim();
  return {
    app: read('--fl-app'),
    dependency: read('--fl-dependency'),
    node: read('--fl-node'),
    native: read('--fl-native'),
    idle: read('--fl-idle'),
    highlight: read('--fl-highlight'),
  };
}
