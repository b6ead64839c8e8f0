/**
 * The profile panel: header and legend, timeline, flamegraph with its toolbar, and the
 * top-down / bottom-up views. One exhaustive switch handles every message from the host.
 */
import type { HostMessage } from '../../src/protocol/messages';
import type { ProfileOverviewDto, SourceLocationDto } from '../../src/protocol/profileViews';
import { BottomUpTable } from './bottomUpTable';
import { categoryLabels, el, formatMs, formatPct } from './dom';
import { FlameView } from './flameView';
import { TimelineView } from './timelineView';
import { TopDownTree } from './topDownTree';
import { postToHost } from './vscodeApi';

const app = document.getElementById('app')!;
const open = (location: SourceLocationDto) => postToHost({ type: 'editor/openLocation', file: location.file, line: location.line });

const header = el('header', { class: 'header' });
const timeline = new TimelineView((range) => postToHost({ type: 'range/select', range }));
const searchBox = el('input', { type: 'search', placeholder: 'Search functions or files  ( / )', 'aria-label': 'Search the flame graph' });
const searchResult = el('span', { class: 'muted search-result', 'aria-live': 'polite' });
const invertButton = el('button', { type: 'button', class: 'secondary', 'aria-pressed': 'true', title: 'Callers on top (icicle) or below (flame)' }, 'Callers on top');
const resetButton = el('button', { type: 'button', class: 'secondary' }, 'Reset zoom');
const flame = new FlameView(
  {
    onFrameClick: (frame) => {
      const colon = frame.location.lastIndexOf(':');
      if (colon > 0) open({ file: frame.location.slice(0, colon), line: Number(frame.location.slice(colon + 1)) });
    },
    onNeedSubtree: (frame) => postToHost({ type: 'flame/expand', nodeId: frame.id }),
  },
  (matchedMs, totalMs) =>
    (searchResult.textContent = searchBox.value.trim() ? `${formatMs(matchedMs)} · ${formatPct(totalMs ? (matchedMs / totalMs) * 100 : 0)} of the time` : ''),
);
const tree = new TopDownTree({ expand: (nodeId) => postToHost({ type: 'tree/expand', nodeId }), open });
const table = new BottomUpTable({ expand: (key) => postToHost({ type: 'function/expand', key }), open });

const tabs = el('div', { class: 'tabs', role: 'tablist' });
const panes = el('div', { class: 'panes' });
for (const [label, view, selected] of [
  ['Bottom-up', table.element, true],
  ['Top-down', tree.element, false],
] as const) {
  const tab = el('button', { type: 'button', role: 'tab', 'aria-selected': String(selected), class: 'tab' }, label);
  const pane = el('div', { role: 'tabpanel', class: 'pane' }, view);
  pane.hidden = !selected;
  tab.addEventListener('click', () => {
    tabs.querySelectorAll('[role="tab"]').forEach((t) => t.setAttribute('aria-selected', String(t === tab)));
    panes.querySelectorAll<HTMLElement>('[role="tabpanel"]').forEach((p) => (p.hidden = p !== pane));
  });
  tabs.append(tab);
  panes.append(pane);
}

searchBox.addEventListener('input', () => {
  flame.search(searchBox.value);
  table.setFilter(searchBox.value);
});
invertButton.addEventListener('click', () => {
  const inverted = invertButton.getAttribute('aria-pressed') !== 'true';
  invertButton.setAttribute('aria-pressed', String(inverted));
  invertButton.textContent = inverted ? 'Callers on top' : 'Callers below';
  flame.setInverted(inverted);
});
resetButton.addEventListener('click', () => flame.resetZoom());
document.addEventListener('keydown', (event) => {
  if (event.key === '/' && document.activeElement !== searchBox) {
    event.preventDefault();
    searchBox.focus();
  }
});

function showOverview(overview: ProfileOverviewDto): void {
  const total = overview.durationMs || 1;
  header.replaceChildren(
    el('h1', {}, overview.title),
    el(
      'div',
      { class: 'stats' },
      `${formatMs(overview.durationMs)} · ${overview.samples.toLocaleString()} samples · every ~${overview.intervalUs} µs`,
    ),
    ...(overview.workerThreads
      ? [el('div', { class: 'notice', role: 'note' }, workerThreadsNote(overview.workerThreads))]
      : []),
    el(
      'ul',
      { class: 'legend', 'aria-label': 'Time by category' },
      ...Object.entries(overview.byCategory).map(([category, ms]) =>
        el('li', {}, el('span', { class: `swatch cat-${category}`, 'aria-hidden': 'true' }), `${categoryLabels[category]} ${formatPct((ms / total) * 100)}`),
      ),
    ),
  );
  timeline.show(overview);
}

/** Worker threads run on their own V8 isolates: their time is in none of these figures. */
function workerThreadsNote(count: number): string {
  const threads = count === 1 ? '1 worker thread' : `${count} worker threads`;
  return `${threads} ran during the recording; this profile shows the main thread only, so their CPU time is not in it.`;
}

function handle(message: HostMessage): void {
  switch (message.type) {
    case 'profile/loaded':
      app.removeAttribute('aria-busy');
      app.replaceChildren(
        header,
        timeline.element,
        el('div', { class: 'toolbar' }, searchBox, searchResult, el('span', { class: 'spacer' }), invertButton, resetButton),
        flame.element,
        tabs,
        panes,
      );
      showOverview(message.overview);
      return;
    case 'profile/failed':
      app.removeAttribute('aria-busy');
      app.replaceChildren(el('div', { class: 'error', role: 'alert' }, message.message));
      return;
    case 'views/data':
      flame.show(message.flame);
      tree.show(message.roots);
      table.show(message.functions);
      return;
    case 'flame/subtree':
      flame.mergeSubtree(message.frame);
      return;
    case 'tree/children':
      tree.addChildren(message.parentId, message.rows);
      return;
    case 'function/relations':
      table.showRelations(message.relations);
      return;
    case 'view/search':
      searchBox.value = message.query;
      flame.search(message.query);
      table.setFilter(message.query);
      return;
    default: {
      const unhandled: never = message;
      return unhandled;
    }
  }
}

window.addEventListener('message', (event: MessageEvent<HostMessage>) => handle(event.data));
postToHost({ type: 'webview/ready' });
