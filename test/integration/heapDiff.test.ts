// `flamelens heap` and `heap-diff` on real snapshots of a leaking and a stable server, taken in
// one inspector session with real load in between (ids only match within one session).
import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import { captureHeapSnapshot } from '../../src/core/capture/heapSnapshot';
import { parseTargetAddress } from '../../src/core/inspector/address';
import { resolveInspectorTarget } from '../../src/core/inspector/attach';
import { connectInspector } from '../../src/core/inspector/session';
import { portFrom, sendOrders } from '../support/load';
import { fixtureApps } from '../support/paths';
import { readJson, runCli, startCli, tempDir } from '../support/runCli';
import { startTarget, type RunningTarget } from '../support/targets';

async function snapshotsUnderLoad(server: string, dir: string): Promise<string[]> {
  // --inspect-port=0: attaching by pid (SIGUSR1) opens a random port, never 9229 that another process may hold.
  const target: RunningTarget & { readyLine: string } = await startTarget(path.join(fixtureApps, server), ['--inspect-port=0']);
  try {
    const port = portFrom(target.readyLine);
    const inspector = await resolveInspectorTarget(parseTargetAddress(String(target.pid)), {});
    const session = await connectInspector(inspector.webSocketUrl);
    const files: string[] = [];
    try {
      await sendOrders(port, 20);
      for (const name of ['baseline', 'after-load', 'after-more-load']) {
        if (name !== 'baseline') await sendOrders(port, 100);
        files.push((await captureHeapSnapshot(session, { out: path.join(dir, `${name}.heapsnapshot`) })).file);
      }
    } finally {
      await session.close();
    }
    return files;
  } finally {
    target.kill();
  }
}

describe('flamelens heap and heap-diff', function () {
  this.timeout(120_000);
  let temp: ReturnType<typeof tempDir>;
  before(() => (temp = tempDir()));
  after(() => temp.remove());

  it('names the leaking constructor first, with the reference that holds it', async () => {
    const files = await snapshotsUnderLoad('leaky-server.js', temp.dir);
    const json = path.join(temp.dir, 'diff.json');
    const result = await runCli(['heap-diff', ...files, '--json', json]);
    assert.equal(result.code, 0, result.stderr);
    const { growth } = readJson(json);
    assert.equal(growth[0].name, 'AuditRecord', JSON.stringify(growth.slice(0, 3)));
    assert.equal(growth[0].countDelta, 100 * 50, 'the records of the first round of load are all still alive');
    assert.ok(
      growth[0].retainerPath.some((step: string) => step.startsWith('auditTrail')),
      growth[0].retainerPath.join(' ← '),
    );
    assert.match(result.stdout, /AuditRecord/);

    const summaryJson = path.join(temp.dir, 'heap.json');
    const heap = await runCli(['heap', files[2], '--json', summaryJson, '--top', '5']);
    assert.equal(heap.code, 0, heap.stderr);
    const summary = readJson(summaryJson);
    assert.ok(summary.nodes > 1000 && summary.totalSize > 1e6, JSON.stringify({ nodes: summary.nodes, total: summary.totalSize }));
    const records = summary.constructors.find((c: any) => c.name === 'AuditRecord');
    // 220 orders of 50 records, plus the few V8-internal objects that carry the class name.
    assert.ok(records.count >= 220 * 50 && records.count < 220 * 50 + 50, String(records.count));
    const sorted = summary.constructors.map((c: any) => c.retainedSize);
    assert.deepEqual(
      sorted,
      [...sorted].sort((a: number, b: number) => b - a),
      'sorted by retained size',
    );
  });

  it('raises no AuditRecord growth for a server that keeps a bounded window', async () => {
    const files = await snapshotsUnderLoad('stable-server.js', temp.dir);
    const json = path.join(temp.dir, 'stable.json');
    const result = await runCli(['heap-diff', ...files, '--json', json]);
    assert.equal(result.code, 0, result.stderr);
    const { growth } = readJson(json);
    const records = growth.find((row: any) => row.name === 'AuditRecord');
    assert.ok(!records, `AuditRecords from the first round should all be gone: ${JSON.stringify(records)}`);
  });

  it('takes comparable snapshots from the command line (several --out through one connection)', async () => {
    const target = await startTarget(path.join(fixtureApps, 'leaky-server.js'), ['--inspect-port=0']);
    try {
      const port = portFrom(target.readyLine);
      const [a, b] = [path.join(temp.dir, 'cli-a.heapsnapshot'), path.join(temp.dir, 'cli-b.heapsnapshot')];
      const run = startCli(['snapshot', String(target.pid), '--out', a, '--out', b, '--every', '3']);
      await run.waitForStderr(/Next snapshot/, 60_000);
      await sendOrders(port, 60);
      const taken = await run.done;
      assert.equal(taken.code, 0, taken.stderr);
      const diff = await runCli(['heap-diff', a, b, '--json', path.join(temp.dir, 'cli.json')]);
      assert.equal(diff.code, 0, diff.stderr);
      assert.equal(readJson(path.join(temp.dir, 'cli.json')).growth[0].name, 'AuditRecord');
    } finally {
      target.kill();
    }
  });

  it('refuses to compare snapshots whose object ids do not match, and rejects bad files', async () => {
    const leaky = await snapshotsUnderLoad('leaky-server.js', temp.dir);
    const other = path.join(temp.dir, 'other');
    require('node:fs').mkdirSync(other);
    const stable = await snapshotsUnderLoad('stable-server.js', other);
    const mismatch = await runCli(['heap-diff', leaky[0], stable[2]]);
    assert.equal(mismatch.code, 2);
    assert.match(mismatch.stderr, /do not share object ids/);
    assert.equal(mismatch.stderr.trim().split('\n').length, 1, 'one line');

    const missing = await runCli(['heap', path.join(temp.dir, 'nope.heapsnapshot')]);
    assert.equal(missing.code, 2);
    assert.match(missing.stderr, /does not exist/);
    const notSnapshot = await runCli(['heap', path.join(fixtureApps, 'leaky-server.js')]);
    assert.equal(notSnapshot.code, 2);
    assert.match(notSnapshot.stderr, /not a heap snapshot/);
  });
});
