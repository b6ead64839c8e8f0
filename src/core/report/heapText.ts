/**
 * The terminal and JSON forms of heap results, shared by `flamelens heap` and `heap-diff`:
 * sizes in readable units, the leak ranking with its retainer path.
 */
import { formatBytes, formatCount } from '../../format';
import type { HeapDiffDto, HeapSummaryDto } from '../../protocol/heap/views';
import { terminalField as safe } from './terminalText';

/** `heap --json`: exactly the documented shape. */
export function heapSummaryJson(summary: HeapSummaryDto) {
  return {
    nodes: summary.nodes,
    totalSize: summary.totalSize,
    constructors: summary.constructors.map(({ name, count, shallowSize, retainedSize }) => ({ name, count, shallowSize, retainedSize })),
  };
}

// Class names, script paths and retainer names come from the snapshot, which anyone may have
// written: the terminal forms escape them (`safe`); the JSON forms keep them as they are.

export function formatHeapSummary(summary: HeapSummaryDto): string {
  const lines = [`${safe(summary.title)}: ${formatCount(summary.nodes)} objects, ${formatBytes(summary.totalSize)}`, ''];
  lines.push(`${'retained'.padStart(11)} ${'shallow'.padStart(11)} ${'count'.padStart(10)}  constructor`);
  for (const row of summary.constructors) {
    const where = row.location ? `  ${safe(row.location.file)}:${row.location.line}` : '';
    lines.push(
      `${formatBytes(row.retainedSize).padStart(11)} ${formatBytes(row.shallowSize).padStart(11)} ${formatCount(row.count).padStart(10)}  ${safe(row.name)}${where}`,
    );
  }
  return lines.join('\n');
}

/** `heap-diff --json`: the documented `growth` list (plus the plain per-class deltas). */
export function heapDiffJson(diff: HeapDiffDto) {
  return {
    snapshots: diff.snapshots,
    growth: diff.growth.map(({ name, countDelta, sizeDelta, retainerPath, location }) => ({
      name,
      countDelta,
      sizeDelta,
      retainerPath,
      ...(location ? { location: `${location.file}:${location.line}` } : {}),
    })),
    constructors: diff.constructors,
  };
}

export function formatHeapDiff(diff: HeapDiffDto, top: number): string {
  const sizes = diff.totalSizes.map(formatBytes).join(' → ');
  const lines = [`Heap ${sizes} (${diff.snapshots.map(safe).join(' → ')})`, ''];
  if (diff.growth.length === 0) {
    lines.push('Nothing new since the first snapshot is still alive: no sign of a leak.');
    return lines.join('\n');
  }
  const scope =
    diff.snapshots.length === 3 ? 'allocated between the first two snapshots and alive in the last' : 'new since the first snapshot and still alive';
  lines.push(`Objects ${scope}, by what holds the most:`);
  diff.growth.slice(0, top).forEach((row, index) => {
    const where = row.location ? ` (defined at ${safe(row.location.file)}:${row.location.line})` : '';
    lines.push(`${String(index + 1).padStart(3)}. ${formatCount(row.countDelta)} ${safe(row.name)} holding ${formatBytes(row.sizeDelta)}${where}`);
    if (row.retainerPath.length > 0)
      lines.push(`     held by: ${row.retainerPath.slice(0, 4).map(safe).join(' ← ')}${row.retainerPath.length > 4 ? ' ← …' : ''}`);
  });
  return lines.join('\n');
}
