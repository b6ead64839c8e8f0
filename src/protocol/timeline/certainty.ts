/**
 * How sure the leak trend is, in words. The Mann–Kendall figure is one minus a p-value under
 * "no trend"; shown as "confidence 100 %" it overclaims (a dozen points cannot make anything
 * certain), so the engine's sentence and the banner both say it with these capped words.
 * Shared by the engine and the page, so the two never word it differently.
 */

/** Words for the confidence (0..1) that the series moves the way the trend says it does. */
export function certaintyWords(confidence: number): string {
  const p = 1 - confidence;
  if (p <= 0.01) return 'very likely a real trend';
  if (p <= 0.05) return 'likely a real trend';
  if (p <= 0.2) return 'possibly a trend';
  return 'could be noise';
}
