/**
 * Search in the report's flamegraph: plain case-insensitive text in a frame's name or file:line,
 * the matched share of time, Enter zooms to the widest match, Escape clears, "/" focuses the box.
 */
import { focusOnSlash } from '../shared/searchShortcut';
import { filterText } from '../shared/textFilter';
import type { FrameNode, ReportChart } from './flameChart';
import { matchLine } from './reportText';

export interface FlameSearch {
  /** Fills the box with `text` and searches at once (the tables' function names do this). */
  searchFor(text: string): void;
}

export function wireFlameSearch({ chart, element, rootMs }: ReportChart): FlameSearch {
  const box = document.getElementById('search') as HTMLInputElement;
  const matchEl = document.getElementById('match')!;
  let hits: FrameNode[] = [];

  chart.setSearchHandler((results: FrameNode[]) => {
    // Count each matched subtree once: a match nested in another match is already inside its total.
    const matched = new Set(results);
    hits = results.filter((d) => {
      for (let p = d.parent; p; p = p.parent) if (matched.has(p)) return false;
      return true;
    });
    const matchedMs = hits.reduce((sum, d) => sum + d.data.value, 0);
    matchEl.textContent = matchLine(results.length, matchedMs, rootMs);
  });

  const run = () => {
    const term = filterText(box.value);
    if (term) {
      chart.search(term);
    } else {
      hits = [];
      matchEl.textContent = '';
      chart.clear();
    }
  };
  let timer: ReturnType<typeof setTimeout> | undefined;
  const runNow = () => {
    clearTimeout(timer);
    run();
  };
  box.addEventListener('input', () => {
    clearTimeout(timer);
    timer = setTimeout(run, 120);
  });
  box.addEventListener('keydown', (event) => {
    if (event.key === 'Enter') {
      // Keyboard path to zooming: Enter zooms to the widest match.
      runNow();
      const widest = hits.reduce<FrameNode | undefined>((best, d) => (!best || d.data.value > best.data.value ? d : best), undefined);
      if (widest) chart.zoomTo(widest);
    } else if (event.key === 'Escape') {
      box.value = '';
      runNow();
    }
  });
  focusOnSlash(box);

  return {
    searchFor(text) {
      box.value = text;
      runNow();
      element.scrollIntoView({ behavior: 'smooth', block: 'nearest' });
    },
  };
}
