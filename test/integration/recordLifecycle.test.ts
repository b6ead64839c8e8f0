// `flamelens record` tells the truth about the program it launched, on every supported Node:
// how it ended (exit code, crash, missing script), its output without Node's debugger
// messages, a profile without our own frames or the idle tail, the worker threads it ran,
// and an inspector URL that is not published on /json/list.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { nodeVersions } from '../support/nodeVersions';
import { fixtureApps } from '../support/paths';
import { readJson, runCli, startCli, tempDir } from '../support/runCli';

const apps = path.join(fixtureApps, 'lifecycle');
const app = (name: string) => path.join(apps, name);
/** The lines Node itself prints about its inspector (see launch.ts); none may reach the user. */
const nodeDebuggerLines = [
  /^Debugger attached\.$/m,
  /^Waiting for the debugger to disconnect\.\.\.$/m,
  /^Debugger listening on /m,
  /^Debugger ending on /m,
  /^For help, see: /m,
];
const flamelensLines = (stderr: string) => stderr.split('\n').filter((line) => line.startsWith('flamelens:'));
const stackLine = /^\s+at .+\(?.*:\d+:\d+\)?$/m;

/** Resolves with the first match of `pattern` in what `stream` prints from now on. */
function waitForOutput(stream: NodeJS.ReadableStream, pattern: RegExp, timeoutMs = 20_000): Promise<RegExpExecArray> {
  return new Promise((resolve, reject) => {
    let text = '';
    const timer = setTimeout(() => reject(new Error(`never printed ${pattern}; printed:\n${text}`)), timeoutMs);
    stream.on('data', (chunk) => {
      text += chunk;
      const match = pattern.exec(text);
      if (match) {
        clearTimeout(timer);
        resolve(match);
      }
    });
  });
}

