// The tab strip under the flamegraph: one tab per view, one pane shown at a time. ←/→ move
// between the tabs (and show the tab's view), as in any tab list.
import { el } from '../shared/dom';

export function viewTabs(views: ReadonlyArray<{ readonly label: string; readonly element: HTMLElement }>): { tabs: HTMLElement; panes: HTMLElement } {
  const tabs = el('div', { class: 'tabs', role: 'tablist', 'aria-label': 'Views of the profile' });
  const panes = el('div', { class: 'panes' });
  const pairs = views.map(({ label, element }, index) => {
    const selected = index === 0;
    const tab = el('button', { type: 'button', role: 'tab', id: `view-tab-${index}`, 'aria-selected': String(selected), class: 'tab' }, label);
    const pane = el('div', { role: 'tabpanel', class: 'pane', id: `view-pane-${index}`, 'aria-labelledby': tab.id }, element);
    tab.setAttribute('aria-controls', pane.id);
    tab.tabIndex = selected ? 0 : -1;
    pane.hidden = !selected;
    tabs.append(tab);
    panes.append(pane);
    return { tab, pane };
  });
  const choose = (chosen: number) =>
    pairs.forEach(({ tab, pane }, index) => {
      tab.setAttribute('aria-selected', String(index === chosen));
      tab.tabIndex = index === chosen ? 0 : -1;
      pane.hidden = index !== chosen;
    });
  pairs.forEach(({ tab }, index) => {
    tab.addEventListener('click', () => choose(index));
    tab.addEventListener('keydown', (event) => {
      const step = event.key === 'ArrowRight' ? 1 : event.key === 'ArrowLeft' ? -1 : 0;
      if (!step) return;
      event.preventDefault();
      const next = (index + step + pairs.length) % pairs.length;
      choose(next);
      pairs[next].tab.focus();
    });
  });
  return { tabs, panes };
}
