// The hottest functions and lines: shares with a bar, short paths with the full one in a title,
// and function names that search the flamegraph.
import { formatNumber, formatPercent } from '../../../src/format';
import type { SourceLocationDto } from '../../../src/protocol/shared/views';
import { el } from '../shared/dom';
import { locationText, shortLocationText } from '../shared/locationText';
import type { FlameSearch } from './flameSearch';
import type { ReportData } from './reportData';
import { barWidthPct, categoryLabel, frameName } from './reportText';

export function showHotTables(data: Pick<ReportData, 'hotFunctions' | 'hotLines'>, search: FlameSearch): void {
  fillTable('#functions', data.hotFunctions, 7, (row, f, max) => {
    cell(row, 'num', formatNumber(f.selfMs, 1));
    shareCell(row, f.selfPct, max);
    cell(row, 'num', formatNumber(f.totalMs, 1));
    cell(row, 'num', formatPercent(f.totalPct));
    const name = frameName(f);
    const button = el('button', { type: 'button', title: `${name}\nHighlight in the flame graph` }, name);
    button.addEventListener('click', () => search.searchFor(name));
    cell(row, 'fn').append(button);
    pathCell(row, f.location);
    cell(row, '').append(el('span', { class: 'cat' }, el('span', { class: `swatch cat-${f.category}` }), el('span', {}, categoryLabel(f.category))));
  });
  fillTable('#lines', data.hotLines, 3, (row, l, max) => {
    cell(row, 'num', formatNumber(l.selfMs, 1));
    shareCell(row, l.selfPct, max);
    pathCell(row, l.location);
  });
}

/** One row per entry, or "Nothing recorded"; `max` is the largest self share, for the bars. */
function fillTable<T extends { readonly selfPct: number }>(
  table: string,
  rows: readonly T[],
  columns: number,
  fill: (row: HTMLTableRowElement, entry: T, max: number) => void,
): void {
  const body = document.querySelector<HTMLTableSectionElement>(`${table} tbody`)!;
  if (rows.length === 0) cell(body.insertRow(), 'empty', 'Nothing recorded').colSpan = columns;
  const max = rows.reduce((m, r) => Math.max(m, r.selfPct), 0);
  for (const entry of rows) fill(body.insertRow(), entry, max);
}

function cell(row: HTMLTableRowElement, className: string, text?: string, title?: string): HTMLTableCellElement {
  const td = el('td', className ? { class: className } : {}, ...(text === undefined ? [] : [text]));
  if (title) td.title = title;
  row.append(td);
  return td;
}

function shareCell(row: HTMLTableRowElement, value: number, max: number): void {
  const bar = el('span', { class: 'bar' });
  bar.style.width = `${barWidthPct(value, max)}%`; // CSSOM, not a style="" attribute (CSP)
  cell(row, 'num pct').append(bar, el('span', {}, formatPercent(value)));
}

function pathCell(row: HTMLTableRowElement, location: SourceLocationDto | undefined): void {
  cell(row, 'path', shortLocationText(location) || '(no source)', locationText(location));
}
