// The page header: the title, the recording's facts and the time per category.
import { el } from '../shared/dom';
import type { ReportData } from './reportData';
import { factsOf, legendOf } from './reportText';

export function showHeader(data: ReportData): void {
  document.title = `${data.title} · FlameLens`;
  document.getElementById('report-title')!.textContent = data.title;

  const facts = document.getElementById('facts')!;
  for (const fact of factsOf(data.recording, data.recordedAt, (date) => date.toLocaleString())) {
    const value = el('dd', {}, fact.value);
    if (fact.title) value.title = fact.title;
    facts.append(el('div', {}, el('dt', {}, fact.label), value));
  }

  const legend = document.getElementById('legend')!;
  for (const entry of legendOf(data.recording)) {
    legend.append(
      el('li', {}, el('span', { class: `swatch cat-${entry.category}` }), el('span', {}, entry.label), el('span', { class: 'value' }, entry.value)),
    );
  }
}
