/**
 * Moving through the flamegraph by keyboard (no DOM, so it is tested in Node): ↑/↓ go to the
 * caller or the widest callee as the graph is drawn (callers on top or below), ←/→ to the
 * neighbour on the same row, Home to the root. Only frames the graph draws can be reached.
 */
export interface DrawnFrame {
  readonly depth: number;
  readonly x0: number;
  readonly x1: number;
  readonly parent: DrawnFrame | null;
}

export type FrameMove = 'caller' | 'callee' | 'previous' | 'next' | 'root';

/** `callersOnTop` is the icicle layout (the root at the top). */
export function moveForKey(key: string, callersOnTop: boolean): FrameMove | undefined {
  switch (key) {
    case 'ArrowUp':
      return callersOnTop ? 'caller' : 'callee';
    case 'ArrowDown':
      return callersOnTop ? 'callee' : 'caller';
    case 'ArrowLeft':
      return 'previous';
    case 'ArrowRight':
      return 'next';
    case 'Home':
      return 'root';
    default:
      return undefined;
  }
}

/** The frame the move lands on, or undefined when there is none (the focus then stays). */
export function frameAfterMove<T extends DrawnFrame>(current: T, move: FrameMove, drawn: readonly T[]): T | undefined {
  switch (move) {
    case 'caller':
      return drawn.find((d) => d === current.parent);
    case 'callee':
      return widest(drawn.filter((d) => d.parent === current));
    case 'root':
      return drawn.find((d) => d.depth === 0);
    case 'previous':
    case 'next': {
      const row = drawn.filter((d) => d.depth === current.depth).sort((a, b) => a.x0 - b.x0);
      const at = row.indexOf(current);
      return at < 0 ? undefined : row[move === 'next' ? at + 1 : at - 1];
    }
  }
}

function widest<T extends DrawnFrame>(frames: readonly T[]): T | undefined {
  return frames.reduce<T | undefined>((best, d) => (!best || d.x1 - d.x0 > best.x1 - best.x0 ? d : best), undefined);
}
