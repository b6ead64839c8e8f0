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
import { Transform, type Readable, type TransformCallback } from 'node:stream';
import { StringDecoder } from 'node:string_decoder';
import { pathToFileURL } from 'node:url';
import { badInput, FlameLensError, targetFailed } from '../errors';

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

/** How the program's Node process ended, as it reported itself. */
export interface ProgramExit {
  readonly exitCode: number;
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

/** Starts `command` and resolves once its Node program waits for the profiler. */
export async function launchWithInspector(command: readonly string[], options: LaunchOptions = {}): Promise<LaunchedProgram> {
  if (command.length === 0) throw badInput('No command given. Example: flamelens record -- node server.js');
  if (options.signal?.aborted) throw interrupted();
  const workDir = fs.mkdtempSync(path.join(os.tmpdir(), 'flamelens-launch-'));
  const dispose = () => {
    process.off('exit', dispose);
    fs.rmSync(workDir, { recursive: true, force: true });
  };
  // Also when FlameLens ends some other way (an uncaught error): the folder is ours.
  process.on('exit', dispose);
  const reportFile = path.join(workDir, 'targets.jsonl');
  const bootloader = bootloaderPath();
  const env = { ...process.env, ...options.env };
  env.FLAMELENS_REPORT_FILE = reportFile;
  env.FLAMELENS_LAUNCHER_PID = String(process.pid);
  env.FLAMELENS_NODE_OPTIONS_BEFORE = env.NODE_OPTIONS ?? '';
  delete env.FLAMELENS_TARGET_CLAIMED;
  delete env.FLAMELENS_TEST_BOOTLOADER;
  // publish-uid=stderr: nothing on /json/list (Node has no value that publishes nowhere);
  // the banner it prints instead is filtered out of the program's stderr below.
  env.NODE_OPTIONS = `${env.NODE_OPTIONS ?? ''} --require ${quoteNodeOption(bootloader)} --inspect-publish-uid=stderr`.trim();

  const isWindows = process.platform === 'win32';
  const piped = options.stdio === 'pipe';
  let child: ChildProcess;
  try {
    child = spawn(command[0], command.slice(1), {
      cwd: options.cwd,
      env,
      // stderr always passes through us: Node writes its debugger messages there.
      stdio: piped ? 'pipe' : ['inherit', 'inherit', 'pipe'],
      // Own process group: Ctrl+C reaches FlameLens, which stops the profile before ending the program.
      detached: !isWindows,
      shell: isWindows,
    });
  } catch (error) {
    dispose();
    throw error;
  }
  // Piped: filtered on first use, so a caller that reads `command.stderr` itself is never held back.
  let filtered: Readable | undefined;
  const filteredStderr = () => (filtered ??= child.stderr!.pipe(new DebuggerMessageFilter()));
  if (!piped) filteredStderr().pipe(process.stderr, { end: false });
  const onOutput = options.onOutput;
  if (piped && onOutput) {
    const outDecoder = new StringDecoder('utf8');
    child.stdout!.on('data', (chunk: Buffer) => onOutput(outDecoder.write(chunk)));
    filteredStderr().on('data', (chunk: Buffer) => onOutput(chunk.toString())); // whole characters already
  }
  const commandExited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => {
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
  const terminate = (signal: NodeJS.Signals = 'SIGTERM') => {
    if (child.exitCode !== null || child.signalCode !== null || child.pid === undefined) return;
    try {
      if (isWindows) child.kill(signal);
      else process.kill(-child.pid, signal);
    } catch {
      // Already gone.
    }
  };
  // Synchronous, so it is done before an interrupted CLI exits.
  const abandon = () => {
    terminate('SIGKILL');
    dispose();
  };

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
    const report = await Promise.race([
      waitForReport(reportFile, options.startTimeoutMs ?? 60_000, stopWaiting.signal),
      spawnError,
      aborted,
      commandExited.then(({ code, signal }) => {
        const missing = readReport(reportFile).find((line) => typeof line.missingScript === 'string');
        if (missing) {
          throw targetFailed(`The program exited with code ${missing.exitCode} because its script "${missing.missingScript}" does not exist; nothing was profiled.`);
        }
        throw targetFailed(
          `"${command.join(' ')}" ended (${signal ?? `exit code ${code}`}) before a Node.js program started. Is it a Node.js command?`,
        );
      }),
    ]);
    // The folder goes with the command (what the program reported is kept first).
    let exitAtEnd: ProgramExit | undefined;
    void commandExited.then(() => {
      exitAtEnd = programExit(reportFile, report.pid);
      dispose();
    });
    return {
      ...report,
      bootloaderUrl: pathToFileURL(bootloader).href,
      command: child,
      stdout: piped ? child.stdout! : undefined,
      get stderr() {
        return piped ? filteredStderr() : undefined;
      },
      commandExited,
      outputEnded,
      programExit: () => exitAtEnd ?? programExit(reportFile, report.pid),
      terminate,
      dispose,
    };
  } catch (error) {
    abandon();
    throw error;
  } finally {
    stopWaiting.abort();
    options.signal?.removeEventListener('abort', onAbort);
  }
}

function interrupted(): FlameLensError {
  return new FlameLensError('cancelled', 'Interrupted while starting the program; it was stopped and nothing was profiled.');
}

interface ReportLine {
  readonly pid?: number;
  readonly webSocketUrl?: string;
  readonly argv?: string[];
  readonly exitCode?: number;
  readonly missingScript?: string;
}

async function waitForReport(reportFile: string, timeoutMs: number, stop: AbortSignal) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline && !stop.aborted) {
    const target = readReport(reportFile).find((line) => line.webSocketUrl);
    if (target) return { pid: target.pid!, webSocketUrl: target.webSocketUrl!, argv: target.argv ?? [] };
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  throw new FlameLensError(
    'target-failed',
    `No Node.js program started within ${Math.round(timeoutMs / 1000)} s. Is the command a Node.js program?`,
  );
}

