// Every page sends the shared messages (ready, rendered, open a location), and every view's
// parser treats them alike: one rule for a location (a non-empty path shorter than the limit,
// a 1-based line), whichever page sends it.
import * as assert from 'node:assert/strict';
import { allocationRequests } from '../../../../src/protocol/allocation/messages';
import { heapComparisonRequests, heapSnapshotRequests, type HeapComparisonRequest, type HeapSnapshotRequest } from '../../../../src/protocol/heap/messages';
import { profileRequests } from '../../../../src/protocol/profile/messages';
import { timelineRequests, type TimelineRequest } from '../../../../src/protocol/timeline/messages';

const views = { profileRequests, heapSnapshotRequests, heapComparisonRequests, timelineRequests, allocationRequests };

describe('the messages every page shares', () => {
  for (const [name, requests] of Object.entries(views)) {
    it(`${name} accepts ready, rendered and a location, as sent`, () => {
      assert.deepEqual(requests.parse({ type: 'webview/ready' }), { type: 'webview/ready' });
      assert.deepEqual(requests.parse({ type: 'webview/rendered' }), { type: 'webview/rendered' });
      assert.deepEqual(requests.parse({ type: 'editor/openLocation', file: '/app/a b.js', line: 1, command: 'x' }), {
        type: 'editor/openLocation',
        file: '/app/a b.js',
        line: 1,
      });
    });
  }

  it('are checked by one rule in every view', () => {
    const cases = [
      { file: '/a.js', line: 1 },
      { file: '/a.js', line: 4_000_000 },
      { file: '', line: 1 },
      { file: '/a.js', line: 0 },
      { file: '/a.js', line: -1 },
      { file: '/a.js', line: 1.5 },
      { file: '/a.js', line: '3' },
      { file: 7, line: 1 },
      { file: 'x'.repeat(4095), line: 1 },
      { file: 'x'.repeat(4096), line: 1 },
      { line: 1 },
      { file: '/a.js' },
    ];
    // What the rule says, written out: non-empty, shorter than 4096 characters, line a whole number from 1.
    const expected = [true, true, false, false, false, false, false, false, true, false, false, false];
    for (const [name, requests] of Object.entries(views)) {
      const accepted = cases.map((c) => requests.parse({ type: 'editor/openLocation', ...c }) !== undefined);
      assert.deepEqual(accepted, expected, name);
    }
  });
});

describe("each view's message union", () => {
  it('holds exactly the types its parser accepts (the @ts-expect-error lines fail the build when a union widens)', () => {
    const comparison: Array<HeapComparisonRequest['type']> = ['webview/ready', 'webview/rendered', 'editor/openLocation', 'failure/action'];
    // @ts-expect-error the comparison page asks nothing of its own
    const notComparison: HeapComparisonRequest['type'] = 'constructor/instances';
    const snapshot: Array<HeapSnapshotRequest['type']> = [...comparison, 'constructor/instances', 'instance/retainers'];
    // @ts-expect-error a timeline page cannot ask for an allocation subtree
    const notTimeline: TimelineRequest['type'] = 'allocations/expand';
    assert.deepEqual([...heapComparisonRequests.types], comparison);
    assert.deepEqual([...heapSnapshotRequests.types], snapshot);
    assert.equal(heapComparisonRequests.parse({ type: notComparison, classId: 1, offset: 0 }), undefined);
    assert.equal(timelineRequests.parse({ type: notTimeline, nodeId: 1 }), undefined);
  });
});
