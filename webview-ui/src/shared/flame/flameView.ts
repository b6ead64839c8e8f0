/**
 * The flamegraph (d3-flame-graph): colour by category, a hover card of our own, plain-text search
 * with the matched share of time, invert, and zoom that fetches the subtree when frames were too
 * narrow to send. A click selects a frame (and zooms into it, as the library does); opening its
 * source is always explicit — double-click, Enter, or the selection line's link — as in DevTools
 * and speedscope. The graph is one tab stop: arrow keys move the selection, Enter opens, Space
 * zooms, Escape resets the zoom, and each move is announced.
 */
import { select } from 'd3-selection';
import flamegraph, { type FlameGraph, type FlameNode } from 'd3-flame-graph';
import type { FlameFrameDto } from '../../../../src/protocol/shared/views';
import { el } from '../dom';
import { filterText } from '../textFilter';
import { locationText } from '../locationText';
import { frameMatches } from './frameText';
import { frameAnnouncement, frameCard } from './frameCard';
import { FrameCardView } from './frameCardView';
import { frameAfterMove, moveForKey } from './frameKeys';

export interface FlameViewEvents {
  /** The user asked for a frame's source (double-click, Enter, or the selection line's link). */
  onOpen(frame: FlameFrameDto): void;
  /** A frame with hidden children was zoomed into: its subtree should be fetched. */
  onNeedSubtree(frame: FlameFrameDto): void;
}

type Node = FlameNode<FlameFrameDto> & { highlight?: boolean };

const hint = 'Click a frame to select it; double-click or Enter opens its source.';

export class FlameView {
  readonly element = el('div', { class: 'flame' });
  /** The selected frame in words, with the explicit way to its source. */
  private readonly selectionLine = el('div', { class: 'flame-selection' }, hint);
  private readonly chartHost = el('div', {
    class: 'flame-chart',
    tabindex: '0',
    role: 'group',
    'aria-roledescription': 'flame graph',
    'aria-label': 'Flame graph: arrow keys move between frames, Enter opens the source, Space zooms in, Escape resets the zoom',
  });
  private readonly spoken = el('div', { class: 'visually-hidden', 'aria-live': 'polite' });
  private readonly card = new FrameCardView();
  private chart: FlameGraph<FlameFrameDto> | undefined;
  private root: FlameFrameDto | undefined;
  private inverted = true;
  private searchTerm = '';
  private zoomedId: number | undefined;
  private selectedId: number | undefined;
  /** Width of the last render: the observer also fires once on attach, with nothing to redo. */
  private renderedWidth = 0;

  constructor(
    private readonly events: FlameViewEvents,
    private readonly onSearchResult: (matchedMs: number, totalMs: number) => void,
    /** How a frame's value reads in the card: ms for CPU profiles, bytes for allocation profiles. */
    private readonly formatValue: (value: number) => string,
  ) {
    this.element.append(this.chartHost, this.selectionLine, this.spoken);
    // After the library's own click handler on the frame (which zooms), so the selection is drawn last.
    this.chartHost.addEventListener('click', (event) => this.withFrame(event, (d) => this.select(d)));
    this.chartHost.addEventListener('dblclick', (event) => this.withFrame(event, (d) => this.events.onOpen(d.data)));
    this.chartHost.addEventListener('keydown', (event) => this.onKey(event));
    // Tabbing in lands on the root; a mouse focus waits for the click to say which frame.
    this.chartHost.addEventListener('focus', () => {
      if (!this.selectedNode() && this.chartHost.matches(':focus-visible')) this.select(this.drawn()[0], true);
    });
    // VS Code changes the body's theme class when the theme changes: the frames take the new palette.
    new MutationObserver(() => this.render()).observe(document.body, { attributes: true, attributeFilter: ['class'] });
    new ResizeObserver(() => {
      if (this.chartHost.clientWidth !== this.renderedWidth) this.render();
    }).observe(this.element);
  }

  show(root: FlameFrameDto): void {
    this.root = root;
    this.zoomedId = undefined;
    this.render();
    // New data (e.g. a time range): the selection line says the selected frame's new figures, or nothing.
    const selected = this.selectedNode();
    if (selected) this.select(selected);
    else this.selectionLine.replaceChildren(hint);
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
    this.paintSelection();
  }

  setInverted(inverted: boolean): void {
    this.inverted = inverted;
    this.render();
  }

  resetZoom(): void {
    this.zoomedId = undefined;
    this.chart?.resetZoom();
    this.paintSelection();
  }

