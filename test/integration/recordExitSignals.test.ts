// A process that ends while it is being recorded keeps what was recorded, on every supported
// Node: one that exits by itself, one that a signal ends from outside (kill, Ctrl+C in its own
// terminal, docker stop), attached by pid and launched; one killed with SIGKILL keeps its memory
// timeline (V8 cannot hand over the CPU profile of a process that is gone); FlameLens' signal listener changes
// nothing for a program that handles the signal itself, nor stays behind after a stopped recording.
import * as assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { nodeVersions } from '../support/nodeVersions';
import { readJson, startCli as startCliRun, tempDir, type CliRun } from '../support/runCli';

/**
 * The target: busy on a timer, says `ready <pid>`, prints how many SIGTERM listeners it has
 * whenever that changes, exits by itself after EXIT_AFTER_MS when set, and handles SIGTERM
 * itself when OWN_HANDLER is set.
 */
const targetSource = `
function work() { let x = 0; for (let i = 0; i < 1e5; i++) x += Math.sqrt(i); return x; }
let listeners = -1;
const started = Date.now();
if (process.env.OWN_HANDLER) process.on('SIGTERM', () => { console.log('own handler ran'); process.exit(7); });
setInterval(() => {
  const t0 = Date.now();
  while (Date.now() - t0 < 10) work();
  const now = process.listenerCount('SIGTERM');
  if (now !== listeners) console.log('listeners ' + (listeners = now));
  if (process.env.EXIT_AFTER_MS && Date.now() - started > Number(process.env.EXIT_AFTER_MS)) process.exit(0);
}, 20);
console.log('ready ' + process.pid);
`;

interface Target {
  readonly child: ChildProcess;
  readonly exit: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  stdout(): string;
  waitFor(pattern: RegExp, timeoutMs?: number): Promise<void>;
}

