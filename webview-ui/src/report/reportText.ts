/**
 * The report's words and numbers (no DOM, so they are tested in Node): facts, legend entries,
 * tooltip lines, the zoom and search lines. Numbers go through src/format like every other view.
 */
import { formatCount, formatDuration, formatShare } from '../../../src/format';
import type { CategoryName, FlameFrameDto } from '../../../src/protocol/shared/views';
import { categoryLabels } from '../shared/categories';
import { locationText } from '../shared/locationText';
import type { ReportRecording } from './reportData';

/** Legend order, as the labels are listed: the user's code first, idle last. */
export const categoryOrder = Object.keys(categoryLabels) as CategoryName[];

export interface Fact {
  readonly label: string;
  readonly value: string;
  readonly title?: string;
}

export function factsOf(recording: ReportRecording, recordedAt: string, localTime: (date: Date) => string): Fact[] {
  const recorded = new Date(recordedAt);
  return [
    { label: 'Recorded', value: isNaN(recorded.getTime()) ? recordedAt : localTime(recorded), title: recordedAt },
    { label: 'Duration', value: formatDuration(recording.durationMs) },
    { label: 'Samples', value: formatCount(recording.samples) },
    { label: 'Interval', value: formatDuration(recording.intervalUs / 1000), title: 'Achieved sampling interval (median gap between samples)' },
  ];
}

export interface LegendEntry {
  readonly category: CategoryName;
  readonly label: string;
  readonly value: string;
}

/** Each category's time and its share of all categories (every category listed, even at 0). */
export function legendOf(recording: ReportRecording): LegendEntry[] {
  const timeOf = (c: CategoryName) => recording.byCategory[c] ?? 0;
  const total = categoryOrder.reduce((sum, c) => sum + timeOf(c), 0);
  return categoryOrder.map((category) => ({
    category,
    label: categoryLabels[category],
    value: `${formatDuration(timeOf(category))} · ${formatShare(timeOf(category), total)}`,
  }));
}

export function categoryLabel(category: string): string {
  return categoryLabels[category as CategoryName] ?? category;
}

/** A frame's name as drawn; the engine names anonymous functions, an empty name is someone else's file. */
export function frameName(frame: Pick<FlameFrameDto, 'name'>): string {
  return frame.name || '(anonymous)';
}

/** "23.2 ms (0.8 %)": a frame's time and its share of the whole recording. */
export function timeAndShare(ms: number, rootMs: number): string {
  return `${formatDuration(ms)} (${formatShare(ms, rootMs)})`;
}

/** The tooltip's last line: where the function is, and its category. */
export function frameWhere(frame: FlameFrameDto): string {
  return `${locationText(frame.location) || 'no source location'} · ${categoryLabel(frame.category)}`;
}

/** The line above the chart: how to use it, or what is zoomed into. */
export function zoomLine(zoomed: FlameFrameDto | undefined, rootMs: number): string {
  if (!zoomed) return 'Callers above callees; width is total time. Hover a frame for details, click it to zoom in.';
  return `Zoomed into ${frameName(zoomed)} (${formatDuration(zoomed.value)}, ${formatShare(Math.min(zoomed.value, rootMs), rootMs)} of all time). Click the top frame or "Reset zoom" to go back.`;
}

/** "3 frames · 12.0 ms · 4.0 % of total time", or "No matches". */
export function matchLine(frames: number, matchedMs: number, rootMs: number): string {
  if (frames === 0) return 'No matches';
  return `${formatCount(frames)} ${frames === 1 ? 'frame' : 'frames'} · ${formatDuration(matchedMs)} · ${formatShare(Math.min(matchedMs, rootMs), rootMs)} of total time`;
}

/** A table's share bar, relative to the table's largest value (shares are often a few percent: bars scaled to 100 % would all look empty). */
export function barWidthPct(value: number, max: number): number {
  return max > 0 ? Math.min(100, (100 * Math.max(0, value)) / max) : 0;
}
