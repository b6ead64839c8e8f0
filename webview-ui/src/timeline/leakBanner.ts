/**
 * The leak trend in words above the chart: a headline, the engine's sentence, and the figures
 * (growth rate, confidence, what it was fitted to). Sustained growth gets the warning style.
 * Rewritten only when its text changes, so a screen reader is not told the same thing every
 * interval of a live recording.
 */
import type { LeakTrendDto } from '../../../src/protocol/timeline/views';
import { el } from '../shared/dom';
import { formatRate } from '../../../src/format';
import { certaintyWords } from '../../../src/protocol/timeline/certainty';

export class LeakBanner {
  readonly element = el('div', { class: 'leak-banner', role: 'status', 'aria-live': 'polite' });
  private shown = '';

  show(trend: LeakTrendDto, live: boolean): void {
    // The engine's sentence often names the rate already; the figures line does not repeat it.
    const confidence = trend.confidence !== null && trend.status !== 'not-enough-data' ? certaintyWords(trendConfidence(trend)) : undefined;
    const rate = trend.growthBytesPerMinute !== null ? formatRate(trend.growthBytesPerMinute) : undefined;
    const figures = [
      rate && !trend.message.includes(rate) ? `growth ${rate}` : undefined,
      // Words, not "confidence 100 %": a dozen points make a trend likely, never certain.
      confidence !== undefined && !trend.message.includes(confidence) ? confidence : undefined,
      trend.points > 0
        ? `fitted to ${trend.points} ${trend.basis === 'post-gc' ? 'heap sizes after full garbage collections' : 'lowest heap sizes per window'}`
        : undefined,
    ].filter((f): f is string => f !== undefined);
    const headline = headlineOf(trend, live);
    const key = JSON.stringify([headline, trend.message, figures, trend.sustained]);
    if (key === this.shown) return;
    this.shown = key;
    this.element.className = `leak-banner status-${trend.status}${trend.sustained ? ' warning' : ''}`;
    this.element.replaceChildren(
      el('div', { class: 'leak-headline' }, el('span', { class: 'leak-icon', 'aria-hidden': 'true' }, trend.sustained ? '⚠' : 'ℹ'), el('strong', {}, headline)),
      el('div', { class: 'leak-message' }, trend.message),
      ...(figures.length > 0 ? [el('div', { class: 'leak-figures muted' }, figures.join(' · '))] : []),
    );
  }
}

/** The figure is the confidence that the heap rises; a shrinking heap is judged by the opposite. */
function trendConfidence(trend: LeakTrendDto): number {
  const rising = trend.confidence ?? 0.5;
  return trend.status === 'shrinking' ? 1 - rising : rising;
}

function headlineOf(trend: LeakTrendDto, live: boolean): string {
  if (trend.sustained) return 'Likely memory leak: the heap keeps growing';
  switch (trend.status) {
    case 'growing':
      return 'The heap grew, but not steadily';
    case 'shrinking':
      return 'The heap is shrinking';
    case 'flat':
      return 'No leak: the heap after garbage collection stays flat';
    default:
      return live ? 'Watching for a leak trend…' : 'Not enough data for a leak trend';
  }
}
