/**
 * The columns of the profile's tables, in one order for bottom-up and top-down alike (as in
 * DevTools): Function, Source, Self, Self %, Total, Total %. Numbers go through src/format; the
 * Source cell is a link when the file is on this machine (Node's own modules have none to open).
 */
import type { CategoryName, SourceLocationDto } from '../../../src/protocol/shared/views';
import { durationColumn, formatDuration, formatPercent } from '../../../src/format';
import { el } from './dom';
import { locationText, shortLocationText } from './locationText';

export interface TimeCells {
  readonly name: string;
  readonly location?: SourceLocationDto;
  readonly category?: CategoryName;
  readonly selfMs?: number;
  readonly selfPct?: number;
  readonly totalMs?: number;
  readonly totalPct?: number;
}

/** The header row (kept in view while the rows scroll: `position: sticky` in profile.css). */
export function timeHeader(): HTMLElement {
  return el(
    'div',
    { class: 'row header', 'aria-hidden': 'true' },
    el('span', { class: 'twisty' }),
    el('span', { class: 'swatch' }),
    el('span', { class: 'name' }, 'Function'),
    el('span', { class: 'where' }, 'Source'),
    el('span', { class: 'num self' }, 'Self'),
    el('span', { class: 'num pct self-pct' }, 'Self %'),
    el('span', { class: 'num total' }, 'Total'),
    el('span', { class: 'num pct total-pct' }, 'Total %'),
  );
}

/** How the Self and Total cells of one list of rows read: one unit per column (src/format's durationColumn). */
export interface TimeFormat {
  readonly self: (ms: number) => string;
  readonly total: (ms: number) => string;
}

/** The formats for rows whose largest times are these: each column's unit comes from its largest value. */
export function timeFormat(largestSelfMs: number, largestTotalMs: number): TimeFormat {
  return { self: durationColumn([largestSelfMs]), total: durationColumn([largestTotalMs]) };
}

/**
 * The cells of one row, after its expander; `open` is called by the Source link. A time cell's
 * title is its exact figure in formatDuration's words (the text is in the column's unit).
 */
export function timeCells(row: TimeCells, twisty: string, format: TimeFormat, open: (location: SourceLocationDto) => void): HTMLElement[] {
  const num = (cls: string, text: string, title?: string) => el('span', title ? { class: `num ${cls}`, title } : { class: `num ${cls}` }, text);
  return [
    el('span', { class: 'twisty', 'aria-hidden': 'true' }, twisty),
    el('span', { class: row.category ? `swatch cat-${row.category}` : 'swatch', 'aria-hidden': 'true' }),
    el('span', { class: 'name', title: row.name }, row.name),
    sourceCell(row.location, open),
    row.selfMs === undefined ? num('self', '') : num('self', format.self(row.selfMs), formatDuration(row.selfMs)),
    num('pct self-pct', row.selfPct === undefined ? '' : formatPercent(row.selfPct)),
    row.totalMs === undefined ? num('total', '') : num('total', format.total(row.totalMs), formatDuration(row.totalMs)),
    num('pct total-pct', row.totalPct === undefined ? '' : formatPercent(row.totalPct)),
  ];
}

/** What a screen reader says for a row: every column in words. */
export function timeLabel(row: TimeCells): string {
  const parts = [row.name, locationText(row.location) || 'no source file'];
  if (row.selfMs !== undefined) parts.push(`self ${formatDuration(row.selfMs)}${row.selfPct === undefined ? '' : `, ${formatPercent(row.selfPct)}`}`);
  if (row.totalMs !== undefined) parts.push(`total ${formatDuration(row.totalMs)}${row.totalPct === undefined ? '' : `, ${formatPercent(row.totalPct)}`}`);
  return parts.join('; ');
}

/** A file on this machine (an absolute path): Node's built-in modules ("node:fs") have none. */
export function isLocalFile(location: SourceLocationDto | undefined): location is SourceLocationDto {
  return !!location && (location.file.startsWith('/') || /^[A-Za-z]:[\\/]/.test(location.file));
}

function sourceCell(location: SourceLocationDto | undefined, open: (location: SourceLocationDto) => void): HTMLElement {
  const text = shortLocationText(location);
  if (!isLocalFile(location)) return el('span', { class: 'where', title: locationText(location) }, text);
  const link = el('a', { class: 'where', href: '#', tabindex: '-1', title: `Open ${locationText(location)}` }, text);
  link.addEventListener('click', (event) => {
    event.preventDefault();
    open(location);
  });
  return link;
}
