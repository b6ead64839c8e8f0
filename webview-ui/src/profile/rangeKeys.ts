/**
 * The keyboard's time range on CPU over time (no DOM, so it is tested in Node): a tenth of the
 * recording, moved a tenth at a time by ←/→ and kept inside the recording; Escape clears it.
 */
import type { TimeRangeDto } from '../../../src/protocol/shared/views';

/** The range after `key`, null when cleared, undefined when the key does nothing. */
export function rangeAfterKey(key: string, current: TimeRangeDto | null, durationMs: number): TimeRangeDto | null | undefined {
  if (durationMs <= 0) return undefined;
  const step = durationMs / 10;
  const range = current ?? { startMs: 0, endMs: step };
  if (key === 'ArrowRight') return { startMs: Math.min(range.startMs + step, durationMs - step), endMs: Math.min(range.endMs + step, durationMs) };
  if (key === 'ArrowLeft') return { startMs: Math.max(range.startMs - step, 0), endMs: Math.max(range.endMs - step, step) };
  if (key === 'Escape') return null;
  return undefined;
}
