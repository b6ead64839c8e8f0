// `flamelens attach` against running processes: by pid (no --inspect), by address, and failures.
import * as assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import * as net from 'node:net';
import * as path from 'node:path';
import { fixtureApps } from '../support/paths';
import { readJson, runCli, startCli, tempDir } from '../support/runCli';
import { startTarget, type RunningTarget } from '../support/targets';

const busyServer = path.join(fixtureApps, 'busy-server.js');
/** SIGUSR1 then opens the inspector on a random port: 9229 may be held by anything on the machine. */
const noInspectorYet = ['--inspect-port=0'];

describe('flamelens attach', function () {
  this.timeout(60_000);
  let temp: ReturnType<typeof tempDir>;
  let target: RunningTarget | undefined;
  beforeEach(() => (temp = tempDir()));
  afterEach(() => {
    target?.kill();
    target = undefined;
    temp.remove();
  });

  it('attaches by pid to a process started without --inspect, and leaves it running', async function () {
    if (process.platform === 'win32') this.skip(); // SIGUSR1 path; Windows uses _debugProcess, not run in CI.
    target = await startTarget(busyServer, noInspectorYet);
    const json = path.join(temp.dir, 'summary.json');
    const result = await runCli(['attach', String(target.pid), '--duration', '1', '--json', json]);
    assert.equal(result.code, 0, result.stderr);
    const summary = readJson(json);
    assert.ok(
      summary.hotFunctions.some((f: any) => f.name === 'handleRequest'),
      JSON.stringify(summary.hotFunctions.slice(0, 3)),
    );
    assert.equal(target.child.exitCode, null, 'the target must keep running');
  });

  it('attaches by host:port to a process started with --inspect', async () => {
    target = await startTarget(busyServer, ['--inspect=127.0.0.1:0']);
    const port = /ws:\/\/127\.0\.0\.1:(\d+)\//.exec((target as any).stderr())?.[1];
    assert.ok(port, 'no inspector port printed');
    const json = path.join(temp.dir, 'summary.json');
    const result = await runCli(['attach', `127.0.0.1:${port}`, '--duration', '1', '--json', json]);
    assert.equal(result.code, 0, result.stderr);
    assert.ok(readJson(json).hotFunctions.some((f: any) => f.name === 'handleRequest'));
  });

  it('says clearly when the target is killed mid-capture, and does not hang', async () => {
    target = await startTarget(busyServer, noInspectorYet);
    const run = startCli(['attach', String(target.pid), '--out', path.join(temp.dir, 'never.cpuprofile')]);
    await run.waitForStderr(/press Ctrl\+C to stop/);
    target.kill('SIGKILL');
    const result = await run.done;
    assert.equal(result.code, 1);
    assert.match(result.stderr, /exited or closed the inspector connection while the CPU profile was being recorded; nothing was saved/);
    assert.doesNotMatch(result.stderr, /\n\s+at /, 'no stack trace');
  });

  it('rejects an unknown pid with exit code 2', async () => {
    const result = await runCli(['attach', '999999', '--duration', '1']);
    assert.equal(result.code, 2);
    assert.match(result.stderr, /No process with id 999999 is running/);
  });

  it('rejects an address where nothing listens with exit code 2', async () => {
    const server = net.createServer();
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const port = (server.address() as net.AddressInfo).port;
    await new Promise((resolve) => server.close(resolve));
    const result = await runCli(['attach', `127.0.0.1:${port}`, '--duration', '1']);
    assert.equal(result.code, 2);
    assert.match(result.stderr, /Nothing is listening for an inspector at 127\.0\.0\.1:\d+/);
  });

  it('refuses a non-loopback inspector without --allow-remote', async () => {
    const result = await runCli(['attach', '10.1.2.3:9229', '--duration', '1']);
    assert.equal(result.code, 2);
    assert.match(result.stderr, /--allow-remote/);
  });

  it('refuses to signal a process that is not Node.js', async function () {
    if (process.platform !== 'linux') this.skip(); // The check reads /proc/<pid>/exe.
    const sleeper = spawn('sleep', ['30'], { stdio: 'ignore' });
    try {
      const result = await runCli(['attach', String(sleeper.pid), '--duration', '1']);
      assert.equal(result.code, 2, result.stderr);
      assert.match(result.stderr, /runs .*sleep, not Node\.js/);
      assert.equal(sleeper.exitCode, null, 'SIGUSR1 would have killed it');
    } finally {
      sleeper.kill('SIGKILL');
    }
  });
});
