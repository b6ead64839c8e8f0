/**
 * Launches a command with the inspector of its Node program open on 127.0.0.1 and a
 * random port. Works through npm/npx/tsx/ts-node chains: the bootloader (preloaded via
 * NODE_OPTIONS) finds the process that runs the program and reports it here, then how
 * the program ended. The inspector's URL travels only through that private file: Node
 * is told not to publish it on /json/list, where any local user could find it.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { Readable } from 'node:stream';
import { StringDecoder } from 'node:string_decoder';
import { pathToFileURL } from 'node:url';
import { badInput, FlameLensError, targetFailed } from '../errors';
import { DebuggerMessageFilter } from './debuggerMessages';
import { programExit, readReport, waitForReport, type ProgramExit } from './launchReport';

export type { ProgramExit } from './launchReport';

export interface LaunchOptions {
  readonly cwd?: string;
  readonly env?: NodeJS.ProcessEnv;
  /** 'inherit' (default): the program uses our terminal; 'pipe': read it from `stdout`/`stderr`. */
  readonly stdio?: 'inherit' | 'pipe';
  /** How long to wait for the program's Node process to appear. */
  readonly startTimeoutMs?: number;
  /**
   * With stdio 'pipe': receives the program's output (stdout, and stderr without Node's debugger
   * messages) from the start, also when the launch fails.
   */
  readonly onOutput?: (text: string) => void;
  /** Aborting it while launching ends the command at once and removes what we created (Ctrl+C). */
  readonly signal?: AbortSignal;
}

export interface LaunchedProgram {
  /** The Node process that runs the program (may be a grandchild of the command). */
  readonly pid: number;
  readonly webSocketUrl: string;
  readonly argv: readonly string[];
  /** The bootloader's script as the target's profile names it: its frames are ours, not the program's. */
  readonly bootloaderUrl: string;
  /** The command as started (npm, tsx, node, ...). Its own stderr is raw; prefer `stderr`. */
  readonly command: ChildProcess;
  /** With stdio 'pipe': the program's output, stderr without Node's debugger messages. */
  readonly stdout?: Readable;
  readonly stderr?: Readable;
  /** Resolves when the launched command exits. */
  readonly commandExited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  /** Resolves when the command has exited and everything it printed has been read. */
  readonly outputEnded: Promise<void>;
  /** The program's exit code once its Node process has exited normally (not by a signal). */
  programExit(): ProgramExit | undefined;
  /** Ends the whole process group of the command. */
  terminate(signal?: NodeJS.Signals): void;
  /** Removes the launch's temporary folder now (it also goes when the command exits). */
  dispose(): void;
}

const defaultBootloaderPath = path.join(__dirname, 'bootloader.js');

/**
 * TEST ONLY: FLAMELENS_TEST_BOOTLOADER replaces the bootloader's path, so a test can run it
 * from an install folder with spaces, quotes and backslashes in its name.
 */
function bootloaderPath(): string {
  return process.env.FLAMELENS_TEST_BOOTLOADER || defaultBootloaderPath;
}

/** Quotes a value for NODE_OPTIONS the way Node reads it: in double quotes, `\` escapes the next character. */
export function quoteNodeOption(value: string): string {
  return `"${value.replace(/[\\"]/g, (c) => '\\' + c)}"`;
}

/** How long to wait, by default, for the program's Node process to appear. */
const defaultStartTimeoutMs = 60_000;

type CommandExit = { code: number | null; signal: NodeJS.Signals | null };

/** Starts `command` and resolves once its Node program waits for the profiler. */
export async function launchWithInspector(command: readonly string[], options: LaunchOptions = {}): Promise<LaunchedProgram> {
  if (command.length === 0) throw badInput('No command given. Example: flamelens record -- node server.js');
  if (options.signal?.aborted) throw interrupted();
  const folder = launchFolder();
  const bootloader = bootloaderPath();
  const piped = options.stdio === 'pipe';
  let child: ChildProcess;
  try {
    child = spawnInOwnGroup(command, programEnvironment(options.env, folder.reportFile, bootloader), options.cwd, piped);
  } catch (error) {
    folder.dispose();
    throw error;
  }
  const filteredStderr = passOutputOn(child, piped, options.onOutput);
  const lifetime = watchCommand(child, command);
  const terminate = groupTerminator(child);
  // Synchronous, so it is done before an interrupted CLI exits.
  const abandon = () => {
    terminate('SIGKILL');
    folder.dispose();
  };
  const report = await waitForProgram(command, folder.reportFile, lifetime, abandon, options);
  // The folder goes with the command (what the program reported is kept first).
  let exitAtEnd: ProgramExit | undefined;
  void lifetime.commandExited.then(() => {
    exitAtEnd = programExit(folder.reportFile, report.pid);
    folder.dispose();
  });
  return {
    ...report,
    bootloaderUrl: pathToFileURL(bootloader).href,
    command: child,
    stdout: piped ? child.stdout! : undefined,
    get stderr() {
      return piped ? filteredStderr() : undefined;
    },
    commandExited: lifetime.commandExited,
    outputEnded: lifetime.outputEnded,
    programExit: () => exitAtEnd ?? programExit(folder.reportFile, report.pid),
    terminate,
    dispose: folder.dispose,
  };
}

/** A private temporary folder for the report file, removed once (also when FlameLens ends some other way). */
function launchFolder(): { reportFile: string; dispose(): void } {
  const workDir = fs.mkdtempSync(path.join(os.tmpdir(), 'flamelens-launch-'));
  const dispose = () => {
    process.off('exit', dispose);
    fs.rmSync(workDir, { recursive: true, force: true });
  };
  // Also when FlameLens ends some other way (an uncaught error): the folder is ours.
  process.on('exit', dispose);
  return { reportFile: path.join(workDir, 'targets.jsonl'), dispose };
}

