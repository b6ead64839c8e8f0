// Faults around a launch: Ctrl+C while `record` is still starting the program, FlameLens
// killed outright while recording, and an install folder whose path needs quoting in
// NODE_OPTIONS. In each, nothing may be left behind: no program, no open inspector, no
// temp folder.
import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { quoteNodeOption } from '../../src/core/inspector/launch';
import { fixtureApps, repoRoot } from '../support/paths';
import { readJson, runCli, startCli, tempDir } from '../support/runCli';

const runsForever = path.join(fixtureApps, 'lifecycle', 'runs-forever.js');
const builtBootloader = path.join(repoRoot, 'out', 'src', 'core', 'inspector', 'bootloader.js');

/** Pids of live processes whose command line contains `marker`. */
function processesWith(marker: string): number[] {
  const pids: number[] = [];
  for (const entry of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      if (fs.readFileSync(`/proc/${entry}/cmdline`, 'utf8').includes(marker)) pids.push(Number(entry));
    } catch {
      // Gone meanwhile.
    }
  }
  return pids;
}

function isRunning(pid: number): boolean {
  try {
    // A zombie has exited: only its exit status waits for its parent.
    return !/^State:\s+Z/m.test(fs.readFileSync(`/proc/${pid}/status`, 'utf8'));
  } catch {
    return false;
  }
}

async function eventually(check: () => boolean, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (check()) return true;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return check();
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('flamelens record: faults during a launch', function () {
  this.timeout(60_000);
  let temp: ReturnType<typeof tempDir>;
  const leftovers: number[] = [];
  beforeEach(() => (temp = tempDir()));
  afterEach(() => {
    for (const pid of leftovers.splice(0)) {
      try {
        process.kill(pid, 'SIGKILL'); // a failed test must not leave its program behind
      } catch {
        // Already gone.
      }
    }
    temp.remove();
  });

  // Two moments while launching: as soon as the launch's temp folder exists (the program is
  // being started or waits for us), and at a fixed early time (on a fast machine this one can
  // come before the CLI has loaded: then it dies by the signal, which a shell also reports as 130).
  for (const when of ['as the launch begins', 'at 100 ms'] as const) {
    it(`Ctrl+C ${when}: exit 130, one line, no program and no temp folder left`, async () => {
      const tmp = path.join(temp.dir, 'tmp');
      fs.mkdirSync(tmp);
      const marker = `flamelens-marker-${process.pid}-${Date.now()}`;
      const run = startCli(['record', '--', 'node', runsForever, marker], { env: { TMPDIR: tmp } });
      if (when === 'at 100 ms') await sleep(100);
      else assert.ok(await eventually(() => fs.readdirSync(tmp).some((f) => f.startsWith('flamelens-launch-')), 20_000), 'the launch never began');
      run.child.kill('SIGINT');
      const result = await run.done;
      leftovers.push(...processesWith(marker));
      // 130 is how a shell reports an interrupted command (also when the signal came before any handler).
      assert.ok(result.code === 130 || run.child.signalCode === 'SIGINT', `exit ${result.code} ${run.child.signalCode}; ${result.stderr}`);
      assert.ok(flamelensLinesAtMost1(result.stderr), result.stderr);
      assert.ok(await eventually(() => processesWith(marker).length === 0, 5000), `still running: ${processesWith(marker).join(', ')}`);
      assert.deepEqual(fs.readdirSync(tmp), [], 'temp folders left behind');
    });
  }

  it('a program launched by a CLI that is killed (SIGKILL) ends within seconds, and cleans up', async () => {
    const tmp = path.join(temp.dir, 'tmp');
    fs.mkdirSync(tmp);
    const marker = `flamelens-marker-${process.pid}-${Date.now()}`;
    const run = startCli(['record', '--', 'node', runsForever, marker], { env: { TMPDIR: tmp } });
    const started = await run.waitForStderr(/\(pid (\d+)\); press Ctrl\+C/);
    const pid = Number(/\(pid (\d+)\)/.exec(started)![1]);
    leftovers.push(pid);
    assert.ok(isRunning(pid), 'the program is not running');
    run.child.kill('SIGKILL');
    await run.done;
    assert.ok(await eventually(() => !isRunning(pid), 15_000), `the program (pid ${pid}) outlived FlameLens`);
    assert.deepEqual(fs.readdirSync(tmp), [], 'temp folders left behind');
  });

  it('quotes the bootloader path in NODE_OPTIONS (spaces, double quotes, backslashes)', () => {
    const dir = path.join(temp.dir, 'Flame Lens "quoted" \\back\\slash\\');
    fs.mkdirSync(dir);
    const script = path.join(dir, 'preload.js');
    fs.writeFileSync(script, 'process.stdout.write("preloaded")');
    const printed = execFileSync(process.execPath, ['-e', ''], {
      env: { ...process.env, NODE_OPTIONS: `--require ${quoteNodeOption(script)}` },
      encoding: 'utf8',
    });
    assert.equal(printed, 'preloaded');
  });

  it('records with the bootloader installed under such a path', async () => {
    const dir = path.join(temp.dir, 'Flame Lens "quoted" \\back\\slash\\');
    fs.mkdirSync(dir);
    const bootloader = path.join(dir, 'bootloader.js');
    // The real bootloader, plus one line that proves this copy is the one Node loaded.
    const mark = path.join(temp.dir, 'loaded.txt');
    fs.writeFileSync(bootloader, fs.readFileSync(builtBootloader, 'utf8') + `\nrequire('fs').writeFileSync(${JSON.stringify(mark)}, 'yes');\n`);
    // The modules the bootloader loads beside it (webpack bundles them into one file for the extension).
    for (const sibling of ['keepTranspiledLines.js', 'exitGrace.js'])
      fs.copyFileSync(path.join(path.dirname(builtBootloader), sibling), path.join(dir, sibling));
    const out = path.join(temp.dir, 'quoted.cpuprofile');
    const program = path.join(fixtureApps, 'lifecycle', 'short-busy.js');
    const result = await runCli(['record', '--out', out, '--', 'node', program], { env: { FLAMELENS_TEST_BOOTLOADER: bootloader } });
    assert.equal(result.code, 0, result.stderr);
    assert.equal(fs.readFileSync(mark, 'utf8'), 'yes');
    assert.ok(readJson(out).nodes.some((n: any) => n.callFrame.functionName === 'burn'));
  });
});

function flamelensLinesAtMost1(stderr: string): boolean {
  return stderr.split('\n').filter((line) => line.startsWith('flamelens:')).length <= 1;
}
