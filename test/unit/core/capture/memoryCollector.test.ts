// The in-target collector, run for real: in this Node process (perf_hooks available) and in a
// bare context with no way to load modules (it must degrade, not fail).
import * as assert from 'node:assert/strict';
import * as vm from 'node:vm';
import {
  collectorInstallExpression,
  collectorPollExpression,
  collectorReleaseExpression,
  type CollectorInstalled,
  type CollectorPoll,
} from '../../../../src/core/capture/memoryCollector';

const key = Symbol.for('flamelens.memory');
const run = <T>(expression: string): T => vm.runInThisContext(expression) as T;
const tick = () => new Promise((resolve) => setImmediate(resolve));

/** Allocates enough short-lived garbage to make V8 run a few minor collections. */
function makeGarbage(): number {
  let sum = 0;
  for (let round = 0; round < 8; round++) {
    const junk = Array.from({ length: 50_000 }, (_, i) => ({ i, s: 'x' + i }));
    sum += junk.length;
  }
  return sum;
}

describe('in-target memory collector', () => {
  afterEach(() => delete (globalThis as Record<symbol, unknown>)[key]);

  it('reports memory, GC marks with the heap after them, and loop delay; and removes itself', async () => {
    const installed = run<CollectorInstalled>(collectorInstallExpression({ resolutionMs: 10, maxGcs: 1000, expireMs: 60_000 }));
    assert.deepEqual({ gcMarks: installed.gcMarks, loopDelay: installed.loopDelay }, { gcMarks: true, loopDelay: true });
    assert.ok(!Object.keys(globalThis).some((k) => k.includes('flamelens')), 'the collector is not an enumerable global');
    makeGarbage();
    await new Promise((resolve) => setTimeout(resolve, 60));
    await tick();
    const poll = run<CollectorPoll>(collectorPollExpression(installed.id));
    assert.ok(poll.heapUsed > 0 && poll.rss >= poll.heapUsed && poll.heapTotal >= poll.heapUsed);
    assert.ok(poll.t >= 50, `t ${poll.t} ms since install`);
    assert.ok(poll.gcs.length > 0, 'no GC marks after allocating ~100 MB of garbage');
    const [start, type, pause, after] = poll.gcs[poll.gcs.length - 1];
    assert.ok(start >= 0 && start <= poll.t && pause >= 0 && type > 0);
    assert.ok(after > 0, 'the last mark of a batch carries the heap right after it');
    assert.ok(poll.loop, 'no loop delay measured over 60 ms');
    assert.ok(poll.loop[0] >= 0 && poll.loop[2] >= poll.loop[1] && poll.loop[1] >= poll.loop[0]);
    assert.equal(run<CollectorPoll>(collectorPollExpression(installed.id)).gcs.length, 0, 'a poll drains the marks');

    const last = run<CollectorPoll>(collectorReleaseExpression(installed.id));
    assert.ok(last.heapUsed > 0, 'the release takes a last sample');
    assert.equal((globalThis as Record<symbol, unknown>)[key], undefined, 'the target is left as found');
    assert.equal(run(collectorPollExpression(installed.id)), null);
  });

  it('is installed once: a second reader shares it, and it goes with the last reader', () => {
    const first = run<CollectorInstalled>(collectorInstallExpression({ resolutionMs: 10, maxGcs: 10, expireMs: 60_000 }));
    const registry = (globalThis as Record<symbol, unknown>)[key];
    const second = run<CollectorInstalled>(collectorInstallExpression({ resolutionMs: 20, maxGcs: 10, expireMs: 60_000 }));
    assert.notEqual(first.id, second.id);
    assert.equal((globalThis as Record<symbol, unknown>)[key], registry);
    run(collectorReleaseExpression(first.id));
    assert.ok((globalThis as Record<symbol, unknown>)[key], 'the other reader still uses it');
    run(collectorReleaseExpression(second.id));
    assert.equal((globalThis as Record<symbol, unknown>)[key], undefined);
  });

  it('keeps its GC buffer bounded and counts what it dropped', async () => {
    const installed = run<CollectorInstalled>(collectorInstallExpression({ resolutionMs: 10, maxGcs: 2, expireMs: 60_000 }));
    for (let i = 0; i < 3; i++) {
      makeGarbage();
      await tick();
    }
    const poll = run<CollectorPoll>(collectorReleaseExpression(installed.id));
    assert.ok(poll.gcs.length <= 2, `${poll.gcs.length} marks buffered`);
    assert.ok(poll.dropped > 0, 'dropped marks are counted');
  });

  it('removes itself when nobody polls it any more (FlameLens killed or disconnected)', async () => {
    const installed = run<CollectorInstalled>(collectorInstallExpression({ resolutionMs: 10, maxGcs: 10, expireMs: 300 }));
    await new Promise((resolve) => setTimeout(resolve, 100));
    assert.ok(run(collectorPollExpression(installed.id)), 'a poll within the time keeps it');
    await new Promise((resolve) => setTimeout(resolve, 900));
    assert.equal((globalThis as Record<symbol, unknown>)[key], undefined, 'an abandoned collector must go');
  });

  it('still reports memory where no module can be loaded (no GC marks, no loop delay)', () => {
    // A context with process.memoryUsage but no getBuiltinModule, no require and no main module.
    const context = vm.createContext({ process: { memoryUsage: () => process.memoryUsage() } });
    const installed = vm.runInContext(collectorInstallExpression({ resolutionMs: 10, maxGcs: 10, expireMs: 60_000 }), context) as CollectorInstalled;
    assert.deepEqual({ gcMarks: installed.gcMarks, loopDelay: installed.loopDelay }, { gcMarks: false, loopDelay: false });
    const poll = vm.runInContext(collectorReleaseExpression(installed.id), context) as CollectorPoll;
    assert.ok(poll.heapUsed > 0);
    assert.equal(poll.loop, null);
    assert.equal(poll.gcs.length, 0);
    assert.equal(vm.runInContext(`typeof globalThis[Symbol.for('flamelens.memory')]`, context), 'undefined');
  });
});
