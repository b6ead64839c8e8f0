/**
 * The words and Markdown the CodeLens and the hover share, so one function reads the same in
 * both and in the bottom-up table: the engine computes each figure once (self and total time and
 * their shares of the recording) and every surface writes it with src/format.
 */
import { formatDuration, formatPercent, formatTimeShare } from '../../format';
import type { FileHeatDto, FunctionRowDto } from '../../protocol/profile/views';

type HotLineDto = FileHeatDto['lines'][number];

/** "286.9 ms self (19.8 %) · 1.40 s total (93.5 %)" — the bottom-up table's Self, Self %, Total and Total % cells. */
export function functionFigures(f: Pick<FunctionRowDto, 'selfMs' | 'selfPct' | 'totalMs' | 'totalPct'>): string {
  return `${formatDuration(f.selfMs)} self (${formatPercent(f.selfPct)}) · ${formatDuration(f.totalMs)} total (${formatPercent(f.totalPct)})`;
}

/** "line 11: 250.0 ms (18.5 %)": the hottest line's own figure, carried where its end-of-line text may be off-screen. */
export function lineFigure(line: HotLineDto): string {
  return `line ${line.line}: ${formatTimeShare(line.selfMs, line.selfPct)}`;
}

/**
 * The hottest line of a hot function: among the file's hot lines from its first line up to the
 * next hot function's first line (the engine sends no function ends; a nested hot function
 * starts its own stretch, so its lines are not its parent's).
 */
export function hottestLineOf(heat: FileHeatDto, f: FunctionRowDto): HotLineDto | undefined {
  const start = f.location?.line ?? 0;
  const next = heat.functions.map((other) => other.location?.line ?? 0).filter((line) => line > start);
  const end = next.length > 0 ? Math.min(...next) : Infinity;
  return heat.lines.filter((l) => l.line >= start && l.line < end).sort((a, b) => b.selfMs - a.selfMs)[0];
}

/**
 * A code span that shows `text` exactly: inside backticks Markdown escapes are not processed, so
 * "\(anonymous\)" would be shown with its backslashes. The fence is one backtick longer than any
 * run inside, and padded when the text starts or ends with one (CommonMark's rule).
 */
export function codeSpan(text: string): string {
  const longest = Math.max(0, ...(text.match(/`+/g) ?? []).map((run) => run.length));
  const fence = '`'.repeat(longest + 1);
  const pad = text.startsWith('`') || text.endsWith('`') ? ' ' : '';
  return `${fence}${pad}${text}${pad}${fence}`;
}

/**
 * Text for a link label or plain Markdown: each punctuation character escaped (outside code
 * spans escapes are processed, so "(anonymous)" reads as written), `$` too because the hover
 * renders theme icons ("$(flame)").
 */
export function markdownText(text: string): string {
  return text.replace(/[\\`*_{}[\]()#+\-.!|<>"$~&]/g, '\\$&');
}
