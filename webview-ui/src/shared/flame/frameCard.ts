/**
 * What the flamegraph's hover card and selection line say about a frame, and where the card goes
 * (no DOM, so it is tested in Node). Values read in the view's unit (ms for a CPU profile, bytes
 * for an allocation profile), never as "samples".
 */
import type { FlameFrameDto } from '../../../../src/protocol/shared/views';
import { formatPercent } from '../../../../src/format';
import { locationText } from '../locationText';

export interface FrameCard {
  readonly title: string;
  /** One line each: self, total, where. */
  readonly lines: readonly string[];
}

/** `total` is the whole graph's value (the root), so shares stay the same when zoomed in. */
export function frameCard(frame: FlameFrameDto, total: number, formatValue: (value: number) => string): FrameCard {
  const share = (value: number) => formatPercent(total > 0 ? (value / total) * 100 : 0);
  const lines = [
    `Self ${formatValue(frame.self)} · ${share(frame.self)} of the total`,
    `Total ${formatValue(frame.value)} · ${share(frame.value)} of the total`,
    locationText(frame.location) || 'no source location',
  ];
  if (frame.inlinedAt) lines.push(`inlined at ${locationText(frame.inlinedAt)}`);
  else if (frame.inlined) lines.push('inlined by V8 into the frame above');
  return { title: frame.name, lines };
}

/** What a screen reader hears when the keyboard lands on a frame: the card in one sentence. */
export function frameAnnouncement(card: FrameCard): string {
  return [card.title, ...card.lines].join(', ');
}

export interface Box {
  readonly width: number;
  readonly height: number;
}

const gap = 12;

/** Beside the pointer, flipped to its left or above it so the card never leaves the viewport. */
export function cardPosition(pointer: { x: number; y: number }, card: Box, viewport: Box): { left: number; top: number } {
  const right = pointer.x + gap;
  const left = right + card.width <= viewport.width ? right : pointer.x - gap - card.width;
  const below = pointer.y + gap;
  const top = below + card.height <= viewport.height ? below : pointer.y - gap - card.height;
  return { left: clamp(left, 0, viewport.width - card.width), top: clamp(top, 0, viewport.height - card.height) };
}

function clamp(value: number, min: number, max: number): number {
  return Math.max(min, Math.min(value, Math.max(min, max)));
}
