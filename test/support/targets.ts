// Real Node processes to profile: started plainly (no inspector) or with --inspect on a random port.
import { spawn, type ChildProcess } from 'node:child_process';

export interface RunningTarget {
  readonly child: ChildProcess;
  readonly pid: number;
  readonly exited: Promise<void>;
  kill(signal?: NodeJS.Signals): void;
}

/** Starts `node <script>` and resolves once it printed `ready` on stdout. */
export async function startTarget(
  script: string,
  nodeArgs: string[] = [],
  env: NodeJS.ProcessEnv = {},
): Promise<RunningTarget & { stderr(): string; readyLine: string }> {
  const child = spawn(process.execPath, [...nodeArgs, script], { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let stderr = '';
  child.stderr!.on('data', (chunk) => (stderr += chunk));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const readyLine = await new Promise<string>((resolve, reject) => {
    let stdout = '';
    child.stdout!.on('data', (chunk: Buffer) => {
      stdout += chunk;
      const line = /^.*ready.*$/m.exec(stdout)?.[0];
      if (line) resolve(line);
    });
    child.once('exit', (code) => reject(new Error(`target exited (${code}) before it was ready: ${stderr}`)));
  });
  return {
    child,
    pid: child.pid!,
    exited,
    kill: (signal = 'SIGKILL') => void (child.exitCode === null && child.kill(signal)),
    stderr: () => stderr,
    readyLine,
  };
}
