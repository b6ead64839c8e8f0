/**
 * Whether the flamegraph's search finds a frame (no DOM, so it is tested in Node): by function
 * name or by file and line, case-insensitively.
 */
import type { FlameFrameDto } from '../../../../src/protocol/shared/views';
import { locationText } from '../locationText';

/** `term` comes from `filterText` (trimmed, lower-case): the flamegraph asks once per frame. */
export function frameMatches(frame: FlameFrameDto, term: string): boolean {
  return frame.name.toLowerCase().includes(term) || locationText(frame.location).toLowerCase().includes(term);
}
