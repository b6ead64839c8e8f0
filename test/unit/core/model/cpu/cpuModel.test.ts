import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import { buildCpuModel, selfTimesUs, totalTimesUs } from '../../../../../src/core/model/cpu/cpuModel';
import { buildFlameTree, countFrames } from '../../../../../src/core/model/flame/flameTree';
import { assertGolden } from '../../../../support/golden';
import { foldedStacks, loadFixtureProfile } from '../../../../support/fixtureProfiles';
import { fixtureProfiles } from '../../../../support/paths';

function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const child of Object.values(value)) deepFreeze(child);
  }
  return value;
}

describe('CPU model', () => {
  const profile = deepFreeze(loadFixtureProfile('node-20/cpu-burn.cpu-prof.cpuprofile'));

  it('matches the golden folded stacks of a real --cpu-prof profile', () => {
    assertGolden(foldedStacks(profile), path.join(fixtureProfiles, 'node-20', 'cpu-burn.folded'));
  });

  it('builds without mutating the profile (it is frozen) and puts parents before children', () => {
    const model = buildCpuModel(profile);
    assert.equal(model.nodes.length, profile.nodes.length);
    model.nodes.forEach((node) => assert.ok(node.parent < node.index));
    const keys = model.locations.map((l) => `${l.scriptId}:${l.url}:${l.functionName}:${l.line}:${l.column}`);
    assert.equal(new Set(keys).size, keys.length, 'each call frame is one location');
    assert.ok(keys.length <= model.nodes.length);
  });

  it('accounts for the whole recording: root total = sum of sample durations = duration', () => {
    const model = buildCpuModel(profile);
    const total = totalTimesUs(model, selfTimesUs(model));
    const sampled = model.sampleDurationsUs.reduce((a, b) => a + b, 0);
    assert.ok(Math.abs(total[0] - sampled) < 1e-6);
    assert.ok(Math.abs(sampled - model.durationUs) / model.durationUs < 0.01, `${sampled} vs ${model.durationUs}`);
    assert.ok(model.intervalUs > 900 && model.intervalUs < 1500, `achieved interval ${model.intervalUs}`);
  });

  it('filters by a time range', () => {
    const model = buildCpuModel(profile);
    const half = model.durationUs / 2000;
    const first = totalTimesUs(model, selfTimesUs(model, { startMs: 0, endMs: half }))[0];
    const second = totalTimesUs(model, selfTimesUs(model, { startMs: half, endMs: Infinity }))[0];
    const all = totalTimesUs(model, selfTimesUs(model))[0];
    assert.ok(first > 0 && second > 0);
    assert.ok(Math.abs(first + second - all) / all < 0.01);
  });

  it('prunes the flame tree to visible frames but keeps the widths', () => {
    const model = buildCpuModel(profile);
    const full = buildFlameTree(model, { minFraction: 0 });
    const pruned = buildFlameTree(model, { minFraction: 0.05 });
    assert.ok(countFrames(pruned) < countFrames(full));
    assert.equal(pruned.value, full.value);
    const names = JSON.stringify(pruned);
    assert.match(names, /sumScaled/);
  });
});