/** The command's environment: the bootloader preloaded through NODE_OPTIONS and told where to report. */
function programEnvironment(extra: NodeJS.ProcessEnv | undefined, reportFile: string, bootloader: string): NodeJS.ProcessEnv {
  const env = { ...process.env, ...extra };
  env.FLAMELENS_REPORT_FILE = reportFile;
  env.FLAMELENS_LAUNCHER_PID = String(process.pid);
  env.FLAMELENS_NODE_OPTIONS_BEFORE = env.NODE_OPTIONS ?? '';
  delete env.FLAMELENS_TARGET_CLAIMED;
  delete env.FLAMELENS_TEST_BOOTLOADER;
  // publish-uid=stderr: nothing on /json/list (Node has no value that publishes nowhere);
  // the banner it prints instead is filtered out of the program's stderr.
  env.NODE_OPTIONS = `${env.NODE_OPTIONS ?? ''} --require ${quoteNodeOption(bootloader)} --inspect-publish-uid=stderr`.trim();
  return env;
}

function spawnInOwnGroup(command: readonly string[], env: NodeJS.ProcessEnv, cwd: string | undefined, piped: boolean): ChildProcess {
  const isWindows = process.platform === 'win32';
  return spawn(command[0], command.slice(1), {
    cwd,
    env,
    // stderr always passes through us: Node writes its debugger messages there.
    stdio: piped ? 'pipe' : ['inherit', 'inherit', 'pipe'],
    // Own process group: Ctrl+C reaches FlameLens, which stops the profile before ending the program.
    detached: !isWindows,
    shell: isWindows,
  });
}

/**
 * The program's stderr without Node's debugger messages: to our stderr when it uses our
 * terminal, else to `onOutput` with stdout. Returns the filtered stderr stream (piped: made on
 * first use, so a caller that reads `command.stderr` itself is never held back).
 */
function passOutputOn(child: ChildProcess, piped: boolean, onOutput: ((text: string) => void) | undefined): () => Readable {
  let filtered: Readable | undefined;
  const filteredStderr = () => (filtered ??= child.stderr!.pipe(new DebuggerMessageFilter()));
  if (!piped) filteredStderr().pipe(process.stderr, { end: false });
  if (piped && onOutput) {
    const outDecoder = new StringDecoder('utf8');
    child.stdout!.on('data', (chunk: Buffer) => onOutput(outDecoder.write(chunk)));
    filteredStderr().on('data', (chunk: Buffer) => onOutput(chunk.toString())); // whole characters already
  }
  return filteredStderr;
}

interface CommandLifetime {
  readonly commandExited: Promise<CommandExit>;
  readonly outputEnded: Promise<void>;
  /** Rejects, with one sentence, when the command could not be started at all. */
  readonly spawnError: Promise<never>;
}

function watchCommand(child: ChildProcess, command: readonly string[]): CommandLifetime {
  const commandExited = new Promise<CommandExit>((resolve) => {
    child.once('exit', (code, signal) => resolve({ code, signal }));
    child.once('error', () => resolve({ code: null, signal: null }));
  });
  const outputEnded = new Promise<void>((resolve) => {
    child.once('close', () => resolve());
    child.once('error', () => resolve());
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
  return { commandExited, outputEnded, spawnError };
}

/** Ends the command's whole process group (npm → sh → node), once it is running and until it has exited. */
function groupTerminator(child: ChildProcess): (signal?: NodeJS.Signals) => void {
  return (signal = 'SIGTERM') => {
    if (child.exitCode !== null || child.signalCode !== null || child.pid === undefined) return;
    try {
      if (process.platform === 'win32') child.kill(signal);
      else process.kill(-child.pid, signal);
    } catch {
      // Already gone.
    }
  };
}

/**
 * Waits for the bootloader's report of the program's Node process; whatever comes first instead
 * (the command failing to start or ending, the start timeout, the user's abort) abandons the
 * command and fails with one sentence.
 */
async function waitForProgram(
  command: readonly string[],
  reportFile: string,
  lifetime: CommandLifetime,
  abandon: () => void,
  options: LaunchOptions,
): Promise<{ pid: number; webSocketUrl: string; argv: string[] }> {
  const stopWaiting = new AbortController();
  let onAbort: () => void = () => undefined;
  const aborted = new Promise<never>((_, reject) => {
    onAbort = () => {
      abandon();
      reject(interrupted());
    };
    options.signal?.addEventListener('abort', onAbort, { once: true });
  });
  try {
    return await Promise.race([
      waitForReport(reportFile, options.startTimeoutMs ?? defaultStartTimeoutMs, stopWaiting.signal),
      lifetime.spawnError,
      aborted,
      lifetime.commandExited.then((exit) => endedBeforeProgram(command, reportFile, exit)),
    ]);
  } catch (error) {
    abandon();
    throw error;
  } finally {
    stopWaiting.abort();
    options.signal?.removeEventListener('abort', onAbort);
  }
}

/** The command ended before any Node program reported: say why, as precisely as the report allows. */
function endedBeforeProgram(command: readonly string[], reportFile: string, { code, signal }: CommandExit): never {
  const missing = readReport(reportFile).find((line) => typeof line.missingScript === 'string');
  if (missing) {
    throw targetFailed(`The program exited with code ${missing.exitCode} because its script "${missing.missingScript}" does not exist; nothing was profiled.`);
  }
  throw targetFailed(`"${command.join(' ')}" ended (${signal ?? `exit code ${code}`}) before a Node.js program started. Is it a Node.js command?`);
}

function interrupted(): FlameLensError {
  return new FlameLensError('cancelled', 'Interrupted while starting the program; it was stopped and nothing was profiled.');
}