describe('flamelens record: the program as it really ran', function () {
  this.timeout(60_000);
  let temp: ReturnType<typeof tempDir>;
  beforeEach(() => (temp = tempDir()));
  afterEach(() => temp.remove());

  for (const { major, binary } of nodeVersions()) {
    describe(`on Node ${major}`, () => {
      it('fails with exit code 1 and one line naming exit code 3, and keeps the profile', async () => {
        const out = path.join(temp.dir, 'exit3.cpuprofile');
        const result = await runCli(['record', '--out', out, '--', binary, app('exit-3.js')]);
        assert.equal(result.code, 1, result.stderr);
        assert.deepEqual(flamelensLines(result.stderr), [`flamelens: The program exited with code 3; profile saved to ${out}.`]);
        // The program's own output still reaches the user.
        assert.match(result.stdout, /exit-3: working true/);
        assert.match(result.stderr, /exit-3: about to fail/);
        const saved = readJson(out);
        assert.ok(
          saved.nodes.some((n: any) => n.callFrame.functionName === 'work' && n.callFrame.url.endsWith('/exit-3.js')),
          'work() is not in the profile',
        );
      });

      it('fails with exit code 1 when the program throws, and keeps the profile', async () => {
        const out = path.join(temp.dir, 'throws.cpuprofile');
        const result = await runCli(['record', '--out', out, '--', binary, app('throws.js')]);
        assert.equal(result.code, 1, result.stderr);
        // An uncaught exception ends a Node program with code 1.
        assert.deepEqual(flamelensLines(result.stderr), [`flamelens: The program exited with code 1; profile saved to ${out}.`]);
        assert.match(result.stderr, /Error: throws: deliberate crash/, "the program's own error must reach the user");
        assert.ok(fs.existsSync(out));
      });

      it('fails with exit code 1 and one line, no stack, for a script that does not exist', async () => {
        const missing = path.join(temp.dir, 'no-such-script.js');
        const out = path.join(temp.dir, 'missing.cpuprofile');
        const result = await runCli(['record', '--out', out, '--', binary, missing]);
        assert.equal(result.code, 1, result.stderr);
        assert.equal(result.stderr.trim(), `flamelens: The program exited with code 1 because its script "${missing}" does not exist; nothing was profiled.`);
        assert.doesNotMatch(result.stderr, stackLine);
        assert.ok(!fs.existsSync(out), "no profile of Node's start-up may be saved");
      });

      it("keeps Node's debugger messages out of the program's output, and nothing else", async () => {
        const result = await runCli(['record', '--', binary, app('prints-stderr.js')]);
        assert.equal(result.code, 0, result.stderr);
        for (const line of nodeDebuggerLines) {
          assert.doesNotMatch(result.stderr, line);
          assert.doesNotMatch(result.stdout, line);
        }
        // Every line the program wrote, in its order, a partial line included.
        const programLines = result.stderr.split('\n').filter((l) => l.startsWith('program:') || l.startsWith('Debugger attached. (but'));
        assert.deepEqual(programLines, [
          'program: first stderr line',
          'program: no newline yet... done',
          'Debugger attached. (but said by the program, with more text)',
        ]);
        assert.match(result.stdout, /^program: stdout line$/m);
      });

      it('counts the worker threads that ran, in the saved profile and on the console', async () => {
        const out = path.join(temp.dir, 'workers.cpuprofile');
        const result = await runCli(['record', '--out', out, '--', binary, app('worker-burn.js')]);
        assert.equal(result.code, 0, result.stderr);
        // worker-burn.js starts exactly two workers, both while it is recorded.
        assert.equal(readJson(out).$flamelens.workerThreads, 2);
        assert.match(result.stderr, /^2 worker threads ran during the recording; they are not in this profile \(FlameLens profiles the main thread\)\.$/m);
      });
    });
  }

  it('measures a 50 ms script to its last activity, without our frames', async () => {
    const out = path.join(temp.dir, 'short.cpuprofile');
    const result = await runCli(['record', '--out', out, '--', 'node', app('short-busy.js')]);
    assert.equal(result.code, 0, result.stderr);
    const busyMs = Number(/busy-ms ([\d.]+)/.exec(result.stdout)?.[1]);
    assert.ok(busyMs >= 50, result.stdout);
    const saved = readJson(out);
    const byId = new Map<number, any>(saved.nodes.map((n: any) => [n.id, n]));
    for (const node of saved.nodes) {
      assert.ok(!/bootloader\.js$/.test(node.callFrame.url), `our bootloader is in the profile: ${JSON.stringify(node.callFrame)}`);
      assert.notEqual(node.callFrame.functionName, 'waitForDebugger');
    }
    // The recording ends at the program's last busy sample: no idle tail is counted.
    const lastName = byId.get(saved.samples.at(-1)).callFrame.functionName;
    assert.ok(!['(idle)', '(program)'].includes(lastName), `the profile ends with ${lastName}`);
    assert.ok(saved.nodes.some((n: any) => n.callFrame.functionName === 'burn'));
    // No waiting is counted as the program's time: the script never waits, so idle samples
    // (the tail between its end and our noticing, 35–58 % before) stay far below its work.
    // (Start-up before the busy loop is real CPU time that a loaded machine stretches: no bound on it here.)
    let idleUs = 0;
    saved.samples.forEach((id: number, i: number) => {
      if (byId.get(id).callFrame.functionName === '(idle)') idleUs += saved.timeDeltas[i + 1] ?? 0;
    });
    assert.ok(idleUs / 1000 < busyMs / 2, `${idleUs / 1000} ms idle in the profile of ${busyMs} ms of work`);
  });

  it('does not publish the inspector URL on /json/list while recording', async () => {
    const run = startCli(['record', '--', 'node', app('runs-forever.js')]);
    try {
      // The program reads its own inspector URL (FlameLens no longer prints it anywhere).
      const url = new URL((await waitForOutput(run.child.stdout!, /inspector (ws:\/\/\S+)/))[1]);
      const sessionId = url.pathname.slice(1);
      // Node answers 200 with the targets when it publishes them, 404 when it does not.
      for (const endpoint of ['/json/list', '/json']) {
        const body = await (await fetch(`http://127.0.0.1:${url.port}${endpoint}`)).text();
        assert.doesNotMatch(body, /webSocketDebuggerUrl/, `${endpoint} publishes: ${body}`);
        assert.ok(!body.includes(sessionId), `${endpoint} publishes the session id: ${body}`);
      }
    } finally {
      run.child.kill('SIGINT');
      await run.done;
    }
  });
});
