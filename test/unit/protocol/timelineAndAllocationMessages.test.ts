// The timeline and allocation views' host acts only on well-formed messages from their webviews (which are not trusted).
import * as assert from 'node:assert/strict';
import { allocationRequests } from '../../../src/protocol/allocation/messages';
import { timelineRequests } from '../../../src/protocol/timeline/messages';

describe('timeline and allocation webview messages', () => {
  it('accepts the messages the timeline and allocation pages send, keeping only known fields', () => {
    for (const parse of [timelineRequests.parse, allocationRequests.parse]) {
      assert.deepEqual(parse({ type: 'webview/ready' }), { type: 'webview/ready' });
      assert.deepEqual(parse({ type: 'webview/rendered', extra: true }), { type: 'webview/rendered' });
      assert.deepEqual(parse({ type: 'editor/openLocation', file: '/srv/server.js', line: 17, command: 'x' }), {
        type: 'editor/openLocation',
        file: '/srv/server.js',
        line: 17,
      });
    }
    assert.deepEqual(timelineRequests.parse({ type: 'memory/takeSnapshot', t: 1234.5 }), { type: 'memory/takeSnapshot', t: 1234.5 });
    assert.deepEqual(timelineRequests.parse({ type: 'memory/takeSnapshot', t: 0 }), { type: 'memory/takeSnapshot', t: 0 });
    assert.deepEqual(allocationRequests.parse({ type: 'allocations/expand', nodeId: 12 }), { type: 'allocations/expand', nodeId: 12 });
  });

  it("accepts each page's own messages from that page only", () => {
    assert.equal(allocationRequests.parse({ type: 'memory/takeSnapshot', t: 0 }), undefined);
    assert.equal(timelineRequests.parse({ type: 'allocations/expand', nodeId: 12 }), undefined);
  });

  it('rejects anything malformed', () => {
    for (const bad of [
      null,
      undefined,
      42,
      'webview/ready',
      [{ type: 'webview/ready' }],
      {},
      { type: 'memory/run', expression: 'process.exit()' },
      { type: 'editor/openLocation', file: '', line: 1 },
      { type: 'editor/openLocation', file: 7, line: 1 },
      { type: 'editor/openLocation', file: '/a.js', line: 0 },
      { type: 'editor/openLocation', file: '/a.js', line: 2.5 },
      { type: 'editor/openLocation', file: '/a.js'.repeat(2000), line: 1 },
      { type: 'memory/takeSnapshot' },
      { type: 'memory/takeSnapshot', t: -1 },
      { type: 'memory/takeSnapshot', t: Number.NaN },
      { type: 'memory/takeSnapshot', t: Number.POSITIVE_INFINITY },
      { type: 'memory/takeSnapshot', t: '5' },
      { type: 'allocations/expand', nodeId: -3 },
      { type: 'allocations/expand', nodeId: '3' },
      { type: 'allocations/expand', nodeId: 1.5 },
    ]) {
      assert.equal(timelineRequests.parse(bad), undefined, JSON.stringify(bad));
      assert.equal(allocationRequests.parse(bad), undefined, JSON.stringify(bad));
    }
  });
});
