/**
 * Shares and counts. A share has one decimal everywhere (the terminal tables, the CodeLens and
 * the views): "4.2 %" and "42.0 %" line up in a column, and a share too small to show is
 * "<0.1 %", never a misleading "0.0 %". The space before "%" is the SI style the CLI has always used.
 */

/** A percentage already computed (0–100): "42.0 %", "0.3 %", "<0.1 %", "0 %". */
export function formatPercent(pct: number): string {
  if (pct === 0) return '0 %';
  if (pct > 0 && pct < 0.05) return '<0.1 %';
  return `${pct.toFixed(1)} %`;
}

/** `part` as a share of `whole`: "32.0 %", "<0.1 %"; "0 %" when the whole is empty. */
export function formatShare(part: number, whole: number): string {
  return whole > 0 ? formatPercent((part / whole) * 100) : '0 %';
}

/** A count with thousands separators: "12,345" (the same in every locale, like the rest of the text). */
export function formatCount(count: number): string {
  return count.toLocaleString('en-US');
}

/** A change in a count: "+12", "−3", "0". */
export function formatCountDelta(count: number): string {
  return count > 0 ? `+${formatCount(count)}` : count < 0 ? `−${formatCount(-count)}` : '0';
}

/** A plain number with `digits` decimals and thousands separators, for table cells whose unit is in the header: "1,189.4". */
export function formatNumber(value: number, digits: number): string {
  return value.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });
}
