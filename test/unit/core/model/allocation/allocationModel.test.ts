// The allocation model on a small profile whose answers are known: self/total bytes per node
// and per function (recursion counted once), bytes per line, the pruned flame tree, the summary.
import * as assert from 'node:assert/strict';
import { buildAllocationFlameTree } from '../../../../../src/core/model/allocation/allocationFlame';
import { computeAllocationHotspots } from '../../../../../src/core/model/allocation/allocationHotspots';
import { buildAllocationModel } from '../../../../../src/core/model/allocation/allocationModel';
import { fileAllocations, summarizeAllocations } from '../../../../../src/core/model/allocation/allocationViews';
import { sampleProfile } from '../../../../support/sampleHeapProfile';

function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const child of Object.values(value)) deepFreeze(child);
  }
  return value;
}

describe('allocation model', () => {
  it('computes self and total bytes per node without touching the profile', () => {
    const model = buildAllocationModel(deepFreeze(sampleProfile()));
    assert.equal(model.totalBytes[0], 4850);
    const names = model.nodes.map((n) => model.locations[n.location].functionName);
    assert.deepEqual(names, ['(root)', 'main', 'handleOrder', 'AuditRecord', 'walk', 'walk', 'AuditRecord', '(V8 API)']);
    const main = names.indexOf('main');
    assert.equal(model.totalBytes[main], 4800);
    assert.equal(model.selfBytes[main], 0);
    for (const n of model.nodes) if (n.parent >= 0) assert.ok(n.index > n.parent, 'depth-first: parents first');
    assert.equal(model.locations.filter((l) => l.functionName === 'AuditRecord').length, 1, 'call frames are de-duplicated');
  });

  it("gives bytes per function, counting a recursive function's total once", () => {
    const hot = computeAllocationHotspots(buildAllocationModel(sampleProfile()));
    const byName = new Map(hot.functions.map((f) => [f.name, f]));
    assert.equal(hot.totalBytes, 4850);
    assert.deepEqual(hot.functions.map((f) => f.name).slice(0, 4), ['AuditRecord', 'handleOrder', 'walk', '(V8 API)']);
    assert.equal(byName.get('AuditRecord')!.selfBytes, 3500);
    assert.equal(byName.get('walk')!.selfBytes, 300);
    assert.equal(byName.get('walk')!.totalBytes, 800, 'walk → walk must not count the inner call twice');
    assert.equal(byName.get('handleOrder')!.totalBytes, 4000);
    assert.equal(byName.get('main')!.totalPct, 99);
    assert.equal(byName.get('AuditRecord')!.line, 3, "lines are 1-based: the function's own line");
    assert.equal(byName.get('AuditRecord')!.file, '/srv/app/server.js');
    assert.equal(byName.get('(V8 API)')!.category, 'native');
    assert.equal(byName.get('AuditRecord')!.category, 'app');
  });

  it("gives bytes per line (the functions' lines) and per file for annotations", () => {
    const hot = computeAllocationHotspots(buildAllocationModel(sampleProfile()));
    assert.deepEqual(
      hot.lines.map((l) => [l.line, l.selfBytes]),
      [
        [3, 3500],
        [10, 1000],
        [20, 300],
      ],
    );
    const file = fileAllocations(hot, '/srv/app/server.js');
    assert.deepEqual(file.lines[0], { line: 3, selfBytes: 3500, selfPct: 72.2 });
    assert.ok(file.functions.every((f) => f.location?.file === '/srv/app/server.js'));
    assert.equal(fileAllocations(hot, '/elsewhere.js').lines.length, 0);
  });

  it('summarises the top allocating functions for --json', () => {
    const summary = summarizeAllocations(computeAllocationHotspots(buildAllocationModel(sampleProfile())), { top: 2 });
    assert.deepEqual(summary, {
      totalBytes: 4850,
      topFunctions: [
        { name: 'AuditRecord', file: '/srv/app/server.js', line: 3, bytes: 3500 },
        { name: 'handleOrder', file: '/srv/app/server.js', line: 10, bytes: 1000 },
      ],
    });
  });

  it('draws a flame tree in bytes, pruning frames too narrow to see', () => {
    const model = buildAllocationModel(sampleProfile());
    const tree = buildAllocationFlameTree(model, { minFraction: 0.02 });
    assert.equal(tree.name, 'all');
    assert.equal(tree.value, 4850);
    assert.deepEqual(
      tree.children.map((c) => c.name),
      ['main'],
    );
    assert.equal(tree.hidden, 1, '(V8 API) at 1 % is hidden, and counted');
    const handle = tree.children[0].children.find((c) => c.name === 'handleOrder')!;
    assert.deepEqual([handle.value, handle.self, `${handle.location?.file}:${handle.location?.line}`], [4000, 1000, '/srv/app/server.js:10']);
    const zoomed = buildAllocationFlameTree(model, { rootNode: handle.id });
    assert.equal(zoomed.value, 4000);
    assert.deepEqual(
      zoomed.children.map((c) => c.name),
      ['AuditRecord'],
    );
  });
});