function startTarget(binary: string, script: string, env: NodeJS.ProcessEnv = {}): Target {
  const child = spawn(binary, ['--inspect-port=0', script], { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  child.stdout!.on('data', (chunk) => (stdout += chunk));
  child.stderr!.resume();
  const exit = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.once('exit', (code, signal) => resolve({ code, signal })),
  );
  return { child, exit, stdout: () => stdout, waitFor: (pattern, timeoutMs) => waitFor(() => stdout, pattern, timeoutMs) };
}

async function waitFor(text: () => string, pattern: RegExp, timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!pattern.test(text())) {
    if (Date.now() > deadline) throw new Error(`never printed ${pattern}; printed:\n${text()}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** The saved profile's sample count, checked against the file itself. */
function samplesIn(file: string): number {
  assert.ok(fs.existsSync(file), `${file} was not saved`);
  return (readJson(file).samples ?? []).length;
}

const cutShort = (who: string, how: string) => new RegExp(`The ${who} ${how} after \\d+(\\.\\d+)? (ms|s) of recording; its profile up to then is kept\\.`);

describe('recording a process that ends mid-recording', function () {
  this.timeout(60_000);
  let temp: ReturnType<typeof tempDir>;
  let script: string;
  const targets: Target[] = [];
  const runs: CliRun[] = [];
  /** A CLI run that is ended (as by Ctrl+C) if the test fails while it runs. */
  const startCli = (args: string[]) => {
    const run = startCliRun(args);
    runs.push(run);
    return run;
  };
  beforeEach(() => {
    temp = tempDir();
    script = path.join(temp.dir, 'target.js');
    fs.writeFileSync(script, targetSource);
  });
  afterEach(() => {
    for (const run of runs.splice(0)) if (run.child.exitCode === null && run.child.signalCode === null) run.child.kill('SIGINT');
    for (const target of targets.splice(0)) if (target.child.exitCode === null && target.child.signalCode === null) target.child.kill('SIGKILL');
    temp.remove();
  });

  for (const { major, binary } of nodeVersions()) {
    describe(`on Node ${major}`, () => {
      it('attached by pid, killed with SIGTERM: keeps the profile and the timeline, says it was cut short, and the process still ends by SIGTERM', async function () {
        if (process.platform === 'win32') this.skip(); // POSIX signals from outside: Windows cannot send SIGTERM/SIGINT to a Node process
        const target = startTarget(binary, script);
        targets.push(target);
        await target.waitFor(/ready \d+/);
        const out = path.join(temp.dir, 'killed.cpuprofile');
        const run = startCli(['attach', String(target.child.pid), '--memory', '--out', out]);
        await run.waitForStderr(/press Ctrl\+C to stop/);
        await target.waitFor(/listeners 1/);
        await new Promise((resolve) => setTimeout(resolve, 1000));
        target.child.kill('SIGTERM');
        const result = await run.done;
        assert.equal(result.code, 0, result.stderr);
        assert.match(result.stderr, cutShort('process', 'was ended by SIGTERM'));
        assert.ok(samplesIn(out) > 0, 'the saved profile has no samples');
        const timeline = readJson(out.replace(/\.cpuprofile$/, '.memory.json'));
        assert.ok(timeline.samples.length > 0, 'the saved timeline has no samples');
        // As without FlameLens: the default action of SIGTERM, not an exit code of ours.
        assert.deepEqual(await target.exit, { code: null, signal: 'SIGTERM' });
      });

      it('attached by pid, the process exits by itself: keeps the profile and says it ended', async function () {
        if (process.platform === 'win32') this.skip(); // POSIX signals from outside: Windows cannot send SIGTERM/SIGINT to a Node process
        const target = startTarget(binary, script, { EXIT_AFTER_MS: '4000' });
        targets.push(target);
        await target.waitFor(/ready \d+/);
        const out = path.join(temp.dir, 'exited.cpuprofile');
        const result = await startCli(['attach', String(target.child.pid), '--out', out]).done;
        assert.equal(result.code, 0, result.stderr);
        assert.match(result.stderr, cutShort('process', 'ended'));
        assert.ok(samplesIn(out) > 0, 'the saved profile has no samples');
        assert.deepEqual(await target.exit, { code: 0, signal: null });
      });

      it('attached by pid, killed with SIGKILL: the CPU profile cannot be handed over, the memory timeline is kept, and it says so', async function () {
        if (process.platform === 'win32') this.skip(); // POSIX signals from outside: Windows cannot send SIGTERM/SIGINT to a Node process
        const target = startTarget(binary, script);
        targets.push(target);
        await target.waitFor(/ready \d+/);
        const out = path.join(temp.dir, 'sigkill.cpuprofile');
        const run = startCli(['attach', String(target.child.pid), '--memory', '--out', out]);
        await run.waitForStderr(/press Ctrl\+C to stop/);
        await new Promise((resolve) => setTimeout(resolve, 1500));
        target.child.kill('SIGKILL');
        const result = await run.done;
        assert.equal(result.code, 1, result.stderr);
        assert.match(result.stderr, /after \d+(\.\d+)? (ms|s) of recording, so its CPU profile is lost .*; the memory timeline up to then is kept\./);
        assert.ok(!fs.existsSync(out), 'no CPU profile can exist');
        const timeline = readJson(out.replace(/\.cpuprofile$/, '.memory.json'));
        assert.ok(timeline.samples.length > 0, 'the saved timeline has no samples');
      });

      it('launched, killed with SIGTERM: keeps the profile and says it was cut short', async () => {
        const out = path.join(temp.dir, 'launched.cpuprofile');
        const run = startCli(['record', '--out', out, '--', binary, script]);
        let stdout = '';
        run.child.stdout!.on('data', (chunk) => (stdout += chunk));
        await run.waitForStderr(/press Ctrl\+C to stop/);
        await waitFor(() => stdout, /ready \d+[\s\S]*listeners 1/);
        const pid = Number(/ready (\d+)/.exec(stdout)?.[1]);
        await new Promise((resolve) => setTimeout(resolve, 1000));
        process.kill(pid, 'SIGTERM');
        const result = await run.done;
        assert.equal(result.code, 0, result.stderr);
        assert.match(result.stderr, cutShort('program', 'was ended by SIGTERM'));
        assert.ok(samplesIn(out) > 0, 'the saved profile has no samples');
      });

      it("leaves a program's own SIGTERM handler in charge, and removes its listener after a stopped recording", async function () {
        if (process.platform === 'win32') this.skip(); // POSIX signals from outside: Windows cannot send SIGTERM/SIGINT to a Node process
        const stopped = startTarget(binary, script);
        targets.push(stopped);
        await stopped.waitFor(/ready \d+/);
        const first = await startCli(['attach', String(stopped.child.pid), '--duration', '1']).done;
        assert.equal(first.code, 0, first.stderr);
        await stopped.waitFor(/listeners 1[\s\S]*listeners 0/);

        const handled = startTarget(binary, script, { OWN_HANDLER: '1' });
        targets.push(handled);
        await handled.waitFor(/ready \d+/);
        const out = path.join(temp.dir, 'handled.cpuprofile');
        const run = startCli(['attach', String(handled.child.pid), '--out', out]);
        await run.waitForStderr(/press Ctrl\+C to stop/);
        await handled.waitFor(/listeners 2/);
        handled.child.kill('SIGTERM');
        assert.deepEqual(await handled.exit, { code: 7, signal: null });
        assert.match(handled.stdout(), /own handler ran/);
        const result = await run.done;
        assert.equal(result.code, 0, result.stderr);
        assert.match(result.stderr, cutShort('process', 'ended'));
        assert.ok(samplesIn(out) > 0);
      });
    });
  }
});
