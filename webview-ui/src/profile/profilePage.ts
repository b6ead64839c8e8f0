/**
 * The profile page: header and legend, CPU over time (select a range), then the window's rest
 * split in two resizable panes — the flamegraph with its toolbar above, the bottom-up / top-down
 * views below — each scrolling on its own, so the page fits the window at any size. The host
 * sends the overview once and the views' data for the whole recording or the selected range.
 */
import type { ProfileHostMessage, ProfileRequest } from '../../../src/protocol/profile/messages';
import type { SourceLocationDto } from '../../../src/protocol/shared/views';
import { el } from '../shared/dom';
import { FlamePanel } from '../shared/flame/flamePanel';
import { formatDuration, formatPercent } from '../../../src/format';
import { pageState } from '../shared/host';
import type { Handlers, Page } from '../shared/mountPage';
import { SplitPane } from '../shared/splitPane';
import { BottomUpTable } from './bottomUpTable';
import { CpuOverTime } from './cpuOverTime';
import { profileHeader } from './profileHeader';
import { TopDownTree } from './topDownTree';
import { viewTabs } from './viewTabs';

export class ProfilePage {
  private readonly header = el('header', { class: 'header' });
  private readonly cpu: CpuOverTime;
  private readonly flames: FlamePanel;
  private readonly tree: TopDownTree;
  private readonly table: BottomUpTable;
  private readonly views: { tabs: HTMLElement; panes: HTMLElement };
  private split: SplitPane | undefined;

  constructor(private readonly page: Page<ProfileRequest>) {
    const open = (location: SourceLocationDto) => page.open(location);
    this.cpu = new CpuOverTime((range) => page.post({ type: 'range/select', range }));
    this.flames = new FlamePanel({
      searchLabel: 'Search the flame graph',
      formatValue: formatDuration,
      describeMatch: (matchedMs, totalMs) => `${formatDuration(matchedMs)} · ${formatPercent(totalMs ? (matchedMs / totalMs) * 100 : 0)} of the time`,
      searched: (text) => this.table.setFilter(text),
      open,
      needSubtree: (frame) => page.post({ type: 'flame/expand', nodeId: frame.id }),
    });
    this.tree = new TopDownTree({ expand: (nodeId) => page.post({ type: 'tree/expand', nodeId }), open });
    this.table = new BottomUpTable({ expand: (key) => page.post({ type: 'function/expand', key }), open });
    this.views = viewTabs([
      { label: 'Bottom-up', element: this.table.element },
      { label: 'Top-down', element: this.tree.element },
    ]);
  }

  readonly handlers: Handlers<ProfileHostMessage> = {
    'profile/loaded': ({ overview }) => {
      const { toolbar, flame } = this.flames;
      this.split ??= new SplitPane(el('div', {}, toolbar.element, flame.element), el('div', {}, this.views.tabs, this.views.panes), {
        label: 'Resize the flame graph and the tables',
        stateKey: 'profileSplit',
        initial: 45,
        store: pageState(),
      });
      this.page.show(this.header, this.cpu.element, this.split.element);
      this.header.replaceChildren(...profileHeader(overview));
      this.cpu.show(overview);
    },
    'profile/failed': (failure) => this.page.fail(failure),
    'views/data': (message) => {
      this.flames.flame.show(message.flame);
      this.tree.show(message.roots);
      this.table.show(message.functions);
      this.page.rendered();
    },
    'flame/subtree': ({ frame }) => this.flames.flame.mergeSubtree(frame),
    'tree/children': ({ parentId, rows }) => this.tree.addChildren(parentId, rows),
    'function/relations': ({ relations }) => this.table.showRelations(relations),
    'view/search': ({ query }) => this.flames.setSearch(query),
  };
}
