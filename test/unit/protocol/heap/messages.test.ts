// The host acts only on well-formed messages from the heap webview (which is not trusted), and
// reads the engine's retainer lines back into parts the comparison page can link.
import * as assert from 'node:assert/strict';
import { heapSnapshotRequests } from '../../../../src/protocol/heap/messages';
import { parseRetainerLine } from '../../../../src/extension/heap/retainerLines';

describe('heap webview messages', () => {
  it('accepts the messages the heap webview sends, dropping extra fields', () => {
    assert.deepEqual(heapSnapshotRequests.parse({ type: 'webview/ready' }), { type: 'webview/ready' });
    assert.deepEqual(heapSnapshotRequests.parse({ type: 'webview/rendered', x: 1 }), { type: 'webview/rendered' });
    assert.deepEqual(heapSnapshotRequests.parse({ type: 'editor/openLocation', file: '/a.js', line: 7, extra: 1 }), {
      type: 'editor/openLocation',
      file: '/a.js',
      line: 7,
    });
    assert.deepEqual(heapSnapshotRequests.parse({ type: 'constructor/instances', classId: 28, offset: 50 }), {
      type: 'constructor/instances',
      classId: 28,
      offset: 50,
    });
    assert.deepEqual(heapSnapshotRequests.parse({ type: 'instance/retainers', ordinal: 0 }), { type: 'instance/retainers', ordinal: 0 });
  });

  it('rejects anything malformed', () => {
    for (const bad of [
      null,
      undefined,
      'webview/ready',
      [],
      { type: 'editor/runCommand', command: 'rm -rf' },
      { type: 'range/select', range: null },
      { type: 'editor/openLocation', file: 42, line: 1 },
      { type: 'editor/openLocation', file: '', line: 1 },
      { type: 'editor/openLocation', file: '/a.js', line: 0 },
      { type: 'editor/openLocation', file: '/a.js', line: 1.5 },
      { type: 'editor/openLocation', file: 'x'.repeat(5000), line: 1 },
      { type: 'constructor/instances', classId: '3', offset: 0 },
      { type: 'constructor/instances', classId: 3 },
      { type: 'constructor/instances', classId: -1, offset: 0 },
      { type: 'constructor/instances', classId: 3, offset: Number.POSITIVE_INFINITY },
      { type: 'instance/retainers', ordinal: 2 ** 40 },
      { type: 'instance/retainers', ordinal: NaN },
      { type: 'instance/retainers' },
    ]) {
      assert.equal(heapSnapshotRequests.parse(bad), undefined, JSON.stringify(bad));
    }
  });
});

describe('retainer lines', () => {
  it('splits via, holder and location', () => {
    assert.deepEqual(parseRetainerLine('auditTrail in closure scope (/app/leaky-server.js:15)'), {
      via: 'auditTrail',
      holder: 'closure scope',
      location: { file: '/app/leaky-server.js', line: 15 },
    });
    assert.deepEqual(parseRetainerLine('[30] in Array'), { via: '[30]', holder: 'Array' });
    assert.deepEqual(parseRetainerLine('context in (anonymous)() (/app/a b.js:26)'), {
      via: 'context',
      holder: '(anonymous)()',
      location: { file: '/app/a b.js', line: 26 },
    });
    assert.deepEqual(parseRetainerLine('native_to_javascript in Node / TCPServerWrap'), { via: 'native_to_javascript', holder: 'Node / TCPServerWrap' });
  });

  it('keeps a line it cannot split as the via', () => {
    assert.deepEqual(parseRetainerLine('(GC roots)'), { via: '(GC roots)', holder: '' });
  });
});
