// The flamegraph's hover card: a frame's own figures in the view's unit, where it is, and a
// place beside the pointer that never leaves the viewport.
import * as assert from 'node:assert/strict';
import { formatPercent } from '../../../../../src/format';
import type { FlameFrameDto } from '../../../../../src/protocol/shared/views';
import { cardPosition, frameAnnouncement, frameCard } from '../../../../../webview-ui/src/shared/flame/frameCard';

const ms = (v: number) => `${v} ms`;

function frame(extra: Partial<FlameFrameDto> = {}): FlameFrameDto {
  return {
    id: 3,
    name: 'checksum',
    value: 250,
    self: 100,
    category: 'app',
    children: [],
    hidden: 0,
    location: { file: '/app/src/checksum.ts', line: 7 },
    ...extra,
  };
}

describe('webview flame hover card', () => {
  it('says self and total in the view unit with their share of the whole graph, and file:line', () => {
    const card = frameCard(frame(), 1000, ms);
    assert.equal(card.title, 'checksum');
    assert.deepEqual(card.lines, [
      `Self 100 ms · ${formatPercent(10)} of the total`,
      `Total 250 ms · ${formatPercent(25)} of the total`,
      '/app/src/checksum.ts:7',
    ]);
    assert.ok(!frameAnnouncement(card).includes('samples'));
  });

  it('says when a frame has no source location, and where an inlined frame ran', () => {
    assert.equal(frameCard(frame({ location: undefined }), 1000, ms).lines[2], 'no source location');
    const inlined = frameCard(frame({ inlined: true, inlinedAt: { file: '/app/src/main.ts', line: 12 } }), 1000, ms);
    assert.equal(inlined.lines[3], 'inlined at /app/src/main.ts:12');
  });

  it('reads 0 % rather than failing on an empty graph', () => {
    assert.equal(frameCard(frame({ value: 0, self: 0 }), 0, ms).lines[0], `Self 0 ms · ${formatPercent(0)} of the total`);
  });

  it('goes right of and below the pointer when there is room', () => {
    assert.deepEqual(cardPosition({ x: 100, y: 50 }, { width: 200, height: 80 }, { width: 800, height: 600 }), { left: 112, top: 62 });
  });

  it('flips left of and above the pointer near the right and bottom edges', () => {
    assert.deepEqual(cardPosition({ x: 700, y: 560 }, { width: 200, height: 80 }, { width: 800, height: 600 }), { left: 488, top: 468 });
  });

  it('stays inside a viewport narrower than it would like', () => {
    const at = cardPosition({ x: 150, y: 10 }, { width: 300, height: 80 }, { width: 350, height: 600 });
    assert.ok(at.left >= 0 && at.left + 300 <= 350, JSON.stringify(at));
  });
});
