/**
 * The private file through which the bootloader, in the launched program's Node process,
 * reports the inspector's URL (one JSON line) and later how the program ended.
 */
import * as fs from 'node:fs';
import { FlameLensError } from '../errors';

/** How the program's Node process ended, as it reported itself. */
export interface ProgramExit {
  readonly exitCode: number;
}

/** How often the report file is read while waiting for the program's Node process. */
const reportPollMs = 20;

/** One line the bootloader wrote: its target (pid, URL, argv), a script it could not find, or the exit code. */
export interface ReportLine {
  readonly pid?: number;
  readonly webSocketUrl?: string;
  readonly argv?: string[];
  readonly exitCode?: number;
  readonly missingScript?: string;
}

/** The program's Node process, once the bootloader reported that its inspector is open. */
export async function waitForReport(reportFile: string, timeoutMs: number, stop: AbortSignal) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline && !stop.aborted) {
    const target = readReport(reportFile).find((line) => line.webSocketUrl);
    if (target) return { pid: target.pid!, webSocketUrl: target.webSocketUrl!, argv: target.argv ?? [] };
    await new Promise((resolve) => setTimeout(resolve, reportPollMs));
  }
  throw new FlameLensError('target-failed', `No Node.js program started within ${Math.round(timeoutMs / 1000)} s. Is the command a Node.js program?`);
}

/** The complete lines of the report file (a line being written is left for the next read). */
export function readReport(reportFile: string): ReportLine[] {
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

/** The exit code the program's Node process reported, once it has exited normally. */
export function programExit(reportFile: string, pid: number): ProgramExit | undefined {
  // Written by the program's own 'exit' handler, after its target line.
  const lines = readReport(reportFile);
  const start = lines.findIndex((line) => line.pid === pid && line.webSocketUrl);
  const exit = lines.slice(start + 1).find((line) => typeof line.exitCode === 'number');
  return exit ? { exitCode: exit.exitCode! } : undefined;
}
