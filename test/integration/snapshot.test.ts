// `flamelens snapshot` against real processes: a leaking server by pid, a target killed or
// cancelled mid-snapshot (nothing left behind), and the bad-input refusals.
import * as assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { takeHeapSnapshot } from '../../src/core/capture/heapSnapshot';
import { FlameLensError } from '../../src/core/errors';
import { sendOrders, portFrom } from '../support/load';
import { fixtureApps } from '../support/paths';
import { runCli, startCli, tempDir } from '../support/runCli';
import { startTarget, type RunningTarget } from '../support/targets';

const leakyServer = path.join(fixtureApps, 'leaky-server.js');
const stableServer = path.join(fixtureApps, 'stable-server.js');
const bigHeap = path.join(fixtureApps, 'big-heap.js');
/**
 * Started without --inspect, so attaching by pid opens the inspector with SIGUSR1 — on a random
 * port rather than 9229, which another test run on the same machine may hold at that moment
 * (the default port is covered by attach.test.ts).
 */
const noInspectorYet = ['--inspect-port=0'];

/** The snapshot's header object (`{"snapshot":{"meta":…,"node_count":…}`), read without loading the file. */
function readSnapshotHeader(file: string): { meta: { node_fields: string[] }; node_count: number } {
  const fd = fs.openSync(file, 'r');
  try {
    const head = Buffer.alloc(64 * 1024);
    const text = head.subarray(0, fs.readSync(fd, head, 0, head.length, 0)).toString('utf8');
    const end = text.indexOf(',\n"nodes":');
    assert.ok(text.startsWith('{"snapshot":') && end > 0, `not a heap snapshot header: ${text.slice(0, 200)}`);
    return JSON.parse(text.slice(0, end) + '}').snapshot;
  } finally {
    fs.closeSync(fd);
  }
}

/** True when `needle` occurs in the file, reading it in pieces (a snapshot can be large). */
function fileContains(file: string, needle: string): boolean {
  const fd = fs.openSync(file, 'r');
  try {
    const piece = Buffer.alloc(1024 * 1024);
    let carry = '';
    for (let position = 0; ;) {
      const read = fs.readSync(fd, piece, 0, piece.length, position);
      if (read === 0) return false;
      position += read;
      const text = carry + piece.subarray(0, read).toString('latin1');
      if (text.includes(needle)) return true;
      carry = text.slice(-needle.length);
    }
  } finally {
    fs.closeSync(fd);
  }
}

function lastBytes(file: string, count: number): string {
  const size = fs.statSync(file).size;
  const fd = fs.openSync(file, 'r');
  try {
    const tail = Buffer.alloc(count);
    fs.readSync(fd, tail, 0, count, size - count);
    return tail.toString('utf8');
  } finally {
    fs.closeSync(fd);
  }
}

/** The failure line main() prints, and that it is the only line that is not progress. */
function assertOneLineFailure(stderr: string, pattern: RegExp): void {
  const lines = stderr
    .split('\n')
    .filter(
      (line) =>
        line.trim() && !/^(Taking a heap snapshot|Heap snapshot: \d+ %|Writing |\s+[\d.]+ MB written|Cancelling|Waiting for process \d+ to finish)/.test(line),
    );
  assert.equal(lines.length, 1, `expected one failure line, got:\n${stderr}`);
  assert.match(lines[0], pattern);
  assert.doesNotMatch(stderr, /\n\s+at /, 'no stack trace');
}

