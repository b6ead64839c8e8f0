/**
 * The Node.js processes running on this machine, for the process picker: pid, command line,
 * working folder, and whether an inspector is already open.
 */
import { execFile } from 'node:child_process';
import * as fs from 'node:fs';

export interface NodeProcess {
  readonly pid: number;
  readonly commandLine: string;
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
        if (!/^node(js)?(\d+)?$/.test(executable) || exclude.includes(pid)) continue;
        found.push({ pid, commandLine, cwd: cwdOf(pid), inspectorFlag: /\s--inspect(-brk|-wait)?(=|\s|$)/.test(commandLine) });
      }
      resolve(found);
    });
  });
}

function cwdOf(pid: number): string | undefined {
  try {
    return process.platform === 'linux' ? fs.readlinkSync(`/proc/${pid}/cwd`) : undefined;
  } catch {
    return undefined;
  }
}
