// Memory recordings against real processes: the memory timeline and allocation profile beside a
// CPU profile (`record --memory --allocations`, `attach --memory`), the leak trend on a leaking
// and a stable server under real load, the sampler on a live target, and .heapprofile files
// written by `node --heap-prof`.
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { startMemorySampler } from '../../src/core/capture/memorySampler';
import { recordCpuProfile } from '../../src/core/capture/recordCpuProfile';
import { FlameLensError } from '../../src/core/errors';
import { connectInspector, type InspectorSession } from '../../src/core/inspector/session';
import { openAllocationProfile } from '../../src/core/model/allocation/allocationViews';
import { readHeapProfileFile } from '../../src/core/model/allocation/heapProfileFile';
import type { MemorySample } from '../../src/core/model/timeline/savedTimeline';
import { readMemoryTimelineFile } from '../../src/core/model/timeline/timelineFile';
import { portFrom, sendOrders } from '../support/load';
import { fixtureApps } from '../support/paths';
import { readJson, runCli, startCli, tempDir, type CliResult } from '../support/runCli';
import { startTarget } from '../support/targets';

const leakyServer = path.join(fixtureApps, 'leaky-server.js');
const stableServer = path.join(fixtureApps, 'stable-server.js');
const collectorGone = `typeof globalThis[Symbol.for('flamelens.memory')]`;

/**
 * Records a fixture server with the real CLI while this test sends it a fixed amount of work:
 * `batches` of orders with pauses between them, then Ctrl+C (which stops and keeps the
 * recording). A fixed amount of work rather than a fixed time: the leak grows the heap by the
 * same amount (and so sees as many full GCs) on a fast machine and on a loaded CI runner. The
 * CLI runs the program with inherited stdio, so "ready <port>" arrives on the CLI's stdout.
 */
async function recordUnderLoad(
  server: string,
  flags: string[],
  load = { batches: 10, ordersPerBatch: 500, recordsPerOrder: 50, pauseMs: 300 },
): Promise<CliResult> {
  // --expose-gc: the fixtures then run a full GC every second, so the heap after GC is sampled
  // at a steady pace whatever the machine's load.
  const run = startCli(['record', ...flags, '--', 'node', '--expose-gc', server]);
  let stdout = '';
  const port = await new Promise<number>((resolve, reject) => {
    run.child.stdout!.on('data', (chunk) => {
      stdout += chunk;
      if (/ready \d+/.test(stdout)) resolve(portFrom(stdout));
    });
    void run.done.then((r) => reject(new Error(`the CLI ended before the server was ready (${r.code}): ${r.stderr}`)));
  });
  await run.waitForStderr(/press Ctrl\+C to stop/);
  // At least the fixed work, and at least 8 s: a fast machine gets through the work in under the
  // 5 s the leak trend needs to say anything.
  const started = Date.now();
  for (let batch = 0; batch < load.batches || Date.now() - started < 8000; batch++) {
    await sendOrders(port, load.ordersPerBatch, load.recordsPerOrder, 4);
    await new Promise((resolve) => setTimeout(resolve, load.pauseMs));
  }
  run.child.kill('SIGINT');
  return run.done;
}

function inspectorUrl(target: { stderr(): string }): string {
  const url = /ws:\/\/127\.0\.0\.1:\d+\/[\w-]+/.exec(target.stderr())?.[0];
  assert.ok(url, `no inspector URL in: ${target.stderr()}`);
  return url;
}

async function evaluate(session: InspectorSession, expression: string): Promise<unknown> {
  return (await session.send('Runtime.evaluate', { expression, returnByValue: true })).result.value;
}

