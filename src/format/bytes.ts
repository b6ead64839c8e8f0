/**
 * Sizes in one unit system everywhere: SI, 1 kB = 1000 B (B, kB, MB, GB), as DevTools, the
 * CLI and the timeline print them. The heap pages used KiB/MiB until issue 10; two systems side
 * by side made the same heap read as "95.4 MiB" on one page and "100 MB" on the next.
 * About three significant digits: one decimal below 100 of a unit, none above, two for GB.
 */

const units = [
  { unit: 'GB', size: 1e9 },
  { unit: 'MB', size: 1e6 },
  { unit: 'kB', size: 1e3 },
] as const;

/** "512 B", "1.5 kB", "850 kB", "12.3 MB", "150 MB", "1.20 GB"; negative with a minus sign ("−3.1 MB"). */
export function formatBytes(bytes: number): string {
  const sign = bytes < 0 ? '−' : '';
  return sign + unsignedBytes(Math.abs(bytes));
}

/** A change in size: "+1.5 MB", "−200 kB", "0 B". */
export function formatBytesDelta(bytes: number): string {
  return bytes > 0 ? `+${formatBytes(bytes)}` : formatBytes(bytes);
}

/** Axis labels: as short as the tick spacing allows ("0", "40 MB", "1.5 GB"). */
export function formatBytesAxis(bytes: number): string {
  if (bytes === 0) return '0';
  for (const { unit, size } of units) if (bytes >= size) return `${+(bytes / size).toFixed(unit === 'GB' ? 2 : 1)} ${unit}`;
  return `${bytes} B`;
}

/** A growth rate: "+12.3 MB/min", "−0.05 MB/min" (always MB, so rates compare at a glance). */
export function formatRate(bytesPerMinute: number): string {
  const mb = bytesPerMinute / 1e6;
  const abs = Math.abs(mb);
  const digits = abs >= 100 ? 0 : abs >= 10 ? 1 : 2;
  return `${mb >= 0 ? '+' : '−'}${abs.toFixed(digits)} MB/min`;
}

function unsignedBytes(abs: number): string {
  const index = units.findIndex(({ size }) => abs >= size);
  if (index < 0) {
    const whole = Math.round(abs);
    return whole < 1000 ? `${whole} B` : inUnit(abs, units.length - 1);
  }
  const text = inUnit(abs, index);
  // 999.6 kB rounds to "1000 kB": say "1.0 MB" instead.
  return parseFloat(text) >= 1000 && index > 0 ? inUnit(abs, index - 1) : text;
}

function inUnit(abs: number, index: number): string {
  const { unit, size } = units[index];
  const value = abs / size;
  const digits = unit === 'GB' ? 2 : value >= 99.95 ? 0 : 1;
  return `${value.toFixed(digits)} ${unit}`;
}
