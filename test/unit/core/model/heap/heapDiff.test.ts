// The comparison's per-constructor table lists what changed: objects replaced one for one (as
// many new as deleted, the same bytes) are counted, not listed as rows of "0 / 0 B".
import * as assert from 'node:assert/strict';
import { analyzeHeapSnapshotFile } from '../../../../../src/core/model/heap/heapAnalysis';
import { compareSnapshots } from '../../../../../src/core/model/heap/heapDiff';
import { tempDir } from '../../../../support/runCli';
import { writeSnapshot, type EdgeSpec, type NodeSpec } from '../../../../support/snapshotBuilder';

/** Root (id 1) holding each object by index. */
function heap(objects: readonly { name: string; size: number; id: number }[]): { nodes: NodeSpec[]; edges: EdgeSpec[] } {
  const nodes: NodeSpec[] = [{ type: 'synthetic', name: '', size: 0, id: 1 }, ...objects.map((o) => ({ type: 'object' as const, ...o }))];
  const edges: EdgeSpec[] = objects.map((_, i) => ({ from: 0, to: i + 1, type: 'element' as const, name: i + 1 }));
  return { nodes, edges };
}

describe('heap comparison: per-constructor changes', () => {
  let temp: ReturnType<typeof tempDir>;
  beforeEach(() => (temp = tempDir()));
  afterEach(() => temp.remove());

  it('lists constructors whose count or size changed, and only counts those replaced one for one', async () => {
    // 25 Sessions kept under the same ids: the two snapshots come from one process (the id-space check wants 20).
    const kept = Array.from({ length: 25 }, (_, i) => ({ name: 'Session', size: 100, id: 101 + 2 * i }));
    const before = heap([...kept, { name: 'Token', size: 10, id: 5 }, { name: 'Token', size: 10, id: 7 }, { name: 'Gone', size: 5, id: 9 }]);
    const after = heap([
      ...kept,
      { name: 'Token', size: 10, id: 11 }, // two Tokens replaced by two new ones of the same size
      { name: 'Token', size: 10, id: 13 },
      { name: 'AuditRecord', size: 40, id: 15 },
      { name: 'AuditRecord', size: 40, id: 17 },
    ]);
    const first = await analyzeHeapSnapshotFile(writeSnapshot(temp.dir, 'before.heapsnapshot', before.nodes, before.edges));
    const last = await analyzeHeapSnapshotFile(writeSnapshot(temp.dir, 'after.heapsnapshot', after.nodes, after.edges));
    try {
      const diff = compareSnapshots([first, last]);
      assert.deepEqual(
        diff.constructors.map((r) => [r.name, r.newCount, r.deletedCount, r.countDelta, r.sizeDelta]),
        [
          ['AuditRecord', 2, 0, 2, 80],
          ['Gone', 0, 1, -1, -5],
        ],
      );
      assert.ok(
        diff.constructors.every((r) => r.countDelta !== 0 || r.sizeDelta !== 0),
        'no row of 0 / 0 B',
      );
      assert.equal(diff.unchangedConstructors, 1, 'Token: replaced one for one');
    } finally {
      first.dispose();
      last.dispose();
    }
  });
});
