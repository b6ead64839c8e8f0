// The generic worker plumbing with real worker threads: a tiny worker served by serveWorker (answers,
// progress, a thrown FlameLensError, an unknown method, a worker that exits), and the heap worker
// through HeapClient on snapshots with known contents.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { HeapClient } from '../../../../src/core/analysis/heapClient';
import { WorkerClient } from '../../../../src/core/analysis/workerClient';
import { FlameLensError } from '../../../../src/core/errors';
import { tempDir } from '../../../support/runCli';
import { writeSnapshot, type EdgeSpec, type NodeSpec } from '../../../support/snapshotBuilder';

type EchoApi = {
  add(a: number, b: number): number;
  count(steps: number): string;
  refuse(): never;
  exit(): never;
};

/** A worker written as a user of serveWorker would write it, in plain JS next to the test's temp files. */
function echoWorker(dir: string): string {
  const file = path.join(dir, 'echoWorker.js');
  const host = JSON.stringify(require.resolve('../../../../src/core/analysis/workerHost'));
  const errors = JSON.stringify(require.resolve('../../../../src/core/errors'));
  fs.writeFileSync(
    file,
    `const { serveWorker } = require(${host});
const { FlameLensError } = require(${errors});
serveWorker({
  add: ([a, b]) => a + b,
  count: ([steps], progress) => { for (let i = 1; i <= steps; i++) progress(i / steps, 'step ' + i); return 'done'; },
  refuse: () => { throw new FlameLensError('bad-input', 'That is not a profile.'); },
  exit: () => process.exit(3),
});
`,
  );
  return file;
}

describe('worker client and host', () => {
  let temp: ReturnType<typeof tempDir>;
  let client: WorkerClient<EchoApi>;
  beforeEach(() => {
    temp = tempDir();
    client = new WorkerClient<EchoApi>({ file: echoWorker(temp.dir), crashed: (e) => `crashed: ${e.message}`, exited: 'The echo stopped.' });
  });
  afterEach(() => {
    client.dispose();
    temp.remove();
  });

  it('answers calls by method name, each with its own answer', async () => {
    assert.deepEqual(await Promise.all([client.call('add', 1, 2), client.call('add', 40, 2)]), [3, 42]);
  });

  it('passes progress to the call that asked for it, before its answer', async () => {
    const heard: string[] = [];
    const answer = await client.callWithProgress('count', (fraction, phase) => heard.push(`${fraction} ${phase}`), 2);
    assert.equal(answer, 'done');
    assert.deepEqual(heard, ['0.5 step 1', '1 step 2']);
  });

  it("re-throws the worker's FlameLensError with its kind and sentence", async () => {
    await assert.rejects(
      client.call('refuse'),
      (e: unknown) => e instanceof FlameLensError && e.kind === 'bad-input' && e.message === 'That is not a profile.',
    );
  });

  it('fails an unknown method as target-failed', async () => {
    const untyped = client as unknown as WorkerClient<{ missing(): void }>;
    await assert.rejects(untyped.call('missing'), (e: unknown) => e instanceof FlameLensError && e.kind === 'target-failed' && /missing/.test(e.message));
  });

  it('fails calls in flight when the worker exits, and starts a new worker for the next call', async () => {
    await assert.rejects(client.call('exit'), (e: unknown) => e instanceof FlameLensError && e.kind === 'target-failed' && e.message === 'The echo stopped.');
    assert.equal(await client.call('add', 2, 2), 4);
  });

  it('cancels calls in flight on dispose', async () => {
    const inFlight = client.call('add', 1, 1);
    client.dispose();
    await assert.rejects(inFlight, (e: unknown) => e instanceof FlameLensError && e.kind === 'cancelled');
  });
});

describe('heap worker through HeapClient', () => {
  // root → Foo(10) → Bar(30); root → Foo(20).
  const nodes: NodeSpec[] = [
    { type: 'synthetic', name: '', size: 0 },
    { type: 'object', name: 'Foo', size: 10 },
    { type: 'object', name: 'Foo', size: 20 },
    { type: 'object', name: 'Bar', size: 30 },
  ];
  const edges: EdgeSpec[] = [
    { from: 0, to: 1, type: 'element', name: 1 },
    { from: 0, to: 2, type: 'element', name: 2 },
    { from: 1, to: 3, type: 'property', name: 'bar' },
  ];

  let temp: ReturnType<typeof tempDir>;
  let heap: HeapClient;
  beforeEach(() => {
    temp = tempDir();
    heap = new HeapClient();
  });
  afterEach(() => {
    heap.dispose();
    temp.remove();
  });

  it('opens a snapshot with progress, answers about it, and refuses questions once it is closed', async () => {
    const fractions: number[] = [];
    const snapshot = await heap.open(writeSnapshot(temp.dir, 'a.heapsnapshot', nodes, edges), (fraction) => fractions.push(fraction));
    assert.ok(fractions.length > 0, 'progress was reported');
    assert.ok(
      fractions.every((f, i) => f >= 0 && f <= 1 && (i === 0 || f >= fractions[i - 1])),
      `fractions: ${fractions.join(', ')}`,
    );
    const foo = (await snapshot.call('summary')).constructors.find((row) => row.name === 'Foo')!;
    assert.deepEqual([foo.count, foo.shallowSize, foo.retainedSize], [2, 30, 60]);
    snapshot.dispose();
    await assert.rejects(snapshot.call('summary'), (e: unknown) => e instanceof FlameLensError && e.kind === 'target-failed' && /closed/.test(e.message));
  });

  it('compares two open snapshots', async () => {
    // Comparing needs enough objects in common (same ids, same class) to trust that ids match: 25 Foos.
    const foos: NodeSpec[] = [
      { type: 'synthetic', name: '', size: 0 },
      ...Array.from({ length: 25 }, (): NodeSpec => ({ type: 'object', name: 'Foo', size: 10 })),
    ];
    const fooEdges: EdgeSpec[] = foos.slice(1).map((_, i): EdgeSpec => ({ from: 0, to: i + 1, type: 'element', name: i }));
    const before = await heap.open(writeSnapshot(temp.dir, 'before.heapsnapshot', foos, fooEdges));
    const after = await heap.open(
      writeSnapshot(
        temp.dir,
        'after.heapsnapshot',
        [...foos, { type: 'object', name: 'Bar', size: 40 }],
        [...fooEdges, { from: 1, to: 26, type: 'property', name: 'bar' }],
      ),
    );
    const diff = await heap.compare([before, after]);
    const bar = diff.constructors.find((row) => row.name === 'Bar');
    assert.ok(bar, JSON.stringify(diff.constructors));
    assert.deepEqual([bar.newCount, bar.deletedCount, bar.countDelta, bar.sizeDelta], [1, 0, 1, 40]);
  });

  it('reports a file that is not a snapshot as bad input', async () => {
    const file = path.join(temp.dir, 'empty.heapsnapshot');
    fs.writeFileSync(file, '{"not":"a snapshot"}');
    await assert.rejects(heap.open(file), (e: unknown) => e instanceof FlameLensError && e.kind === 'bad-input');
  });
});
