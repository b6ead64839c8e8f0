/**
 * Preloaded (`--require`, through NODE_OPTIONS) into every Node process that a launched
 * command starts. The first process that runs the user's program opens its inspector on
 * 127.0.0.1 with a random port, reports the URL to FlameLens through a file, and waits
 * until the profiler is started, so even a script that ends in milliseconds is profiled
 * from its first line. Launchers (npm, npx, yarn, pnpm, tsx's supervisor) are skipped:
 * they are not the program. Children of the program inherit the "claimed" marker and
 * run untouched.
 *
 * Kept free of project imports: it runs inside the user's process.
 */
import * as fs from 'node:fs';
import * as inspector from 'node:inspector';
import { isMainThread } from 'node:worker_threads';

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

if (reportFile && isMainThread && !process.env[claimedMarker] && !isLauncher(process.argv[1])) {
  process.env[claimedMarker] = String(process.pid);
  inspector.open(0, '127.0.0.1', false);
  const report = { pid: process.pid, webSocketUrl: inspector.url(), argv: process.argv, cwd: process.cwd() };
  fs.appendFileSync(reportFile, JSON.stringify(report) + '\n');
  inspector.waitForDebugger();
}
