/**
 * Splits the engine's retainer lines ("auditTrail in closure scope (/app/server.js:15)", as
 * `formatRetainerSteps` writes them) back into via, holder and location, so the comparison page
 * can link the location and the host knows which files it has shown.
 */
import type { RetainerLineDto } from '../../protocol/heap/views';

export function parseRetainerLine(line: string): RetainerLineDto {
  const located = /^(.*) \((.+):(\d+)\)$/.exec(line);
  const text = located ? located[1] : line;
  const location = located ? { file: located[2], line: Number(located[3]) } : undefined;
  const at = text.indexOf(' in ');
  const via = at < 0 ? text : text.slice(0, at);
  const holder = at < 0 ? '' : text.slice(at + 4);
  return location ? { via, holder, location } : { via, holder };
}
