/**
 * Which step of a retainer path the comparison's headline names as the holder (no DOM, so it is
 * tested in Node): the first a user would name — a variable or a property, not an index or one of
 * V8's own edges — or else the nearest.
 */
import type { RetainerLineDto } from '../../../src/protocol/heap/views';

/** Edge names V8 uses for its own plumbing; a user would not say an object is "held by" them. */
const internalNames = new Set([
  'context',
  'elements',
  'properties',
  'table',
  'map',
  'shared',
  'code',
  'feedback_cell',
  'native_to_javascript',
  'prototype',
  '__proto__',
]);

export function namedHolder(path: readonly RetainerLineDto[]): RetainerLineDto | undefined {
  return path.find((step) => /^[A-Za-z_$][\w$]*$/.test(step.via) && !internalNames.has(step.via)) ?? path[0];
}
