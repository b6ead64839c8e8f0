// Moving through the flamegraph by keyboard: callers and callees as drawn, neighbours on a row.
import * as assert from 'node:assert/strict';
import { frameAfterMove, moveForKey, type DrawnFrame } from '../../../../../webview-ui/src/shared/flame/frameKeys';

interface F extends DrawnFrame {
  readonly name: string;
}
const node = (name: string, parent: F | null, x0: number, x1: number): F => ({ name, parent, x0, x1, depth: parent ? parent.depth + 1 : 0 });

// root ─┬─ a (0–0.3) ── a1
//       └─ b (0.3–1) ─┬─ b1 (0.3–0.4)
//                     └─ b2 (0.4–1)
const root = node('root', null, 0, 1);
const a = node('a', root, 0, 0.3);
const b = node('b', root, 0.3, 1);
const a1 = node('a1', a, 0, 0.3);
const b1 = node('b1', b, 0.3, 0.4);
const b2 = node('b2', b, 0.4, 1);
const drawn = [root, b, a, b2, a1, b1]; // in no particular order, as the library keeps them

const go = (from: F, key: string, callersOnTop = true) => frameAfterMove(from, moveForKey(key, callersOnTop)!, drawn)?.name;

describe('webview flame keyboard', () => {
  it('goes down to the widest callee and up to the caller when callers are on top', () => {
    assert.equal(go(root, 'ArrowDown'), 'b');
    assert.equal(go(b, 'ArrowDown'), 'b2');
    assert.equal(go(b2, 'ArrowUp'), 'b');
    assert.equal(go(root, 'ArrowUp'), undefined);
  });

  it('swaps up and down when callers are drawn below (flame layout)', () => {
    assert.equal(go(root, 'ArrowUp', false), 'b');
    assert.equal(go(b, 'ArrowDown', false), 'root');
  });

  it('goes left and right along the row, across parents, and stops at its ends', () => {
    assert.equal(go(b1, 'ArrowLeft'), 'a1');
    assert.equal(go(a1, 'ArrowRight'), 'b1');
    assert.equal(go(b2, 'ArrowRight'), undefined);
    assert.equal(go(b2, 'Home'), 'root');
  });

  it('only reaches frames that are drawn (zoomed-out siblings are not)', () => {
    assert.equal(frameAfterMove(b1, 'previous', [root, b, b1, b2]), undefined);
  });

  it('leaves other keys alone', () => {
    assert.equal(moveForKey('Enter', true), undefined);
    assert.equal(moveForKey('a', true), undefined);
  });
});
