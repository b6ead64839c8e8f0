/**
 * How FlameLens writes numbers, sizes, times and paths — for the CLI, the extension, the webviews and
 * the HTML report alike. Pure TypeScript: no Node modules, no DOM, no vscode, so every one of them can import it.
 */
export { durationColumn } from './columns';
export { formatBytes, formatBytesAxis, formatBytesDelta, formatRate } from './bytes';
export { formatCount, formatCountDelta, formatNumber, formatPercent, formatShare } from './numbers';
export { formatLocation, formatShortLocation, shortPath } from './paths';
export { formatClock, formatDuration, formatTimeShare } from './time';
