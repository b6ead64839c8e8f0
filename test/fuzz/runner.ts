// Runs fuzz cases in child processes (worker.ts) with a time limit per case: a case that takes
// longer is a hang, a case that kills its process (stack overflow abort, out of memory) is an
// unexpected failure; either way a fresh child carries on with the next case.
import { fork, type ChildProcess } from 'node:child_process';
import * as path from 'node:path';
import type { CaseResult } from './cases';
import type { Format } from './seeds';
import type { WorkerJob, WorkerMessage } from './worker';

export interface FuzzOptions {
  readonly formats: readonly Format[];
  /** Cases per format. */
  readonly count: number;
  readonly runSeed: number;
  /** Where failing cases' files are kept (hang and crash cases keep their folder here too). */
  readonly root: string;
  readonly caseTimeoutMs?: number;
  /** Child processes side by side. */
  readonly parallel?: number;
  onResult?(result: CaseResult): void;
}

export async function runFuzz(options: FuzzOptions): Promise<CaseResult[]> {
  const all = options.formats.flatMap((format) => Array.from({ length: options.count }, (_, index) => ({ format, index })));
  const parallel = Math.max(1, Math.min(options.parallel ?? 1, all.length));
  // Interleaved shares: each child gets every format.
  const shares = Array.from({ length: parallel }, (_, p) => all.filter((_, i) => i % parallel === p));
  const results = await Promise.all(shares.map((cases) => runShare(cases, options)));
  return results.flat();
}

async function runShare(cases: WorkerJob['cases'], options: FuzzOptions): Promise<CaseResult[]> {
  const results: CaseResult[] = [];
  let next = 0;
  while (next < cases.length) {
    const remaining = cases.slice(next);
    const { finished, failed } = await runChild(
      { cases: remaining, runSeed: options.runSeed, root: options.root },
      options.caseTimeoutMs ?? 10_000,
      options.onResult,
    );
    results.push(...finished);
    next += finished.length;
    if (failed) {
      results.push(failed);
      options.onResult?.(failed);
      next++;
    }
  }
  return results;
}

/** Runs cases in one child until they are done or one hangs or kills it. */
function runChild(job: WorkerJob, timeoutMs: number, onResult?: (result: CaseResult) => void): Promise<{ finished: CaseResult[]; failed?: CaseResult }> {
  return new Promise((resolve) => {
    const finished: CaseResult[] = [];
    let current = -1;
    let timer: NodeJS.Timeout | undefined;
    let stderr = '';
    let settled = false;
    const child: ChildProcess = fork(path.join(__dirname, 'worker.js'), [], { stdio: ['ignore', 'ignore', 'pipe', 'ipc'], execArgv: [] });
    child.stderr!.on('data', (chunk) => (stderr = (stderr + chunk).slice(-4000)));
    const settle = (failed?: CaseResult) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
      resolve({ finished, failed });
    };
    const failedCase = (outcome: CaseResult['outcome'], detail: string): CaseResult | undefined => {
      const at = current >= 0 ? current : finished.length;
      if (at >= job.cases.length) return undefined;
      const { format, index } = job.cases[at];
      return { format, index, outcome, detail };
    };
    child.on('message', (message: WorkerMessage) => {
      if (message.type === 'start') {
        current = message.at;
        clearTimeout(timer);
        timer = setTimeout(() => settle(failedCase('hang', `no answer within ${timeoutMs / 1000} s`)), timeoutMs);
      } else {
        clearTimeout(timer);
        finished.push(message.result);
        onResult?.(message.result);
        current = -1;
      }
    });
    child.on('exit', (code, signal) => {
      if (finished.length === job.cases.length) return settle();
      // Let the last IPC messages arrive before deciding which case the exit belongs to.
      setImmediate(() => settle(failedCase('unexpected', `the process died (exit ${code ?? signal}): ${stderr.trim().slice(-2000)}`)));
    });
    child.send(job);
  });
}

/** Counts per format and outcome, as a printable table. */
export function countTable(results: readonly CaseResult[], formats: readonly Format[]): string {
  const outcomes = ['ok', 'bad-input', 'unexpected', 'hang', 'non-finite'] as const;
  const rows = [['format', 'cases', ...outcomes]];
  for (const format of formats) {
    const mine = results.filter((r) => r.format === format);
    rows.push([format, String(mine.length), ...outcomes.map((o) => String(mine.filter((r) => r.outcome === o).length))]);
  }
  const widths = rows[0].map((_, c) => Math.max(...rows.map((r) => r[c].length)));
  return rows.map((r) => r.map((cell, c) => (c === 0 ? cell.padEnd(widths[c]) : cell.padStart(widths[c]))).join('  ')).join('\n');
}

export function failures(results: readonly CaseResult[]): CaseResult[] {
  return results.filter((r) => r.outcome !== 'ok' && r.outcome !== 'bad-input');
}
