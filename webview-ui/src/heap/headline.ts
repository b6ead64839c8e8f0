/**
 * The comparison's one-sentence answer: "2,500 AuditRecord objects holding 898 KiB are still
 * alive — held by auditTrail in closure scope (leaky-server.js:7)", from the top growth row and
 * the first step of its path that a user would name (a variable or property, not an index or a
 * V8 internal).
 */
import type { HeapComparisonDto, RetainerLineDto } from '../../../src/protocol/heapMessages';
import { el } from '../dom';
import { formatBytes, formatCount } from './format';
import { locationLink } from './locationLink';

/** Edge names V8 uses for its own plumbing; a user would not say an object is "held by" them. */
const internalNames = new Set(['context', 'elements', 'properties', 'table', 'map', 'shared', 'code', 'feedback_cell', 'native_to_javascript', 'prototype', '__proto__']);

export function namedHolder(path: readonly RetainerLineDto[]): RetainerLineDto | undefined {
  return path.find((step) => /^[A-Za-z_$][\w$]*$/.test(step.via) && !internalNames.has(step.via)) ?? path[0];
}

export function headline({ diff, paths }: HeapComparisonDto): HTMLElement {
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
    if (holder.location) sentence.append(' ', locationLink(holder.location));
  }
  const scope =
    diff.snapshots.length === 3
      ? `Allocated between ${diff.snapshots[0]} and ${diff.snapshots[1]}, still alive in ${diff.snapshots[2]}.`
      : `New since ${diff.snapshots[0]} and still alive in ${diff.snapshots[1]}.`;
  box.append(sentence, el('p', { class: 'muted' }, scope));
  return box;
}
