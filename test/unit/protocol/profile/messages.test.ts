// The host acts only on well-formed messages from the webview (which is not trusted).
import * as assert from 'node:assert/strict';
import { profileRequests } from '../../../../src/protocol/profile/messages';
import { profileFileName, splitCommandLine } from '../../../../src/extension/recording/profileTarget';

describe('webview messages', () => {
  it('accepts the messages the webview sends', () => {
    assert.deepEqual(profileRequests.parse({ type: 'webview/ready' }), { type: 'webview/ready' });
    assert.deepEqual(profileRequests.parse({ type: 'editor/openLocation', file: '/a.ts', line: 3, extra: 1 }), {
      type: 'editor/openLocation',
      file: '/a.ts',
      line: 3,
    });
    assert.deepEqual(profileRequests.parse({ type: 'range/select', range: { startMs: 1, endMs: 2 } }), {
      type: 'range/select',
      range: { startMs: 1, endMs: 2 },
    });
    assert.deepEqual(profileRequests.parse({ type: 'range/select', range: null }), { type: 'range/select', range: null });
    assert.deepEqual(profileRequests.parse({ type: 'tree/expand', nodeId: 4 }), { type: 'tree/expand', nodeId: 4 });
  });

  it('rejects anything malformed', () => {
    for (const bad of [
      null,
      'webview/ready',
      { type: 'editor/runCommand', command: 'rm -rf' },
      { type: 'editor/openLocation', file: 42, line: 1 },
      { type: 'editor/openLocation', file: '/a.ts', line: -1 },
      { type: 'editor/openLocation', file: '/a.ts', line: 1.5 },
      { type: 'range/select', range: { startMs: 5, endMs: 2 } },
      { type: 'range/select', range: { startMs: 'x', endMs: 2 } },
      { type: 'tree/expand', nodeId: '3' },
      { type: 'function/expand', key: { toString: () => 'x' } },
    ]) {
      assert.equal(profileRequests.parse(bad), undefined, JSON.stringify(bad));
    }
  });
});

describe('recording helpers', () => {
  it('names saved profiles after the target and the time, safely', () => {
    const when = new Date(2026, 10, 22, 9, 5, 7);
    // Named after the program: the script without its folder and extension, the npm script, the pid as a last resort.
    assert.equal(profileFileName('node main.js', when), 'main-20261122-090507.cpuprofile');
    assert.equal(profileFileName('npm run dev', when), 'dev-20261122-090507.cpuprofile');
    assert.equal(profileFileName('pid 4242', when), 'pid-4242-20261122-090507.cpuprofile');
    for (const hostile of ['../../etc/passwd', 'a/b\\c:d']) {
      const name = profileFileName(hostile, when);
      assert.ok(!/[\\/:]/.test(name) && !name.startsWith('.'), name);
    }
  });

  it('splits command lines with quotes', () => {
    assert.deepEqual(splitCommandLine(`node "my app.js" --name 'x y' -v`), ['node', 'my app.js', '--name', 'x y', '-v']);
    assert.deepEqual(splitCommandLine('   '), []);
  });
});
