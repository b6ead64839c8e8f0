// Issue 8: the right function and line on real programs, on every supported Node version.
// Each fixture (test/fixtures/apps/attribution) is built so that one named function does most of
// the work (attributionTruth.ts); the real CLI records or attaches to it on Node 20, 22, 24 and 26
// (test/setup/nodeVersions.js installs them), and the summary must name that function, in its
// original file, on its own lines, with at least its share — and no figure above 100 %.
import * as assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { attributionProblems, type AttributionSummary } from '../support/attributionChecks';
import { attributionApps, attributionShapes, pctTolerance, workerProgram, type ShapeTruth } from '../support/attributionTruth';
import { nodeVersions, type NodeVersion } from '../support/nodeVersions';
import { repoRoot } from '../support/paths';
import { readJson, runCli, startCli, tempDir, type CliResult, type CliRun } from '../support/runCli';

const tsxCli = path.join(repoRoot, 'node_modules', 'tsx', 'dist', 'cli.mjs');
/** How long each program works (ms): 1–2 s of sampling per recording keeps the suite short. */
const workMs = '1200';

/** The command (run on `node`) that runs a shape's program, and where; undefined when that Node cannot run it. */
function programOf(id: string, node: NodeVersion): { cwd: string; command: string[]; env?: NodeJS.ProcessEnv } | undefined {
  const at = (...parts: string[]) => path.join(attributionApps, ...parts);
  switch (id) {
    case 'ts-inline':
      return { cwd: at('ts-inline'), command: [node.binary, 'dist/server.js'], env: { WARMUP_MS: '300' } };
    case 'osr-toplevel':
      return { cwd: at('osr-toplevel'), command: [node.binary, 'main.js'] };
    case 'line-one':
      return { cwd: at('line-one'), command: [node.binary, 'line-one.js'] };
    case 'bundle':
      return { cwd: at('bundle'), command: [node.binary, 'dist/bundle.js'] };
    case 'minified-dep':
      return { cwd: at('minified-dep'), command: [node.binary, 'app.js'] };
    case 'ts-tsx':
      // tsx's own CLI run by this Node (node_modules/.bin/tsx would pick the machine's node).
      // Runs 2 s: tsx's start-up (esbuild, its loader thread) takes up to a second of the recording.
      return { cwd: at('ts-strip'), command: [node.binary, tsxCli, 'app.ts'], env: { FIXTURE_MS: '2000' } };
    case 'ts-strip':
      // Node 20 has no type stripping; 22.18+ strips types by default (22.23 here, no flag needed).
      return node.major >= 22 ? { cwd: at('ts-strip'), command: [node.binary, 'app.ts'] } : undefined;
    case 'short':
      return { cwd: at('short'), command: [node.binary, 'short-script.js'], env: { FIXTURE_MS: '50' } };
    case 'exit-three':
      return { cwd: at('failing'), command: [node.binary, 'exit-three.js'], env: { FIXTURE_MS: '800' } };
    case 'throws':
      return { cwd: at('failing'), command: [node.binary, 'throws.js'], env: { FIXTURE_MS: '800' } };
    default:
      return undefined; // ts-inline-attach is attached to, not launched (below).
  }
}

/**
 * The summary of a recording. Programs that fail (exit 3, throw) may make `record` exit non-zero
 * (that contract is tested in record.test.ts); the attribution is then read from the saved profile.
 */
async function summaryOf(result: CliResult, json: string, out: string): Promise<AttributionSummary> {
  if (fs.existsSync(json)) return readJson(json);
  assert.ok(fs.existsSync(out), `no profile was saved (exit ${result.code}):\n${result.stderr}`);
  const report = await runCli(['report', out, '--json', json]);
  assert.equal(report.code, 0, report.stderr);
  return readJson(json);
}

function assertAttribution(summary: AttributionSummary, truth: ShapeTruth, major: number): void {
  const problems = attributionProblems(summary, truth, major);
  const top = summary.hotFunctions.slice(0, 4).map((f) => `${f.name} ${path.relative(repoRoot, f.file)}:${f.line} ${f.selfPct}/${f.totalPct} %`);
  assert.deepEqual(problems, [], `Node ${major}, ${truth.description}:\n  ${problems.join('\n  ')}\n  top functions: ${top.join('; ')}`);
}

/** Starts `binary script` in `cwd` and resolves once it printed "ready". */
async function startReadyProgram(binary: string, script: string, cwd: string): Promise<ChildProcess> {
  const child = spawn(binary, [script], { cwd, stdio: ['ignore', 'pipe', 'pipe'] });
  let stderr = '';
  child.stderr!.on('data', (chunk) => (stderr += chunk));
  await new Promise<void>((resolve, reject) => {
    let stdout = '';
    child.stdout!.on('data', (chunk) => {
      stdout += chunk;
      if (/ready/.test(stdout)) resolve();
    });
    child.once('exit', (code) => reject(new Error(`${script} exited (${code}) before it was ready: ${stderr}`)));
  });
  return child;
}

