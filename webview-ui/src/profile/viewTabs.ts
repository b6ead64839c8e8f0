// The tab strip under the flamegraph: one tab per view, one pane shown at a time.
import { el } from '../shared/dom';

export function viewTabs(views: ReadonlyArray<{ readonly label: string; readonly element: HTMLElement }>): { tabs: HTMLElement; panes: HTMLElement } {
  const tabs = el('div', { class: 'tabs', role: 'tablist' });
  const panes = el('div', { class: 'panes' });
  views.forEach(({ label, element }, index) => {
    const selected = index === 0;
    const tab = el('button', { type: 'button', role: 'tab', 'aria-selected': String(selected), class: 'tab' }, label);
    const pane = el('div', { role: 'tabpanel', class: 'pane' }, element);
    pane.hidden = !selected;
    tab.addEventListener('click', () => {
      tabs.querySelectorAll('[role="tab"]').forEach((t) => t.setAttribute('aria-selected', String(t === tab)));
      panes.querySelectorAll<HTMLElement>('[role="tabpanel"]').forEach((p) => (p.hidden = p !== pane));
    });
    tabs.append(tab);
    panes.append(pane);
  });
  return { tabs, panes };
}
