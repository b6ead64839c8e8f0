/**
 * Launches a command with the inspector of its Node program open on 127.0.0.1 and a
 * random port. Works through npm/npx/tsx/ts-node chains: the bootloader (preloaded via
 * NODE_OPTIONS) finds the process that runs the program and reports it here.
 */
import { spawn, type ChildProcess, type StdioOptions } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { badInput, FlameLensError, targetFailed } from '../errors';

export interface LaunchOptions {
  readonly cwd?: string;
  readonly env?: NodeJS.ProcessEnv;
  readonly stdio?: StdioOptions;
  /** How long to wait for the program's Node process to appear. */
  readonly startTimeoutMs?: number;
}

export interface LaunchedProgram {
  /** The Node process that runs the program (may be a grandchild of the command). */
  readonly pid: number;
  readonly webSocketUrl: string;
  readonly argv: readonly string[];
  /** The command as started (npm, tsx, node, ...). */
  readonly command: ChildProcess;
  /** Resolves when the launched command exits. */
  readonly commandExited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  /** Ends the whole process group of the command. */
  terminate(signal?: NodeJS.Signals): void;
}

const bootloaderPath = path.join(__dirname, 'bootloader.js');

/** Starts `command` and resolves once its Node program waits for the profiler. */
export async function launchWithInspector(command: readonly string[], options: LaunchOptions = {}): Promise<LaunchedProgram> {
  if (command.length === 0) throw badInput('No command given. Example: flamelens record -- node server.js');
  const workDir = fs.mkdtempSync(path.join(os.tmpdir(), 'flamelens-launch-'));
  const reportFile = path.join(workDir, 'targets.jsonl');
  const env = { ...process.env, ...options.env };
  env.FLAMELENS_REPORT_FILE = reportFile;
  delete env.FLAMELENS_TARGET_CLAIMED;
  // publish-uid=http: the program's stderr stays free of the "Debugger listening" banner.
  env.NODE_OPTIONS = `${env.NODE_OPTIONS ?? ''} --require "${bootloaderPath}" --inspect-publish-uid=http`.trim();

  const isWindows = process.platform === 'win32';
  const child = spawn(command[0], command.slice(1), {
    cwd: options.cwd,
    env,
    stdio: options.stdio ?? 'inherit',
    // Own process group: Ctrl+C reaches FlameLens, which stops the profile before ending the program.
    detached: !isWindows,
    shell: isWindows,
  });
  const commandExited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => {
    child.once('exit', (code, signal) => resolve({ code, signal }));
    child.once('error', () => resolve({ code: null, signal: null }));
  });
  const spawnError = new Promise<never>((_, reject) =>
    child.once('error', (error: NodeJS.ErrnoException) =>
      reject(
        error.code === 'ENOENT'
          ? badInput(`Command not found: "${command[0]}". Check the spelling or give its full path.`)
          : targetFailed(`Could not start "${command.join(' ')}": ${error.message}`, error),
      ),
    ),
  );
  const terminate = (signal: NodeJS.Signals = 'SIGTERM') => {
    if (child.exitCode !== null || child.signalCode !== null || child.pid === undefined) return;
    try {
      if (isWindows) child.kill(signal);
      else process.kill(-child.pid, signal);
    } catch {
      // Already gone.
    }
  };

  const stopWaiting = new AbortController();
  try {
    const report = await Promise.race([
      waitForReport(reportFile, options.startTimeoutMs ?? 60_000, stopWaiting.signal),
      spawnError,
      commandExited.then(({ code, signal }) => {
        throw targetFailed(
          `"${command.join(' ')}" ended (${signal ?? `exit code ${code}`}) before a Node.js program started. Is it a Node.js command?`,
        );
      }),
    ]);
    return { ...report, command: child, commandExited, terminate };
  } catch (error) {
    terminate('SIGKILL');
    throw error;
  } finally {
    stopWaiting.abort();
    fs.rm(workDir, { recursive: true, force: true }, () => undefined);
  }
}

async function waitForReport(reportFile: string, timeoutMs: number, stop: AbortSignal) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline && !stop.aborted) {
    const text = readIfExists(reportFile);
    const firstLine = text?.split('\n')[0];
    if (firstLine && text!.includes('\n')) {
      const report = JSON.parse(firstLine) as { pid: number; webSocketUrl: string; argv: string[] };
      return { pid: report.pid, webSocketUrl: report.webSocketUrl, argv: report.argv };
    }
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  throw new FlameLensError(
    'target-failed',
    `No Node.js program started within ${Math.round(timeoutMs / 1000)} s. Is the command a Node.js program?`,
  );
}

function readIfExists(file: string): string | undefined {
  try {
    return fs.readFileSync(file, 'utf8');
  } catch {
    return undefined;
  }
}
