// Numbers as the memory pages show them: decimal bytes (kB, MB, GB — as the leak trend's
// "MB/min" and the editor's "MB allocated"), durations, shares and growth rates.

export function formatBytes(bytes: number): string {
  const abs = Math.abs(bytes);
  const sign = bytes < 0 ? '−' : '';
  if (abs >= 1e9) return `${sign}${(abs / 1e9).toFixed(2)} GB`;
  if (abs >= 1e6) return `${sign}${(abs / 1e6).toFixed(abs >= 1e8 ? 0 : 1)} MB`;
  if (abs >= 1e3) return `${sign}${(abs / 1e3).toFixed(abs >= 1e5 ? 0 : 1)} kB`;
  return `${sign}${Math.round(abs)} B`;
}

/** Axis labels: as short as the tick spacing allows ("40 MB", "1.5 GB"). */
export function formatBytesShort(bytes: number): string {
  if (bytes === 0) return '0';
  if (bytes >= 1e9) return `${+(bytes / 1e9).toFixed(2)} GB`;
  if (bytes >= 1e6) return `${+(bytes / 1e6).toFixed(1)} MB`;
  if (bytes >= 1e3) return `${+(bytes / 1e3).toFixed(1)} kB`;
  return `${bytes} B`;
}

/** "+12.3 MB/min" — the same shape as the engine's trend message. */
export function formatRate(bytesPerMinute: number): string {
  const mb = bytesPerMinute / 1e6;
  const digits = Math.abs(mb) >= 100 ? 0 : Math.abs(mb) >= 10 ? 1 : 2;
  return `${mb >= 0 ? '+' : '−'}${Math.abs(mb).toFixed(digits)} MB/min`;
}

export function formatSeconds(ms: number): string {
  if (ms >= 60_000) return `${Math.floor(ms / 60_000)} min ${Math.round((ms % 60_000) / 1000)} s`;
  return `${(ms / 1000).toFixed(ms >= 10_000 ? 0 : 1)} s`;
}

/** Axis labels for time: "0 s", "30 s", "2:30". */
export function formatClock(ms: number): string {
  const seconds = Math.round(ms / 1000);
  if (seconds < 60) return `${seconds} s`;
  return `${Math.floor(seconds / 60)}:${String(seconds % 60).padStart(2, '0')}`;
}

export function formatDelay(ms: number): string {
  return ms >= 100 ? `${ms.toFixed(0)} ms` : `${ms.toFixed(1)} ms`;
}

export function formatPct(pct: number): string {
  if (pct > 0 && pct < 0.1) return '<0.1 %';
  return `${pct >= 10 ? pct.toFixed(0) : pct.toFixed(1)} %`;
}

export function formatCount(count: number): string {
  return count.toLocaleString('en-US');
}