  private render(): void {
    const width = this.chartHost.clientWidth;
    if (!this.root || width === 0) return;
    this.renderedWidth = width;
    this.chart?.destroy();
    this.chartHost.replaceChildren();
    const colors = categoryColors();
    const chart = flamegraph<FlameFrameDto>()
      .width(width)
      .cellHeight(20)
      .minFrameSize(1)
      .transitionDuration(200)
      .inverted(this.inverted)
      .sort(true)
      // A function with show/hide: d3-flame-graph ignores any other tooltip (and falls back to SVG titles).
      .tooltip(Object.assign(() => undefined, { show: (event: MouseEvent, d: Node) => this.showCard(event, d), hide: () => this.card.hide() }))
      .setColorMapper((d) => (d.highlight ? colors.highlight : (colors[d.data.category] ?? colors.native)))
      .setSearchMatch((d, term) => frameMatches(d.data, term))
      .setSearchHandler((_results, sum, total) => this.onSearchResult(sum, total))
      // Called for every zoom (a click, zoomTo, resetZoom): never a reason to open the source.
      .onClick((d) => this.zoomed(d));
    this.chart = chart;
    select(this.chartHost).datum(this.root).call(chart);
    if (this.searchTerm) chart.search(this.searchTerm);
    if (this.zoomedId !== undefined) this.zoomToId(this.zoomedId);
    this.paintSelection();
  }

  private zoomed(d: Node): void {
    this.zoomedId = d.data.id;
    if (d.data.hidden > 0 && d.data.id >= 0) this.events.onNeedSubtree(d.data);
    this.paintSelection();
  }

  private onKey(event: KeyboardEvent): void {
    const current = this.selectedNode() ?? this.drawn()[0];
    if (!current) return;
    const move = moveForKey(event.key, this.inverted);
    if (move) {
      const next = frameAfterMove(current, move, this.drawn());
      if (next) this.select(next, true);
    } else if (event.key === 'Enter') this.events.onOpen(current.data);
    else if (event.key === ' ') {
      this.chart?.zoomTo(current);
      this.select(current, true);
    } else if (event.key === 'Escape') this.resetZoom();
    else return;
    event.preventDefault();
  }

  /** Selects a frame: drawn with a ring, described in the selection line, announced when by keyboard. */
  private select(d: Node | undefined, byKeyboard = false): void {
    if (!d) return;
    this.selectedId = d.data.id;
    this.card.hide();
    this.paintSelection();
    const card = frameCard(d.data, this.root?.value ?? 0, this.formatValue);
    const where = d.data.location;
    this.selectionLine.replaceChildren(
      el('strong', {}, card.title),
      ` · ${card.lines[0]} · ${card.lines[1]} · `,
      where ? this.openLink(d.data, locationText(where)) : 'no source location',
    );
    if (byKeyboard) {
      this.spoken.textContent = frameAnnouncement(card);
      this.chartHost.querySelector('g.frame.selected')?.scrollIntoView({ block: 'nearest', inline: 'nearest' });
    }
  }

  private openLink(frame: FlameFrameDto, text: string): HTMLElement {
    const link = el('button', { type: 'button', class: 'link', title: 'Open the source (or double-click the frame, or press Enter)' }, text);
    link.addEventListener('click', () => this.events.onOpen(frame));
    return link;
  }

  /** The library rewrites each frame's class on every update, so the selection is drawn again after it. */
  private paintSelection(): void {
    select(this.chartHost)
      .selectAll<SVGGElement, Node>('g.frame')
      .classed('selected', (d) => d.data.id === this.selectedId);
  }

  private selectedNode(): Node | undefined {
    return this.selectedId === undefined ? undefined : this.drawn().find((d) => d.data.id === this.selectedId);
  }

  /** The frames the library draws now (zoomed-out siblings and frames under a pixel are not). */
  private drawn(): Node[] {
    return select(this.chartHost).selectAll<SVGGElement, Node>('g.frame').data();
  }

  private withFrame(event: MouseEvent, act: (d: Node) => void): void {
    const frame = (event.target as Element).closest('g.frame');
    if (frame) act(select<Element, Node>(frame).datum());
  }

  private zoomToId(id: number): void {
    const node = this.drawn().find((d) => d.data.id === id);
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

  private showCard(event: MouseEvent, d: Node): void {
    this.card.show(frameCard(d.data, this.root?.value ?? 0, this.formatValue), event);
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
