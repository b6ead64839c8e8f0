/**
 * Durations in a table column: one unit for the whole column, chosen from its largest value, so
 * "1.21 s" never sits above "584.0 ms" and the eye compares digits, not units (DevTools keeps one
 * unit per column too). Milliseconds serve every column up to a minute ("1,490.2 ms" above
 * "0.4 ms"): a column in seconds would turn most rows of a typical profile into "<0.01 s".
 * Inside the unit the digits follow formatDuration's rule: two decimals of a second, one decimal
 * of a millisecond, whole microseconds — "287 ms" and "286.9 ms" never mix.
 */

interface ColumnUnit {
  readonly unit: 's' | 'ms' | 'µs';
  readonly perMs: number;
  readonly digits: number;
}

const seconds: ColumnUnit = { unit: 's', perMs: 1 / 1000, digits: 2 };
const millis: ColumnUnit = { unit: 'ms', perMs: 1, digits: 1 };
const micros: ColumnUnit = { unit: 'µs', perMs: 1000, digits: 0 };

/** Microseconds below a millisecond, milliseconds up to a minute, seconds beyond (after rounding: 999.9996 µs is a millisecond). */
function unitFor(maxMs: number): ColumnUnit {
  const abs = Math.abs(maxMs);
  if (Math.round(abs * 1000) < 1000) return micros;
  if (Math.round(abs * 10) < 600_000) return millis;
  return seconds;
}

/**
 * A formatter for every cell of one duration column: `durationColumn(rows.map(r => r.selfMs))`.
 * Cells read "584.0 ms" in a column whose largest value is "1,210.0 ms"; a value too small for the
 * column's unit reads "<0.1 ms" (never a misleading "0.0 ms"); zero reads "0" plus the unit.
 */
export function durationColumn(valuesMs: readonly number[]): (ms: number) => string {
  const largest = valuesMs.reduce((max, v) => (Number.isFinite(v) ? Math.max(max, Math.abs(v)) : max), 0);
  const { unit, perMs, digits } = unitFor(largest);
  const smallest = 10 ** -digits;
  return (ms: number) => {
    if (!Number.isFinite(ms)) return `${ms} ${unit}`;
    const value = Math.abs(ms) * perMs;
    const sign = ms < 0 ? '−' : '';
    if (value === 0) return `0 ${unit}`;
    if (Number(value.toFixed(digits)) === 0) return `${sign}<${smallest.toFixed(digits)} ${unit}`;
    return `${sign}${value.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits })} ${unit}`;
  };
}