describe('flamelens snapshot', function () {
  this.timeout(90_000);
  let temp: ReturnType<typeof tempDir>;
  let target: RunningTarget | undefined;
  beforeEach(() => (temp = tempDir()));
  afterEach(() => {
    target?.kill();
    target = undefined;
    temp.remove();
  });

  it('saves a complete snapshot of a leaking server by pid (no --inspect), and leaves it running', async function () {
    if (process.platform === 'win32') this.skip(); // Opening the inspector by pid uses SIGUSR1; Windows is not run in CI.
    const server = await startTarget(leakyServer, noInspectorYet);
    target = server;
    const port = portFrom(server.readyLine);
    await sendOrders(port, 100, 50);
    const file = path.join(temp.dir, 'nested', 'leaky.heapsnapshot');

    const result = await runCli(['snapshot', String(server.pid), '--out', file]);

    assert.equal(result.code, 0, result.stderr);
    assert.match(result.stdout, new RegExp(`Heap snapshot saved to ${file.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')} \\(\\d+\\.\\d MB\\)`));
    assert.match(result.stderr, /Writing /);
    assert.deepEqual(fs.readdirSync(path.dirname(file)), ['leaky.heapsnapshot'], 'no .partial left beside it');
    const header = readSnapshotHeader(file);
    assert.ok(header.meta.node_fields.includes('name') && header.meta.node_fields.includes('self_size'), JSON.stringify(header.meta.node_fields));
    assert.ok(header.node_count > 1000, `node_count ${header.node_count}`);
    assert.ok(fileContains(file, '"AuditRecord"'), 'the leaking class is in the snapshot');
    assert.match(lastBytes(file, 8), /\]\s*\}\s*$/, 'the JSON is complete');
    assert.equal(server.child.exitCode, null, 'the target must keep running');
    await sendOrders(port, 1, 1); // …and keep serving.
  });

  it('says so and leaves no file behind when the target is killed mid-snapshot', async function () {
    if (process.platform === 'win32') this.skip(); // Opening the inspector by pid uses SIGUSR1; Windows is not run in CI.
    target = await startTarget(bigHeap, noInspectorYet);
    const file = path.join(temp.dir, 'big.heapsnapshot');
    const run = startCli(['snapshot', String(target.pid), '--out', file]);
    await run.waitForStderr(/Writing /, 60_000);
    assert.ok(fs.existsSync(`${file}.partial`), 'the snapshot streams to a .partial file');
    target.kill('SIGKILL');

    const result = await run.done;

    assert.equal(result.code, 1, result.stderr);
    assertOneLineFailure(result.stderr, /^flamelens: The process exited while the heap snapshot was being written; nothing was saved\./);
    assert.deepEqual(fs.readdirSync(temp.dir), [], 'neither the snapshot nor its .partial is left');
  });

  it('cancels on Ctrl+C, keeps nothing, and leaves the target running', async function () {
    if (process.platform === 'win32') this.skip(); // SIGINT to a child and SIGUSR1 attach are POSIX; Windows is not run in CI.
    target = await startTarget(bigHeap, noInspectorYet);
    const file = path.join(temp.dir, 'big.heapsnapshot');
    const run = startCli(['snapshot', String(target.pid), '--out', file]);
    await run.waitForStderr(/Writing /, 60_000);
    run.child.kill('SIGINT');

    const result = await run.done;

    assert.equal(result.code, 130, result.stderr); // what a shell reports for a program stopped by Ctrl+C
    assertOneLineFailure(result.stderr, /^flamelens: The heap snapshot was cancelled; nothing was saved\.$/);
    assert.deepEqual(fs.readdirSync(temp.dir), [], 'neither the snapshot nor its .partial is left');
    assert.equal(target.child.exitCode, null, 'cancelling must not stop the target');
  });

  it('a flamelens killed outright leaves only a file named as incomplete, which the next snapshot replaces', async function () {
    if (process.platform === 'win32') this.skip(); // Opening the inspector by pid uses SIGUSR1; Windows is not run in CI.
    target = await startTarget(bigHeap, noInspectorYet);
    const file = path.join(temp.dir, 'big.heapsnapshot');
    const killed = startCli(['snapshot', String(target.pid), '--out', file]);
    await killed.waitForStderr(/Writing /, 60_000);
    killed.child.kill('SIGKILL'); // cannot be caught: nothing can clean up
    await killed.done;
    assert.deepEqual(fs.readdirSync(temp.dir), ['big.heapsnapshot.partial'], 'only the .partial, never a file under the final name');
    // The next snapshot to that file, of a smaller process so the test stays short.
    target.kill();
    target = await startTarget(stableServer, noInspectorYet);

    const result = await runCli(['snapshot', String(target.pid), '--out', file]);

    assert.equal(result.code, 0, result.stderr);
    assert.deepEqual(fs.readdirSync(temp.dir), ['big.heapsnapshot']);
    assert.match(lastBytes(file, 8), /\]\s*\}\s*$/, 'the JSON is complete');
    assert.equal(target.child.exitCode, null);
  });

  it('never writes through a .partial planted as a link to another file', async function () {
    if (process.platform === 'win32') this.skip(); // Symbolic links need privileges on Windows; Windows is not run in CI.
    target = await startTarget(stableServer, noInspectorYet);
    const victim = path.join(temp.dir, 'precious.txt');
    fs.writeFileSync(victim, 'keep me');
    const file = path.join(temp.dir, 'stable.heapsnapshot');
    fs.symlinkSync(victim, `${file}.partial`);

    const result = await runCli(['snapshot', String(target.pid), '--out', file]);

    assert.equal(result.code, 0, result.stderr);
    assert.equal(fs.readFileSync(victim, 'utf8'), 'keep me', 'the linked file is untouched');
    assert.ok(fs.lstatSync(file).isFile(), 'the snapshot is a file of its own, not the link');
    assert.deepEqual(fs.readdirSync(temp.dir).sort(), ['precious.txt', 'stable.heapsnapshot']);
    assert.ok(readSnapshotHeader(file).node_count > 1000);
  });

  it('refuses a non-loopback inspector without --allow-remote', async () => {
    const result = await runCli(['snapshot', '10.1.2.3:9229', '--out', path.join(temp.dir, 'x.heapsnapshot')]);
    assert.equal(result.code, 2);
    assertOneLineFailure(result.stderr, /--allow-remote/);
  });

  it('requires --out', async () => {
    const result = await runCli(['snapshot', '127.0.0.1:9229']);
    assert.equal(result.code, 2);
    assertOneLineFailure(result.stderr, /--out <file\.heapsnapshot>/);
  });

  it('fails with exit code 2 when the file cannot be written, and the target keeps running', async function () {
    if (process.platform === 'win32') this.skip(); // Opening the inspector by pid uses SIGUSR1; Windows is not run in CI.
    target = await startTarget(stableServer, noInspectorYet);
    const blocker = path.join(temp.dir, 'a-file');
    fs.writeFileSync(blocker, '');
    const result = await runCli(['snapshot', String(target.pid), '--out', path.join(blocker, 'x.heapsnapshot')]);
    assert.equal(result.code, 2, result.stderr);
    assertOneLineFailure(result.stderr, /Could not write the heap snapshot to .*x\.heapsnapshot \(\w+\); nothing was saved/);
    assert.equal(target.child.exitCode, null);
  });
});

