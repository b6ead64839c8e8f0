/**
 * Turns what the user typed (pid, host:port, ws:// URL) into an inspector WebSocket URL,
 * opening the inspector of a process started without --inspect when given its pid.
 */
import * as fs from 'node:fs';
import { badInput, targetFailed } from '../errors';
import { isLoopbackHost, type TargetAddress } from './address';
import { listeningPortsOf } from './listeningPorts';
import { listInspectorTargets } from './session';

export interface AttachOptions {
  /** The user explicitly agreed to connect to an inspector on another machine. */
  readonly allowRemote?: boolean;
  /** How long to wait for an inspector opened by SIGUSR1 to appear. */
  readonly openTimeoutMs?: number;
}

export interface ResolvedTarget {
  readonly webSocketUrl: string;
  readonly pid?: number;
  /** Short name for messages and file names, e.g. "pid 4242" or "127.0.0.1:9229". */
  readonly label: string;
}

/** Finds (and if needed opens) the inspector of the addressed target. */
export async function resolveInspectorTarget(address: TargetAddress, options: AttachOptions = {}): Promise<ResolvedTarget> {
  switch (address.kind) {
    case 'webSocket':
      requireLoopbackOrConsent(address.host, options);
      return { webSocketUrl: address.url, label: address.url };
    case 'hostPort': {
      requireLoopbackOrConsent(address.host, options);
      const url = await firstTargetAt(address.host, address.port);
      if (!url) {
        throw badInput(
          `Nothing is listening for an inspector at ${address.host}:${address.port}. Start the program with --inspect=${address.host}:${address.port}, or attach by its pid.`,
        );
      }
      return { webSocketUrl: url, label: `${address.host}:${address.port}` };
    }
    case 'pid':
      return openInspectorOfProcess(address.pid, options.openTimeoutMs ?? 5000);
  }
}

function requireLoopbackOrConsent(host: string, options: AttachOptions): void {
  if (!isLoopbackHost(host) && !options.allowRemote) {
    throw badInput(
      `${host} is not this machine. An inspector gives full control of the process and its traffic is unencrypted; pass --allow-remote if you mean it.`,
    );
  }
}

async function firstTargetAt(host: string, port: number): Promise<string | undefined> {
  try {
    const targets = await listInspectorTargets(host, port);
    return targets[0]?.webSocketUrl;
  } catch {
    return undefined;
  }
}

async function openInspectorOfProcess(pid: number, timeoutMs: number): Promise<ResolvedTarget> {
  assertNodeProcess(pid);
  const label = `pid ${pid}`;
  const existing = await inspectorOfProcess(pid);
  if (existing) return { webSocketUrl: existing, pid, label };

  try {
    if (process.platform === 'win32') {
      (process as unknown as { _debugProcess(pid: number): void })._debugProcess(pid);
    } else {
      // Node opens its inspector on 127.0.0.1:9229 (or its --inspect-port) on SIGUSR1.
      process.kill(pid, 'SIGUSR1');
    }
  } catch (error) {
    throw targetFailed(`Could not signal process ${pid} to open its inspector: ${(error as Error).message}`, error);
  }
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const url = await inspectorOfProcess(pid);
    if (url) return { webSocketUrl: url, pid, label };
    if (!isRunning(pid)) throw targetFailed(`Process ${pid} exited while its inspector was being opened.`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw targetFailed(
    `Process ${pid} did not open its inspector within ${timeoutMs / 1000} s. Port 9229 may be taken by another process; restart the program with --inspect=127.0.0.1:0 and attach by the address it prints.`,
  );
}

/** The inspector URL a process already serves, if any. */
async function inspectorOfProcess(pid: number): Promise<string | undefined> {
  const ports = await listeningPortsOf(pid);
  const candidates = ports.length > 0 ? ports : process.platform === 'linux' ? [] : [{ host: '127.0.0.1', port: 9229 }];
  for (const { host, port } of candidates) {
    const url = await firstTargetAt(host === '0.0.0.0' ? '127.0.0.1' : host === '::' ? '::1' : host, port);
    if (url) return url;
  }
  return undefined;
}

function assertNodeProcess(pid: number): void {
  if (!isRunning(pid)) throw badInput(`No process with id ${pid} is running. List Node processes with "pgrep -a node".`);
  if (process.platform !== 'linux') return;
  // SIGUSR1 terminates most programs that are not Node: refuse rather than kill them.
  let executable = '';
  try {
    executable = fs.readlinkSync(`/proc/${pid}/exe`);
  } catch {
    return; // Not allowed to look; trust the user.
  }
  const name = executable.split('/').pop() ?? '';
  if (!/node|nodejs|bun|electron/i.test(name)) {
    throw badInput(`Process ${pid} runs ${executable}, not Node.js; FlameLens only profiles Node.js processes.`);
  }
}

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
