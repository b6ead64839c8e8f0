// Issue 11, item 10: one function's share is one number in every answer the views get
// (bottom-up row, top-down row, caller/callee edge), so every surface writes the same text.
import * as assert from 'node:assert/strict';
import { ProfileAnalysis } from '../../../../src/core/analysis/profileAnalysis';
import { buildCpuModel } from '../../../../src/core/model/cpu/cpuModel';
import type { ProfileNode, SavedCpuProfile } from '../../../../src/core/model/cpu/savedProfile';
import { formatPercent } from '../../../../src/format';

const app = 'file:///app/app.js';

function node(id: number, name: string, line0: number, children: number[], hits: number): ProfileNode {
  return { id, callFrame: { functionName: name, scriptId: '1', url: app, lineNumber: line0, columnNumber: 2 }, hitCount: hits, children };
}

/** root → main (1 sample) → work (2 samples): work is 2/3 of the time, by construction. */
function analysis(): ProfileAnalysis {
  const nodes = [node(2, 'main', 0, [3], 1), node(3, 'work', 10, [], 2)];
  const samples = [2, 3, 3];
  const profile: SavedCpuProfile = {
    nodes: [{ id: 1, callFrame: { functionName: '(root)', scriptId: '0', url: '', lineNumber: -1, columnNumber: -1 }, children: [2] }, ...nodes],
    startTime: 0,
    endTime: 3000,
    samples,
    timeDeltas: [0, 1000, 1000],
  };
  return new ProfileAnalysis(buildCpuModel(profile), 'numbers.cpuprofile');
}

describe('profile analysis: one value per figure', () => {
  it('gives a function the same share in the bottom-up table, the top-down tree and as a callee', () => {
    const profile = analysis();
    const model = profile.model;
    const workNode = model.nodes.findIndex((n) => model.locations[n.location].functionName === 'work');
    const mainNode = model.nodes.findIndex((n) => model.locations[n.location].functionName === 'main');
    const bottomUp = profile.functions(null).find((f) => f.name === 'work')!;
    const topDown = profile.treeChildren(null, mainNode).find((row) => row.id === workNode)!;
    const main = profile.functions(null).find((f) => f.name === 'main')!;
    const asCallee = profile.relations(null, main.key).callees.find((r) => r.name === 'work')!;
    const whole = model.durationUs;
    const truth = (bottomUp.totalMs * 1000) / whole; // the share by construction, checked below
    assert.ok(Math.abs(truth - 2 / 3) < 0.01, `work is ${truth} of the time, not 2/3`);
    assert.deepEqual([topDown.totalPct, asCallee.pct], [bottomUp.totalPct, bottomUp.totalPct]);
    assert.equal(formatPercent(topDown.totalPct), formatPercent(bottomUp.totalPct));
  });
});