describe('memory recordings', function () {
  this.timeout(90_000);
  let temp: ReturnType<typeof tempDir>;
  let target: Awaited<ReturnType<typeof startTarget>> | undefined;
  beforeEach(() => (temp = tempDir()));
  afterEach(() => {
    target?.kill();
    target = undefined;
    temp.remove();
  });

  it('records a leaking server with --memory --allocations, flags the leak and names the allocating code', async () => {
    const out = path.join(temp.dir, 'leaky.cpuprofile');
    const json = path.join(temp.dir, 'leaky.json');
    const result = await recordUnderLoad(leakyServer, ['--memory', '--allocations', '--out', out, '--json', json]);
    assert.equal(result.code, 0, result.stderr);
    const summary = readJson(json);

    assert.equal(summary.memory.sustainedGrowth, true, `not flagged: ${JSON.stringify(summary.memory)}`);
    assert.ok(summary.memory.growthBytesPerMinute > 10e6, `growth ${summary.memory.growthBytesPerMinute} B/min`);
    assert.ok(summary.memory.confidence >= 0.8);
    assert.equal(summary.memory.growthBasis, 'post-gc');
    assert.ok(summary.memory.peakHeapUsed > 20e6 && summary.memory.peakRss > summary.memory.peakHeapUsed);
    assert.ok(summary.memory.gcCount > 10);
    assert.match(result.stdout, /Warning: heap keeps growing: \+[\d.]+ MB\/min after GC/);

    const top = summary.allocations.topFunctions.slice(0, 10);
    assert.ok(summary.allocations.totalBytes > 10e6, `only ${summary.allocations.totalBytes} bytes allocated`);
    assert.ok(
      top.some((f: any) => ['handleOrder', 'AuditRecord', 'constructor'].includes(f.name) && f.file === leakyServer && f.line > 0),
      `the leaking code is not among the top allocators: ${JSON.stringify(top.slice(0, 5))}`,
    );
    assert.match(result.stdout, /Most allocating functions/);

    const timeline = await readMemoryTimelineFile(path.join(temp.dir, 'leaky.memory.json'));
    assert.ok(timeline.samples.length >= timeline.durationMs / 500 - 2, `${timeline.samples.length} samples in ${timeline.durationMs} ms at 500 ms`);
    assert.deepEqual(timeline.capabilities, { gcMarks: true, loopDelay: true });
    assert.ok(timeline.gcs.some((g) => g.kind === 'major' && g.heapAfter! > 0));
    assert.ok(timeline.samples.some((s) => s.loopDelayP99Ms !== undefined));

    const allocations = await readHeapProfileFile(path.join(temp.dir, 'leaky.heapprofile'));
    assert.ok(allocations.$vscode && allocations.$flamelens?.includesCollected, 'the saved profile carries its locations and how it was recorded');
    assert.deepEqual(fs.readdirSync(temp.dir).sort(), ['leaky.cpuprofile', 'leaky.heapprofile', 'leaky.json', 'leaky.memory.json']);
  });

  it('does not flag a stable server under the same load, and without --out keeps memory in the summary only', async () => {
    const json = path.join(temp.dir, 'stable.json');
    const result = await recordUnderLoad(stableServer, ['--memory', '--json', json]);
    assert.equal(result.code, 0, result.stderr);
    const summary = readJson(json);
    assert.equal(summary.memory.sustainedGrowth, false, JSON.stringify(summary.memory));
    assert.ok(summary.memory.peakHeapUsed > 0 && summary.memory.gcCount > 0);
    assert.equal(summary.allocations, undefined, 'no allocation section when not recorded');
    assert.doesNotMatch(result.stdout, /keeps growing/);
    assert.match(result.stdout, /^Memory: peak heap used [\d.]+ MB/m);
    assert.match(result.stderr, /in the summary only; add --out/);
    assert.deepEqual(fs.readdirSync(temp.dir), ['stable.json']);
  });

  it('records memory of a program that ends by itself', async () => {
    const out = path.join(temp.dir, 'quick.cpuprofile');
    const json = path.join(temp.dir, 'quick.json');
    const result = await runCli(['record', '--memory', '--allocations', '--out', out, '--json', json, '--', 'node', path.join(fixtureApps, 'quick-exit.js')]);
    assert.equal(result.code, 0, result.stderr);
    const summary = readJson(json);
    assert.ok(
      summary.hotFunctions.some((f: any) => f.name === 'quickWork'),
      'the CPU profile is unchanged by memory capture',
    );
    assert.ok(summary.memory.peakHeapUsed > 0);
    assert.equal(summary.memory.sustainedGrowth, false);
    assert.equal(summary.memory.growthBytesPerMinute, null, 'a 150 ms run is not enough to tell');
    assert.ok((await readMemoryTimelineFile(path.join(temp.dir, 'quick.memory.json'))).samples.length >= 1);
    assert.ok(fs.existsSync(path.join(temp.dir, 'quick.heapprofile')));
  });

  it('attach --memory samples a running process and leaves it as found', async () => {
    target = await startTarget(stableServer, ['--inspect=127.0.0.1:0']);
    const port = /ws:\/\/127\.0\.0\.1:(\d+)\//.exec(target.stderr())?.[1];
    const json = path.join(temp.dir, 'attach.json');
    let attached = false;
    const load = (async () => {
      while (!attached) await sendOrders(portFrom(target!.readyLine), 10, 5, 2);
    })();
    const result = await runCli(['attach', `127.0.0.1:${port}`, '--duration', '2', '--memory', '--json', json]);
    attached = true;
    await load;
    assert.equal(result.code, 0, result.stderr);
    assert.ok(readJson(json).memory.gcCount > 0);
    assert.equal(target.child.exitCode, null, 'the target keeps running');
    const session = await connectInspector(inspectorUrl(target));
    try {
      assert.equal(await evaluate(session, collectorGone), 'undefined', 'the collector was not removed');
    } finally {
      await session.close();
    }
  });

  it('samples a live target: marks, loop delay, a live view, and removal at stop', async () => {
    target = await startTarget(leakyServer, ['--inspect=127.0.0.1:0']);
    const session = await connectInspector(inspectorUrl(target));
    try {
      const sampler = await startMemorySampler(session, { intervalMs: 100 });
      assert.deepEqual(sampler.capabilities, { gcMarks: true, loopDelay: true });
      assert.equal(await evaluate(session, collectorGone), 'object');
      const seen: MemorySample[] = [];
      const unsubscribe = sampler.onSample((s) => seen.push(s));
      await sendOrders(portFrom(target.readyLine), 150, 20, 2);
      await new Promise((resolve) => setTimeout(resolve, 300));
      const live = sampler.current();
      assert.ok(live.samples.length >= 3, `${live.samples.length} samples so far`);
      assert.ok(seen.length >= live.samples.length - 1, 'onSample saw every poll');
      unsubscribe();
      const timeline = await sampler.stop();
      assert.ok(timeline.samples.length >= live.samples.length);
      for (let i = 1; i < timeline.samples.length; i++) assert.ok(timeline.samples[i].t > timeline.samples[i - 1].t);
      assert.ok(timeline.gcs.length > 0 && timeline.gcs.every((g) => g.t >= 0 && g.t <= timeline.durationMs + 1));
      assert.ok(timeline.gcs.some((g) => g.heapAfter !== undefined));
      assert.ok(timeline.samples.some((s) => s.loopDelayMaxMs !== undefined));
      assert.equal(await evaluate(session, collectorGone), 'undefined', 'the target is left as found');
      assert.equal(target.child.exitCode, null);
    } finally {
      await session.close();
    }
  });

  it('removes the collector from the target when a recording is cancelled', async () => {
    target = await startTarget(stableServer, ['--inspect=127.0.0.1:0']);
    const cancel = new AbortController();
    const recording = recordCpuProfile(inspectorUrl(target), {
      memory: { intervalMs: 100 },
      allocations: {},
      cancelSignal: cancel.signal,
      onStarted: () => setTimeout(() => cancel.abort(), 500),
    });
    const error = await recording.then(
      () => assert.fail('a cancelled recording resolved'),
      (e: unknown) => e,
    );
    assert.ok(error instanceof FlameLensError && error.kind === 'cancelled', String(error));
    const session = await connectInspector(inspectorUrl(target));
    try {
      assert.equal(await evaluate(session, collectorGone), 'undefined', 'a cancelled recording left its collector in the target');
    } finally {
      await session.close();
    }
  });

  it('reads a .heapprofile written by node --heap-prof and names the allocating function', async () => {
    const script = path.join(temp.dir, 'keeps-records.js');
    fs.writeFileSync(
      script,
      // A global: `node --heap-prof` keeps only objects still alive when the program ends.
      [
        'globalThis.kept = [];',
        'function makeRecords(n) {',
        '  for (let i = 0; i < n; i++) kept.push({ i, note: "record " + i });',
        '}',
        'makeRecords(200000);',
        '',
      ].join('\n'),
    );
    const run = spawnSync(process.execPath, ['--heap-prof', '--heap-prof-dir', temp.dir, script], { encoding: 'utf8' });
    assert.equal(run.status, 0, run.stderr);
    const file = fs.readdirSync(temp.dir).find((f) => f.endsWith('.heapprofile'));
    assert.ok(file, 'node wrote no .heapprofile');
    const opened = await openAllocationProfile(path.join(temp.dir, file));
    const top = opened.hotspots.functions[0];
    assert.equal(top.name, 'makeRecords');
    // Node 20's --heap-prof writes user frames without their script URL and line (it saves the
    // profile at exit); where a newer Node keeps them, they must be the function's own.
    if (top.file) assert.deepEqual([top.file, top.line], [script, 2]);
    assert.ok(top.selfPct > 50, `makeRecords has only ${top.selfPct} %`);

    // The same file cut in half: one sentence, bad input.
    const text = fs.readFileSync(path.join(temp.dir, file), 'utf8');
    const truncated = path.join(temp.dir, 'cut.heapprofile');
    fs.writeFileSync(truncated, text.slice(0, Math.floor(text.length / 2)));
    const error = await readHeapProfileFile(truncated).then(
      () => assert.fail('a truncated file was accepted'),
      (e: unknown) => e,
    );
    assert.ok(error instanceof FlameLensError);
    assert.equal(error.kind, 'bad-input');
    assert.equal(error.message, 'cut.heapprofile ends in the middle of the allocation profile (the file is truncated); record it again.');
  });
});