/** The complete lines of the report file (a line being written is left for the next read). */
function readReport(reportFile: string): ReportLine[] {
  let text: string;
  try {
    text = fs.readFileSync(reportFile, 'utf8');
  } catch {
    return [];
  }
  const lines = text.split('\n').slice(0, -1);
  return lines.flatMap((line) => {
    try {
      return [JSON.parse(line) as ReportLine];
    } catch {
      return [];
    }
  });
}

function programExit(reportFile: string, pid: number): ProgramExit | undefined {
  // Written by the program's own 'exit' handler, after its target line.
  const lines = readReport(reportFile);
  const start = lines.findIndex((line) => line.pid === pid && line.webSocketUrl);
  const exit = lines.slice(start + 1).find((line) => typeof line.exitCode === 'number');
  return exit ? { exitCode: exit.exitCode! } : undefined;
}

/** What Node itself prints on stderr about the inspector (Node 20–26): ours, not the program's. */
const debuggerMessages = [
  /^Debugger listening on ws:\/\/\S+$/,
  /^Debugger ending on ws:\/\/\S+$/,
  /^For help, see: https:\/\/nodejs\.org\/\S+$/,
  /^Debugger attached\.$/,
  /^Waiting for the debugger to disconnect\.\.\.$/,
];
const debuggerMessageStarts = ['Debugger listening on ws://', 'Debugger ending on ws://', 'For help, see: https://nodejs.org/', 'Debugger attached.', 'Waiting for the debugger to disconnect...'];
/** A partial line that might become one of Node's messages waits this long for its end. */
const partialLineWaitMs = 100;

/**
 * Drops exactly Node's debugger messages, whole lines only, and passes everything else on
 * as it arrives: a prompt without a newline is not held back (unless it could be the start
 * of one of Node's messages, and then only briefly).
 */
export class DebuggerMessageFilter extends Transform {
  private readonly decoder = new StringDecoder('utf8');
  private atLineStart = true;
  private held = '';
  private heldTimer: NodeJS.Timeout | undefined;

  override _transform(chunk: Buffer, _encoding: BufferEncoding, done: TransformCallback): void {
    this.dropDebuggerMessages(this.decoder.write(chunk));
    done();
  }

  override _flush(done: TransformCallback): void {
    this.dropDebuggerMessages(this.decoder.end());
    this.release();
    done();
  }

  private dropDebuggerMessages(input: string): void {
    clearTimeout(this.heldTimer);
    let text = this.held + input;
    this.held = '';
    let out = '';
    while (text.length > 0) {
      const newline = text.indexOf('\n');
      if (newline < 0) {
        if (this.atLineStart && debuggerMessageStarts.some((start) => start.startsWith(text) || text.startsWith(start))) {
          this.held = text;
          this.heldTimer = setTimeout(() => this.release(), partialLineWaitMs);
        } else {
          out += text;
          this.atLineStart = false;
        }
        break;
      }
      const line = text.slice(0, newline);
      const ours = this.atLineStart && debuggerMessages.some((pattern) => pattern.test(line.replace(/\r$/, '')));
      if (!ours) out += text.slice(0, newline + 1);
      this.atLineStart = true;
      text = text.slice(newline + 1);
    }
    if (out) this.push(out);
  }

  private release(): void {
    clearTimeout(this.heldTimer);
    if (!this.held) return;
    this.push(this.held);
    this.held = '';
    this.atLineStart = false;
  }
}
