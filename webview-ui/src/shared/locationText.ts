// A source location in words (no DOM, so it is tested in Node): the full "file:line" for titles
// and tooltips, the short one for narrow columns — '' for native code, which has none.
import { formatLocation, formatShortLocation } from '../../../src/format';
import type { SourceLocationDto } from '../../../src/protocol/shared/views';

export function locationText(location: SourceLocationDto | undefined): string {
  return location ? formatLocation(location.file, location.line) : '';
}

export function shortLocationText(location: SourceLocationDto | undefined): string {
  return location ? formatShortLocation(location.file, location.line) : '';
}
