// The memory views' host acts only on well-formed messages from their webview (which is not trusted).
import * as assert from 'node:assert/strict';
import { parseMemoryWebviewMessage } from '../../src/protocol/memoryMessages';

describe('memory webview messages', () => {
  it('accepts the messages the memory and allocation pages send, keeping only known fields', () => {
    assert.deepEqual(parseMemoryWebviewMessage({ type: 'webview/ready' }), { type: 'webview/ready' });
    assert.deepEqual(parseMemoryWebviewMessage({ type: 'webview/rendered', extra: true }), { type: 'webview/rendered' });
    assert.deepEqual(parseMemoryWebviewMessage({ type: 'editor/openLocation', file: '/srv/server.js', line: 17, command: 'x' }), {
      type: 'editor/openLocation',
      file: '/srv/server.js',
      line: 17,
    });
    assert.deepEqual(parseMemoryWebviewMessage({ type: 'memory/takeSnapshot', t: 1234.5 }), { type: 'memory/takeSnapshot', t: 1234.5 });
    assert.deepEqual(parseMemoryWebviewMessage({ type: 'memory/takeSnapshot', t: 0 }), { type: 'memory/takeSnapshot', t: 0 });
    assert.deepEqual(parseMemoryWebviewMessage({ type: 'allocations/expand', nodeId: 12 }), { type: 'allocations/expand', nodeId: 12 });
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
      assert.equal(parseMemoryWebviewMessage(bad), undefined, JSON.stringify(bad));
    }
  });
});