describe('captureHeapSnapshot', function () {
  this.timeout(60_000);
  let temp: ReturnType<typeof tempDir>;
  let target: (RunningTarget & { stderr(): string }) | undefined;
  beforeEach(() => (temp = tempDir()));
  afterEach(() => {
    target?.kill();
    target = undefined;
    temp.remove();
  });

  async function inspectedServer(): Promise<string> {
    target = await startTarget(stableServer, ['--inspect=127.0.0.1:0']);
    const url = /ws:\/\/127\.0\.0\.1:\d+\/[\w-]+/.exec(target.stderr())?.[0];
    assert.ok(url, `no inspector URL printed: ${target.stderr()}`);
    return url;
  }

  it('writes exactly the chunks it streams, reports progress to the end, and counts the bytes', async () => {
    const url = await inspectedServer();
    const file = path.join(temp.dir, 'stable.heapsnapshot');
    const streamed = createHash('sha256');
    const progress: Array<[number, number]> = [];
    const saved = await takeHeapSnapshot(url, {
      out: file,
      onChunk: (chunk) => streamed.update(chunk, 'latin1'),
      onProgress: (done, total) => progress.push([done, total]),
    });
    assert.equal(saved.file, file);
    assert.equal(saved.bytes, fs.statSync(file).size);
    assert.equal(createHash('sha256').update(fs.readFileSync(file)).digest('hex'), streamed.digest('hex'));
    assert.ok(progress.length > 1, 'progress was reported');
    const [done, total] = progress[progress.length - 1];
    assert.ok(total > 0 && done === total, `last progress ${done}/${total}`);
    assert.deepEqual(fs.readdirSync(temp.dir), ['stable.heapsnapshot']);
  });

  it('ends the capture, keeping nothing, when a chunk consumer fails (instead of crashing the process)', async () => {
    const url = await inspectedServer();
    const failure = new FlameLensError('bad-input', 'The parser met something it cannot read.');
    await assert.rejects(
      takeHeapSnapshot(url, {
        out: path.join(temp.dir, 'never.heapsnapshot'),
        onChunk: () => {
          throw failure;
        },
      }),
      (error: unknown) => error === failure,
    );
    assert.deepEqual(fs.readdirSync(temp.dir), []);
  });

  it('cancels before it starts when the signal is already aborted, writing nothing', async () => {
    const url = await inspectedServer();
    const controller = new AbortController();
    controller.abort();
    await assert.rejects(
      takeHeapSnapshot(url, { out: path.join(temp.dir, 'never.heapsnapshot'), signal: controller.signal }),
      (error: unknown) => error instanceof FlameLensError && error.kind === 'cancelled',
    );
    assert.deepEqual(fs.readdirSync(temp.dir), []);
  });
});
