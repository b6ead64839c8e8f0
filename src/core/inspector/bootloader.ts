/**
 * Preloaded (`--require`, through NODE_OPTIONS) into every Node process that a launched
 * command starts. The first process that runs the user's program opens its inspector on
 * 127.0.0.1 with a random port, reports the URL to FlameLens through a file, and waits
 * until the profiler is started, so even a script that ends in milliseconds is profiled
 * from its first line. Launchers (npm, npx, yarn, pnpm, tsx's supervisor) are skipped:
 * they are not the program. Children of the program run untouched.
 *
 * Once claimed, the program also reports through the file how it ended (its exit code),
 * and ends itself when FlameLens is gone (killed, crashed): a program we launched with an
 * open inspector must not outlive us.
 *
 * Kept free of project imports (but keepTranspiledLines.ts and exitGrace.ts beside it): it runs inside the user's process.
 */
import * as fs from 'node:fs';
import * as inspector from 'node:inspector';
import * as path from 'node:path';
import { isMainThread } from 'node:worker_threads';
import { exitGraceMs } from './exitGrace';
import { keepTranspiledLines } from './keepTranspiledLines';

const reportFile = process.env.FLAMELENS_REPORT_FILE;
const claimedMarker = 'FLAMELENS_TARGET_CLAIMED';

// Scripts that only start another Node process; matched on the real and the given path.
const launcherScripts = [
  /[\\/]node_modules[\\/]npm[\\/]bin[\\/]/,
  /[\\/]node_modules[\\/](corepack|yarn|pnpm|nodemon)[\\/]/,
  /[\\/]\.yarn[\\/]releases[\\/]/,
  /[\\/]node_modules[\\/]tsx[\\/]dist[\\/]cli\.(c|m)?js$/,
  /[\\/]node_modules[\\/]\.bin[\\/](npm|npx|yarn|pnpm|tsx|nodemon|corepack)$/,
];

function isLauncher(script: string | undefined): boolean {
  if (!script) return false;
  let real = script;
  try {
    real = fs.realpathSync(script);
  } catch {
    // Not a file (e.g. `node -e`): it is the program.
  }
  return launcherScripts.some((pattern) => pattern.test(script) || pattern.test(real));
}

/**
 * True only when nothing Node or a loader could run is there: no file by that name, with
 * any extension, nor a folder. Loaders (tsx, ts-node) resolve `app` to `app.ts`, so a
 * missing extension alone proves nothing.
 */
function scriptIsMissing(script: string | undefined): boolean {
  if (!script || script === '-' || !path.isAbsolute(script)) return false;
  if (fs.existsSync(script)) return false;
  try {
    const base = path.basename(script);
    return !fs.readdirSync(path.dirname(script)).some((name) => name.startsWith(base + '.'));
  } catch {
    return true; // Its folder does not exist either.
  }
}

function report(line: object): void {
  try {
    fs.appendFileSync(reportFile!, JSON.stringify(line) + '\n');
  } catch {
    // FlameLens is gone and its folder with it: nothing to tell.
  }
}

/** How often the program looks whether FlameLens is still there. */
const launcherPollMs = 500;

/** Ends the program when FlameLens, which would otherwise end it, has disappeared. */
function endWhenLauncherGoes(launcherPid: number): void {
  const timer = setInterval(() => {
    try {
      process.kill(launcherPid, 0);
      return;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'EPERM') return; // Alive, another user's pid now: keep going.
    }
    clearInterval(timer);
    inspector.close();
    // FlameLens cannot remove its launch folder any more: the report file is ours to clean up.
    const folder = path.dirname(reportFile!);
    if (path.basename(folder).startsWith('flamelens-launch-')) fs.rmSync(folder, { recursive: true, force: true });
    // As FlameLens itself would end it: SIGTERM lets the program shut down, SIGKILL insists.
    setTimeout(() => process.kill(process.pid, 'SIGKILL'), exitGraceMs).unref();
    process.kill(process.pid, 'SIGTERM');
  }, launcherPollMs);
  timer.unref(); // Never what keeps the program alive.
}

if (reportFile && isMainThread && !process.env[claimedMarker] && !isLauncher(process.argv[1])) {
  process.env[claimedMarker] = String(process.pid);
  // Children of the program start as they would without FlameLens.
  const before = process.env.FLAMELENS_NODE_OPTIONS_BEFORE;
  if (before) process.env.NODE_OPTIONS = before;
  else delete process.env.NODE_OPTIONS;
  if (scriptIsMissing(process.argv[1])) {
    // Node would print a stack trace for it; FlameLens says it in one line instead.
    report({ pid: process.pid, missingScript: process.argv[1], exitCode: 1 });
    process.exit(1);
  }
  process.on('exit', (exitCode) => report({ exitCode }));
  // tsx would put each module on one line, where V8's line ticks can tell nothing apart.
  keepTranspiledLines();
  const launcherPid = Number(process.env.FLAMELENS_LAUNCHER_PID);
  if (launcherPid > 0) endWhenLauncherGoes(launcherPid);
  inspector.open(0, '127.0.0.1', false);
  report({ pid: process.pid, webSocketUrl: inspector.url(), argv: process.argv, cwd: process.cwd() });
  inspector.waitForDebugger();
}
