/**
 * The report's flamegraph: d3-flame-graph coloured by category from the stylesheet's palette,
 * with a tooltip built from text (the library's own renders HTML, and every name comes from the
 * profiled program), a zoom line, and a width that follows the page.
 */
import flamegraph, { type FlameGraph, type FlameNode } from 'd3-flame-graph';
import { select } from 'd3-selection';
import type { FlameFrameDto } from '../../../src/protocol/shared/views';
import { el } from '../shared/dom';
import { frameMatches } from '../shared/flame/frameText';
import { categoryOrder, frameName, frameWhere, timeAndShare, zoomLine } from './reportText';

export type FrameNode = FlameNode<FlameFrameDto> & { highlight?: boolean };

export interface ReportChart {
  readonly chart: FlameGraph<FlameFrameDto>;
  readonly element: HTMLElement;
  readonly rootMs: number;
}

export function showFlameChart(root: FlameFrameDto, rootMs: number): ReportChart {
  const element = document.getElementById('chart')!;
  const tip = document.getElementById('tip')!;
  const details = document.getElementById('details')!;
  const reset = document.getElementById('reset') as HTMLButtonElement;
  let palette = readPalette();

  const showZoom = (zoomed: FrameNode | undefined) => {
    reset.disabled = !zoomed;
    details.textContent = zoomLine(zoomed?.data, rootMs);
  };
  const placeTip = (event: MouseEvent) => {
    let x = event.clientX + 14;
    let y = event.clientY + 16;
    if (x + tip.offsetWidth > window.innerWidth - 8) x = Math.max(8, event.clientX - tip.offsetWidth - 14);
    if (y + tip.offsetHeight > window.innerHeight - 8) y = Math.max(8, event.clientY - tip.offsetHeight - 16);
    tip.style.left = `${x}px`; // CSSOM writes are allowed by the CSP; style="" attributes are not
    tip.style.top = `${y}px`;
  };
  // d3-flame-graph ignores a tooltip that is not a function (it calls it on the svg): so ours is a callable with show/hide.
  const tooltip = Object.assign(() => undefined, {
    show(event: MouseEvent, d: FrameNode) {
      const f = d.data;
      tip.replaceChildren(
        el('div', { class: 'name' }, frameName(f)),
        el('dl', {}, el('dt', {}, 'Self'), el('dd', {}, timeAndShare(f.self, rootMs)), el('dt', {}, 'Total'), el('dd', {}, timeAndShare(f.value, rootMs))),
        el('div', { class: 'where' }, frameWhere(f)),
      );
      tip.hidden = false;
      placeTip(event);
    },
    hide() {
      tip.hidden = true;
    },
  });
  element.addEventListener('mousemove', (event) => {
    if (!tip.hidden) placeTip(event);
  });
  element.addEventListener('mouseleave', tooltip.hide);

  const chart = flamegraph<FlameFrameDto>()
    .width(element.clientWidth || 960)
    .cellHeight(20)
    .inverted(true) // the root stays next to the toolbar however deep the stacks are
    .minFrameSize(0.5) // sub-pixel frames are invisible anyway; skipping them keeps the DOM small
    .transitionDuration(300)
    .resetHeightOnZoom(true) // a zoomed subtree is shallower: no empty band above the tables
    .getName((d) => frameName(d.data))
    .tooltip(tooltip)
    // "all" (the root) has no category of its own.
    .setColorMapper((d: FrameNode) => (d.highlight ? palette.match : d.parent ? (palette[d.data.category] ?? palette.native) : palette.root))
    .setDetailsHandler(() => undefined) // details go to our tooltip and zoom line instead
    // The library's default search builds a RegExp from the input, which throws on "(anonymous".
    .setSearchMatch((d, term) => !!term && frameMatches(d.data, term))
    .onClick((d: FrameNode) => showZoom(d.parent ? d : undefined));

  select(element).datum(root).call(chart);
  showZoom(undefined);
  reset.addEventListener('click', () => chart.resetZoom());
  followWidth(element, chart);
  // Follow the OS switching between light and dark while the report is open.
  window.matchMedia('(prefers-color-scheme: dark)').addEventListener('change', () => {
    palette = readPalette();
    chart.update();
  });
  return { chart, element, rootMs };
}

/** The palette lives in report.css (CSS variables, with a dark variant): read here so frames and the legend's swatches always agree. */
function readPalette(): Record<string, string> {
  const style = getComputedStyle(document.documentElement);
  const read = (name: string) => style.getPropertyValue(name).trim();
  const palette: Record<string, string> = { match: read('--match'), root: read('--root') };
  for (const category of categoryOrder) palette[category] = read(`--cat-${category}`);
  return palette;
}

/** Width follows the container; redrawn after layout settles, once per frame at most. */
function followWidth(element: HTMLElement, chart: FlameGraph<FlameFrameDto>): void {
  let pending = 0;
  const fit = () => {
    cancelAnimationFrame(pending);
    pending = requestAnimationFrame(() => {
      const width = element.clientWidth;
      if (width > 0 && width !== chart.width()) chart.width(width).update();
    });
  };
  new ResizeObserver(fit).observe(element);
}
