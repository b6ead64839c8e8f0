/**
 * Turns what the user typed (pid, host:port, ws:// URL) into an inspector WebSocket URL,
 * opening the inspector of a process started without --inspect when given its pid (only a
 * process confirmed to run Node gets SIGUSR1; the inspector opened is closed again by
 * `closeInspector.ts`). Connects only to loopback hosts unless the user allowed others.
 */
import * as fs from 'node:fs';
import { badInput, targetFailed } from '../errors';
import { isLoopbackHost, type TargetAddress } from './address';
import { listeningPortsOf } from './listeningPorts';
import { markOpenedByUs, wasOpenedByUs } from './closeInspector';
import { checkNodeProcess, isRunning } from './nodeProcesses';
import { listInspectorTargets } from './session';

/** How long, by default, an inspector opened by SIGUSR1 may take to appear. */
const defaultOpenTimeoutMs = 5000;
/** How often we look for it meanwhile. */
const openPollMs = 100;

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
  /** The process's arguments, when attached by pid and the system tells them (to name the recording after its script). */
  readonly argv?: readonly string[];
  /**
   * Set when FlameLens opened this inspector (SIGUSR1: nothing listened before): it must be
   * closed again when done (`closeInspectorWeOpened`). Absent for an inspector the program
   * opened itself (--inspect), which stays as it was.
   */
  readonly openedInspector?: OpenedInspector;
}

export interface OpenedInspector {
  readonly pid: number;
  readonly host: string;
  readonly port: number;
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
      requireListedUrlAllowed(url, `${address.host}:${address.port}`, options);
      return { webSocketUrl: url, label: `${address.host}:${address.port}` };
    }
    case 'pid':
      return openInspectorOfProcess(address.pid, options.openTimeoutMs ?? defaultOpenTimeoutMs);
  }
}

/**
 * The loopback rule applies to where we connect, not only to what was typed: /json/list is
 * answered by whatever listens on the port, and its WebSocket URL may name any host.
 */
function requireListedUrlAllowed(url: string, typed: string, options: AttachOptions): void {
  let host: string;
  try {
    host = new URL(url).hostname.replace(/^\[|\]$/g, '');
  } catch {
    throw targetFailed(`The inspector at ${typed} answered with "${url}", which is not a WebSocket URL; FlameLens did not connect. Is it a Node.js inspector?`);
  }
  if (isLoopbackHost(host) || options.allowRemote) return;
  throw badInput(
    `The inspector at ${typed} sends connections on to ${host}, which is not this machine, so FlameLens did not connect; pass --allow-remote if you trust that host.`,
  );
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
  const argv = argvOfProcess(pid);
  const existing = await inspectorOfProcess(pid);
  if (existing) {
    const inspector = { pid, host: existing.host, port: existing.port };
    // Open before we came: the program's own (--inspect, someone else's SIGUSR1) stays open;
    // one a killed FlameLens opened and marked is ours to close.
    return { webSocketUrl: existing.url, pid, label, argv, ...((await wasOpenedByUs(existing.url)) ? { openedInspector: inspector } : {}) };
  }

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
    const opened = await inspectorOfProcess(pid);
    if (opened) {
      await markOpenedByUs(opened.url);
      return { webSocketUrl: opened.url, pid, label, argv, openedInspector: { pid, host: opened.host, port: opened.port } };
    }
    if (!isRunning(pid)) throw targetFailed(`Process ${pid} exited while its inspector was being opened.`);
    await new Promise((resolve) => setTimeout(resolve, openPollMs));
  }
  throw targetFailed(
    `Process ${pid} did not open its inspector within ${timeoutMs / 1000} s. Port 9229 may be taken by another process; restart the program with --inspect=127.0.0.1:0 and attach by the address it prints.`,
  );
}

/** The inspector a process already serves, if any: its URL and where it listens. */
async function inspectorOfProcess(pid: number): Promise<{ url: string; host: string; port: number } | undefined> {
  const ports = await listeningPortsOf(pid);
  const candidates = ports.length > 0 ? ports : process.platform === 'linux' ? [] : [{ host: '127.0.0.1', port: 9229 }];
  for (const candidate of candidates) {
    const host = candidate.host === '0.0.0.0' ? '127.0.0.1' : candidate.host === '::' ? '::1' : candidate.host;
    const listed = await firstTargetAt(host, candidate.port);
    const url = listed && onAddress(listed, host, candidate.port);
    if (url) return { url, host, port: candidate.port };
  }
  return undefined;
}

/**
 * The listed WebSocket URL's path at the address the process itself listens on: a pid names a
 * process on this machine, so we connect where it listens, whatever host its answer names.
 */
function onAddress(listed: string, host: string, port: number): string | undefined {
  try {
    const url = new URL(listed);
    if (url.protocol !== 'ws:') return undefined;
    url.hostname = host.includes(':') ? `[${host}]` : host;
    url.port = String(port);
    return url.toString();
  } catch {
    return undefined;
  }
}

/** A process's arguments from /proc (Linux); undefined elsewhere or when it cannot be read. */
function argvOfProcess(pid: number): string[] | undefined {
  if (process.platform !== 'linux') return undefined;
  try {
    const argv = fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0');
    while (argv.length > 0 && argv[argv.length - 1] === '') argv.pop();
    return argv.length > 0 ? argv : undefined;
  } catch {
    return undefined;
  }
}

function assertNodeProcess(pid: number): void {
  if (!isRunning(pid)) throw badInput(`No process with id ${pid} is running. List Node processes with "pgrep -a node".`);
  // Windows opens the inspector through Node's own debug handler, which only a Node process has.
  if (process.platform === 'win32') return;
  // SIGUSR1 terminates most programs that are not Node: unless the system confirms Node, refuse.
  const check = checkNodeProcess(pid);
  if (check.node) return;
  if (check.runs) throw badInput(`Process ${pid} runs ${check.runs}, not Node.js; FlameLens only profiles Node.js processes.`);
  throw badInput(
    `Could not confirm that process ${pid} runs Node.js (its executable cannot be read), so FlameLens did not signal it; run FlameLens as the user who owns the process, or start the program with --inspect=127.0.0.1:0 and attach by the address it prints.`,
  );
}
