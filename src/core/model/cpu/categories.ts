/**
 * Where time goes, in the words users use: their code, their dependencies, Node's own
 * JavaScript, the engine (program, GC, builtins), or nothing at all.
 */
export type Category = 'app' | 'dependency' | 'node' | 'native' | 'idle';

export const categories: readonly Category[] = ['app', 'dependency', 'node', 'native', 'idle'];

/** Classifies a frame by its function name and script URL (or original source path). */
export function categorize(functionName: string, url: string): Category {
  // waitForDebugger: a launched program waiting for the profiler to resume it.
  if (functionName === '(idle)' || (functionName === 'waitForDebugger' && url === '')) return 'idle';
  if (url === '') return 'native'; // (program), (garbage collector), (root), builtins
  if (url.startsWith('node:') || isLegacyNodeInternal(url)) return 'node';
  if (/[\\/]node_modules[\\/]/.test(url)) return 'dependency';
  return 'app';
}

// Node < 12 reported internals without the node: scheme ("internal/timers.js", "events.js").
function isLegacyNodeInternal(url: string): boolean {
  return !url.includes('/') && !url.includes('\\') ? /\.js$/.test(url) : url.startsWith('internal/');
}
