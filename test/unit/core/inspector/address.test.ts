import * as assert from 'node:assert/strict';
import { isLoopbackHost, parseTargetAddress } from '../../../../src/core/inspector/address';
import { FlameLensError } from '../../../../src/core/errors';

describe('target addresses', () => {
  it('reads a pid, host:port, [ipv6]:port and ws:// URLs', () => {
    assert.deepEqual(parseTargetAddress('4242'), { kind: 'pid', pid: 4242 });
    assert.deepEqual(parseTargetAddress('localhost:9229'), { kind: 'hostPort', host: 'localhost', port: 9229 });
    assert.deepEqual(parseTargetAddress('[::1]:9230'), { kind: 'hostPort', host: '::1', port: 9230 });
    assert.deepEqual(parseTargetAddress('ws://127.0.0.1:9229/abc'), { kind: 'webSocket', url: 'ws://127.0.0.1:9229/abc', host: '127.0.0.1' });
  });

  it('rejects anything else as bad input', () => {
    for (const text of ['', 'abc', 'host:99999', 'ws://']) {
      assert.throws(
        () => parseTargetAddress(text),
        (e: unknown) => e instanceof FlameLensError && e.kind === 'bad-input',
      );
    }
  });

  it('knows which hosts are this machine', () => {
    assert.ok(isLoopbackHost('127.0.0.1') && isLoopbackHost('localhost') && isLoopbackHost('::1') && isLoopbackHost('127.1.2.3'));
    assert.ok(!isLoopbackHost('10.0.0.1') && !isLoopbackHost('example.com') && !isLoopbackHost('0.0.0.0'));
  });
});
