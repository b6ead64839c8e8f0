/**
 * What the heap snapshot editor and the heap comparison panel share: the progress a big
 * snapshot reports while it opens, throttled and in the user's words.
 */

/**
 * Turns the worker's many progress reports into a few posts (every 100 ms, and on each new
 * phase), so a big snapshot does not flood the webview.
 */
export function throttledProgress(post: (fraction: number, phase: string) => void): (fraction: number, phase: string) => void {
  let lastAt = 0;
  let lastPhase = '';
  return (fraction, phase) => {
    const now = Date.now();
    if (phase === lastPhase && now - lastAt < 100) return;
    lastAt = now;
    lastPhase = phase;
    post(fraction, phase);
  };
}

/** The engine's phase names, in the user's words. */
export function phaseLabel(phase: string): string {
  switch (phase) {
    case 'reading':
      return 'Reading the snapshot';
    case 'retainers':
      return 'Finding what holds each object';
    case 'dominators':
      return 'Computing retained sizes';
    case 'classes':
      return 'Grouping objects by constructor';
    default:
      return phase;
  }
}
