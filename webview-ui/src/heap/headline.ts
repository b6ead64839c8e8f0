/**
 * The comparison's one-sentence answer: "2,500 AuditRecord objects holding 920 kB are still
 * alive — held by auditTrail in closure scope (leaky-server.js:7)", from the top growth row and
 * the step of its path that a user would name (namedHolder.ts).
 */
import type { HeapComparisonDto } from '../../../src/protocol/heap/views';
import { el } from '../shared/dom';
import { formatBytes, formatCount } from '../../../src/format';
import { locationLink, type OpenLocation } from './locationLink';
import { namedHolder } from './namedHolder';

export function headline({ diff, paths }: HeapComparisonDto, open: OpenLocation): HTMLElement {
  const top = diff.growth[0];
  const box = el('section', { class: 'headline', 'aria-label': 'Finding' });
  if (!top) {
    box.append(el('p', { class: 'headline-text' }, 'Nothing allocated since the first snapshot is still alive: no sign of a leak.'));
    return box;
  }
  const holder = namedHolder(paths[0] ?? []);
  const sentence = el(
    'p',
    { class: 'headline-text' },
    el('strong', {}, `${formatCount(top.countDelta)} ${top.name}`),
    ` object${top.countDelta === 1 ? '' : 's'} holding `,
    el('strong', {}, formatBytes(top.sizeDelta)),
    ` ${top.countDelta === 1 ? 'is' : 'are'} still alive`,
  );
  if (holder) {
    sentence.append(' — held by ', el('span', { class: 'code' }, holder.via), holder.holder ? ` in ${holder.holder}` : '');
    if (holder.location) sentence.append(' ', locationLink(holder.location, open));
  }
  // The header names the files; here they are "snapshot 1, 2, 3", so no long name is repeated.
  const scope =
    diff.snapshots.length === 3 ? 'Allocated between snapshots 1 and 2, still alive in snapshot 3.' : 'New since snapshot 1 and still alive in snapshot 2.';
  box.append(sentence, el('p', { class: 'muted' }, scope));
  return box;
}
