/** The summary as a terminal reads it: two aligned tables, paths relative to the working folder. */
import * as path from 'node:path';
import { formatBytes, formatCount, formatDuration, formatLocation, formatRate, formatShare } from '../../format';
import { certaintyWords } from '../../protocol/timeline/certainty';
import type { MemorySummary } from '../model/timeline/memoryOverview';
import type { CpuSummary } from './jsonSummary';
import { terminalField } from './terminalText';

/** Formats a summary for a terminal, `rows` lines per table. */
export function formatTerminalSummary(summary: CpuSummary, options: { rows?: number; cwd?: string } = {}): string {
  const rows = options.rows ?? 10;
  const cwd = options.cwd ?? process.cwd();
  // Names and paths come from the profile, which anyone may have written: escaped, never raw.
  const where = (file: string, line: number) => (file ? terminalField(formatLocation(shorten(file, cwd), line)) : '(native)');
  const out: string[] = [];
  out.push(
    `Recorded ${formatDuration(summary.durationMs)}, ${formatCount(summary.samples)} samples every ~${formatDuration(summary.intervalUs / 1000)}.  ` +
      Object.entries(summary.byCategory)
        .filter(([, ms]) => ms > 0)
        .map(([category, ms]) => `${terminalField(category)} ${formatShare(ms, summary.durationMs)}`)
        .join(' · '),
  );
  // Table cells are bare numbers (the unit is in the header) without separators: columns stay aligned and easy to cut.
  out.push('', 'Hottest functions (self time)');
  out.push(
    table(
      ['self ms', 'self %', 'total ms', 'total %', 'function', 'where'],
      summary.hotFunctions
        .slice(0, rows)
        .map((f) => [f.selfMs.toFixed(1), f.selfPct.toFixed(1), f.totalMs.toFixed(1), f.totalPct.toFixed(1), terminalField(f.name), where(f.file, f.line)]),
    ),
  );
  out.push('', 'Hottest lines (self time)');
  out.push(
    table(
      ['self ms', 'self %', 'line'],
      summary.hotLines.slice(0, rows).map((l) => [l.selfMs.toFixed(1), l.selfPct.toFixed(1), where(l.file, l.line)]),
    ),
  );
  if (summary.memory) out.push('', ...memoryLines(summary.memory));
  if (summary.allocations) {
    out.push('', `Most allocating functions (${formatBytes(summary.allocations.totalBytes)} allocated in all, sampled)`);
    out.push(
      table(
        ['MB', 'function', 'where'],
        summary.allocations.topFunctions.slice(0, rows).map((f) => [(f.bytes / 1e6).toFixed(2), terminalField(f.name), where(f.file, f.line)]),
      ),
    );
  }
  return out.join('\n');
}

function memoryLines(memory: MemorySummary): string[] {
  const lines = [
    `Memory: peak heap used ${formatBytes(memory.peakHeapUsed)} · peak RSS ${formatBytes(memory.peakRss)} · ${memory.gcCount} GCs (${formatDuration(memory.gcTotalMs)} paused)`,
  ];
  if (memory.sustainedGrowth && memory.growthBytesPerMinute !== null) {
    lines.push(
      `  Warning: heap keeps growing: ${formatRate(memory.growthBytesPerMinute)} after GC (${certaintyWords(memory.confidence ?? 0)}). ` +
        'Compare two heap snapshots to see what holds on to it.',
    );
  } else {
    lines.push(`  ${memory.trendMessage}`);
  }
  return lines;
}

function table(header: string[], rows: string[][]): string {
  const all = [header, ...rows];
  const widths = header.map((_, c) => Math.max(...all.map((r) => r[c].length)));
  const numeric = header.map((h) => /ms|%|MB/.test(h));
  return all
    .map(
      (r) =>
        '  ' +
        r
          .map((cell, c) => (numeric[c] ? cell.padStart(widths[c]) : cell.padEnd(widths[c])))
          .join('  ')
          .trimEnd(),
    )
    .join('\n');
}

function shorten(file: string, cwd: string): string {
  if (!path.isAbsolute(file)) return file;
  const relative = path.relative(cwd, file);
  return relative.startsWith('..') ? file : relative;
}
