// A call chain 5,000 deep (ordinary for recursive code) reaches the view in pieces it can carry.
import * as assert from 'node:assert/strict';
import { buildCpuModel } from '../../../../../src/core/model/cpu/cpuModel';
import { computeHotspots } from '../../../../../src/core/model/cpu/hotspots';
import type { ProfileNode } from '../../../../../src/core/model/cpu/savedProfile';
import { buildFlameTree, type FlameFrame } from '../../../../../src/core/model/flame/flameTree';
import { maxFrameDepth } from '../../../../../src/core/model/flame/visibleSubtree';

const depthOfChain = 5000;

function deepProfile() {
  const nodes: ProfileNode[] = [{ id: 1, callFrame: { functionName: '(root)', scriptId: '0', url: '', lineNumber: -1, columnNumber: -1 }, children: [2] }];
  for (let id = 2; id <= depthOfChain + 1; id++) {
    nodes.push({
      id,
      callFrame: { functionName: 'walk', scriptId: '1', url: 'file:///app/walk.js', lineNumber: 1, columnNumber: 14 },
      hitCount: id === depthOfChain + 1 ? 10 : 0,
      children: id <= depthOfChain ? [id + 1] : [],
    });
  }
  const samples = Array<number>(10).fill(depthOfChain + 1);
  return { nodes, startTime: 0, endTime: 10_000, samples, timeDeltas: samples.map((_, i) => (i === 0 ? 0 : 1000)) };
}

/** The deepest frame of a (single-chain) tree and its depth below the root. */
function deepest(root: FlameFrame): { frame: FlameFrame; depth: number } {
  let frame = root;
  let depth = 0;
  while (frame.children.length > 0) [frame, depth] = [frame.children[0], depth + 1];
  return { frame, depth };
}

describe('flamegraph of a very deep call chain', () => {
  it('sends at most maxFrameDepth levels at a time, and the rest on zooming in', () => {
    const model = buildCpuModel(deepProfile());
    const hotspots = computeHotspots(model);
    const walk = hotspots.functions.find((f) => f.name === 'walk')!;
    assert.equal(walk.totalPct, 100, 'recursion is counted once');
    const tree = buildFlameTree(model, { hotspots, minFraction: 0 });
    assert.doesNotThrow(() => JSON.stringify(tree), 'the tree must survive the hand-over to the view');
    const first = deepest(tree);
    assert.equal(first.depth, maxFrameDepth);
    assert.equal(first.frame.hidden, 1, 'the deeper frames are announced for zooming');
    // Zooming in on the deepest frame continues the chain below it.
    const next = deepest(buildFlameTree(model, { hotspots, minFraction: 0, rootNode: first.frame.id }));
    assert.equal(next.depth, maxFrameDepth);
    assert.equal(next.frame.value, 10);
  });
});
