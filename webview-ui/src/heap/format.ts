// Numbers as the heap pages show them: bytes in KiB/MiB/GiB, counts with separators, signed deltas.

export function formatBytes(bytes: number): string {
  const abs = Math.abs(bytes);
  const sign = bytes < 0 ? '−' : '';
  if (abs >= 1024 ** 3) return `${sign}${(abs / 1024 ** 3).toFixed(2)} GiB`;
  if (abs >= 1024 ** 2) return `${sign}${(abs / 1024 ** 2).toFixed(1)} MiB`;
  if (abs >= 1024) return `${sign}${(abs / 1024).toFixed(1)} KiB`;
  return `${sign}${abs} B`;
}

export function formatCount(count: number): string {
  return count.toLocaleString('en-US');
}

export function formatSignedCount(count: number): string {
  return count > 0 ? `+${formatCount(count)}` : count < 0 ? `−${formatCount(-count)}` : '0';
}

export function formatSignedBytes(bytes: number): string {
  return bytes > 0 ? `+${formatBytes(bytes)}` : formatBytes(bytes);
}

/** `part` as a share of `total`, e.g. "32 %", "4.1 %", "<0.1 %". */
export function formatShare(part: number, total: number): string {
  if (total <= 0 || part <= 0) return '0 %';
  const pct = (part / total) * 100;
  if (pct < 0.1) return '<0.1 %';
  return `${pct >= 10 ? pct.toFixed(0) : pct.toFixed(1)} %`;
}
