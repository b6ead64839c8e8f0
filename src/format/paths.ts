/**
 * Paths for display. The full path always goes in a tooltip or title; narrow places show the short one.
 */

/** How many trailing segments a short path keeps. */
const shortSegments = 2;

/**
 * The last two segments of a path or URL: "…/src/pricing.ts". Two, not three, because a folder and
 * a file name are what a reader recognises (VS Code's tabs add just the parent folder when names
 * clash), the views' columns sit in a side panel with little room, and the full path is one hover
 * away. Node's own modules ("node:internal/process/task_queues") are names, not paths: kept whole.
 */
export function shortPath(file: string): string {
  if (file.startsWith('node:')) return file;
  const parts = file.split(/[\\/]/);
  return parts.length <= shortSegments ? file : `…/${parts.slice(-shortSegments).join('/')}`;
}

/** "file:line", or the file alone when the line is unknown (0); '' when there is no file (native code). */
export function formatLocation(file: string, line?: number): string {
  if (!file) return '';
  return line !== undefined && line > 0 ? `${file}:${line}` : file;
}

/** `formatLocation` with the short path: "…/src/pricing.ts:13". */
export function formatShortLocation(file: string, line?: number): string {
  return formatLocation(file && shortPath(file), line);
}