const delay = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms).unref());

let versions: NodeVersion[] = [];
let missingVersions: Error | undefined;
try {
  versions = nodeVersions();
} catch (error) {
  missingVersions = error as Error;
}

describe('attribution on real programs, on every supported Node (issue 8)', function () {
  this.timeout(60_000);
  let temp: ReturnType<typeof tempDir>;
  let server: ChildProcess | undefined;
  let cli: CliRun | undefined;
  beforeEach(() => (temp = tempDir()));
  afterEach(async () => {
    // A CLI that never finished (a test that failed on it) is stopped as a user would, with
    // Ctrl+C, which also ends the program it launched; the long-running server is killed.
    if (cli && cli.child.exitCode === null && cli.child.signalCode === null) {
      cli.child.kill('SIGINT');
      const stopped = await Promise.race([cli.done.then(() => true), delay(5_000).then(() => false)]);
      if (!stopped) cli.child.kill('SIGKILL');
    }
    cli = undefined;
    if (server?.exitCode === null) server.kill('SIGKILL');
    server = undefined;
    temp.remove();
  });

  /** Runs the CLI; fails (instead of hanging the suite) when it has not finished after `limitMs`. */
  async function cliRun(args: string[], options: { cwd?: string; env?: NodeJS.ProcessEnv }, limitMs = 45_000): Promise<CliResult> {
    cli = startCli(args, options);
    const result = await Promise.race([cli.done, delay(limitMs).then(() => undefined)]);
    assert.ok(result, `"flamelens ${args.join(' ')}" had not finished ${limitMs / 1000} s later`);
    return result;
  }

  if (missingVersions) {
    it('has every Node version of the matrix installed', () => {
      throw missingVersions;
    });
  }

  for (const node of versions) {
    describe(`Node ${node.major}`, () => {
      for (const truth of attributionShapes()) {
        const program = programOf(truth.id, node);
        if (!program) continue; // Not a program this Node can run (see programOf), or attached to below.
        it(`${truth.description}: ${truth.hot.name} in ${path.basename(truth.hot.file)}`, async () => {
          const json = path.join(temp.dir, 'summary.json');
          const out = path.join(temp.dir, 'profile.cpuprofile');
          const result = await cliRun(['record', '--json', json, '--out', out, '--', ...program.command], {
            cwd: program.cwd,
            env: { FIXTURE_MS: workMs, ...program.env },
          });
          assertAttribution(await summaryOf(result, json, out), truth, node.major);
        });
      }

      it('compiled TypeScript attached to late (the helper already inlined): mix in mix.ts', async function () {
        if (process.platform === 'win32') this.skip(); // Attaching by pid sends SIGUSR1; Windows is not in CI.
        const truth = attributionShapes().find((s) => s.id === 'ts-inline-attach')!;
        server = await startReadyProgram(node.binary, 'dist/server.js', path.join(attributionApps, 'ts-inline'));
        const json = path.join(temp.dir, 'summary.json');
        const result = await cliRun(['attach', String(server.pid), '--duration', '1', '--json', json], {});
        assert.equal(result.code, 0, result.stderr);
        assertAttribution(readJson(json), truth, node.major);
      });

      it("a worker thread burning CPU: its time is not given to the main thread's code, no figure above 100 %", async () => {
        const json = path.join(temp.dir, 'summary.json');
        const out = path.join(temp.dir, 'profile.cpuprofile');
        const result = await cliRun(['record', '--json', json, '--out', out, '--', node.binary, workerProgram.script], {
          env: { FIXTURE_MS: '2500' },
        });
        const summary = await summaryOf(result, json, out);
        // The worker's function runs in another isolate: it cannot be in the main thread's profile.
        assert.ok(!summary.hotFunctions.some((f) => f.name === workerProgram.workerFunction), 'the worker function is in the main thread');
        for (const f of summary.hotFunctions) {
          assert.ok(f.selfPct <= 100 + pctTolerance && f.totalPct <= 100 + pctTolerance, `${f.name}: ${f.selfPct} / ${f.totalPct} %`);
          // The program's own code on the main thread only starts the worker and waits: far less
          // than the worker's 2.5 s of burning, which would be all of it if it were given to the
          // main thread. (Starting a worker is real main-thread time, long on a loaded machine,
          // so a share of the recording is no test here.)
          if (f.file === workerProgram.script) {
            assert.ok(f.selfMs <= workerProgram.maxMainThreadFunctionMs, `${f.name} has ${f.selfMs} ms of a main thread that only waits`);
          }
        }
      });
    });
  }
});
