/**
 * Leaving a process as we found it. An inspector opened by SIGUSR1 stays open until the
 * process ends, and anyone on the machine who reaches its port can run code as the process's
 * user: the one FlameLens opened is closed when FlameLens is done, and checked to be gone.
 * It is also marked in the target, so that when a FlameLens is killed before it could close
 * it (SIGKILL), the next one to attach knows it is ours to close rather than the program's.
 */
import * as net from 'node:net';
import type { OpenedInspector, ResolvedTarget } from './attach';
import { listeningPortsOf } from './listeningPorts';
import { isRunning } from './nodeProcesses';
import { connectInspector } from './session';

/** A global only FlameLens sets, under a symbol so that the program's own names never collide. */
const marker = `globalThis[Symbol.for('flamelens.openedInspector')]`;

/**
 * Run in the target: `inspector.close()` on a timer, so the reply leaves before the connection
 * goes. `process.getBuiltinModule` (Node 20.16+/22.3+) works in CommonJS and ES module programs
 * alike; older Nodes get `require` from the console's command-line API.
 */
const closeExpression = `(() => {
  const load = typeof process.getBuiltinModule === 'function' ? process.getBuiltinModule : require;
  const inspector = load('inspector');
  delete ${marker};
  setTimeout(() => inspector.close(), 0);
  return 'closing';
})()`;

/**
 * How long the target may take to answer: it runs the command only between its own work, and a
 * cancelled heap snapshot keeps it busy until the whole heap is written out.
 */
const answerTimeoutMs = 30_000;
/** How long, once it answered, the target may take to drop our connection (its event loop runs the close). */
const droppedTimeoutMs = 5000;
/** After this long without an answer the caller hears that we are waiting. */
const waitNoticeMs = 1000;
/** How long the closed port may take to disappear once it answered (its event loop runs the timer). */
const closeTimeoutMs = 3000;
/** How often we look whether the port has gone. */
const closePollMs = 100;
/** How long a connection attempt to the port may take before we take it as closed. */
const connectTimeoutMs = 1000;

/**
 * Closes the inspector FlameLens opened in the target (nothing for one the program opened
 * itself) and verifies that nothing listens on its port any more. Call it after every session
 * on the target has closed. Returns a one-sentence warning when it is still open, else undefined.
 * `onWait` is called once if the target takes more than a second to answer.
 */
export async function closeInspectorWeOpened(target: ResolvedTarget, options: { onWait?(): void } = {}): Promise<string | undefined> {
  const opened = target.openedInspector;
  if (!opened || !isRunning(opened.pid)) return undefined;
  try {
    const session = await connectInspector(target.webSocketUrl);
    const timers: NodeJS.Timeout[] = [];
    const after = (ms: number, then: () => void = () => undefined) => new Promise<void>((resolve) => timers.push(setTimeout(() => (then(), resolve()), ms)));
    try {
      const answer = (await Promise.race([
        session.send('Runtime.evaluate', { expression: closeExpression, includeCommandLineAPI: true }),
        after(answerTimeoutMs),
        // Said when it takes long, so that a silent wait does not look like a hang.
        after(waitNoticeMs, () => options.onWait?.()).then(() => new Promise(() => undefined)),
      ])) as { exceptionDetails?: unknown } | undefined;
      timers.splice(0).forEach(clearTimeout);
      // The target drops us when it closes. Leaving ourselves at that same moment crashed it
      // (SIGSEGV in Node 22–26, about 1 run in 10 after a heap snapshot): we wait to be dropped.
      if (answer && !answer.exceptionDetails) await Promise.race([session.disconnected, after(droppedTimeoutMs)]);
    } finally {
      timers.forEach(clearTimeout);
      // Only now, or when the target did not drop us in time (Node before 20 waits for clients to leave).
      await session.close();
    }
  } catch {
    // Verified below either way: an inspector that went already is what we wanted.
  }
  const deadline = Date.now() + closeTimeoutMs;
  while (isRunning(opened.pid) && (await stillListening(opened.pid, opened.host, opened.port))) {
    if (Date.now() > deadline) return leftOpenWarning(opened);
    await new Promise((resolve) => setTimeout(resolve, closePollMs));
  }
  return undefined;
}

/** Marks the inspector at `webSocketUrl` as opened by FlameLens; best effort (closing does not depend on it). */
export async function markOpenedByUs(webSocketUrl: string): Promise<void> {
  await evaluateOnce(webSocketUrl, `${marker} = true`).catch(() => undefined);
}

/** Whether a FlameLens opened this inspector earlier and could not close it (it was killed). */
export async function wasOpenedByUs(webSocketUrl: string): Promise<boolean> {
  return (await evaluateOnce(webSocketUrl, `${marker} === true`).catch(() => undefined)) === true;
}

async function evaluateOnce(webSocketUrl: string, expression: string): Promise<unknown> {
  const session = await connectInspector(webSocketUrl);
  try {
    const { result } = await session.send('Runtime.evaluate', { expression, returnByValue: true });
    return result.value;
  } finally {
    await session.close();
  }
}

/** Said while we wait for a busy target (one finishing a heap snapshot we cancelled) to close the inspector. */
export function waitingToCloseNotice(opened: OpenedInspector): string {
  return `Waiting for process ${opened.pid} to finish what it is doing, to close the inspector FlameLens opened (Ctrl+C again to leave it open)...`;
}

/** Said when the user gives up (a second Ctrl+C) before we could close the inspector we opened, or make sure it closed. */
export function notClosedWarning(opened: OpenedInspector): string {
  return `Warning: FlameLens could not make sure that the inspector it opened in process ${opened.pid} (${opened.host}:${opened.port}) is closed, and anyone on this machine who connects to it can run code as that process's user; restart the process if it still listens there.`;
}

/** Said when the inspector we opened is verified to be still open. */
function leftOpenWarning(opened: OpenedInspector): string {
  return `Warning: the inspector FlameLens opened in process ${opened.pid} is still listening on ${opened.host}:${opened.port}, and anyone on this machine who connects to it can run code as that process's user; restart the process to close it.`;
}

/**
 * The process's own listening ports say it best (on Linux that is how the port was found, so
 * they can be read); elsewhere a connection attempt covers a listing we could not get.
 */
async function stillListening(pid: number, host: string, port: number): Promise<boolean> {
  const ports = await listeningPortsOf(pid);
  if (ports.some((listening) => listening.port === port)) return true;
  return process.platform === 'linux' ? false : canConnect(host, port);
}

function canConnect(host: string, port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect({ host, port });
    const done = (result: boolean) => {
      socket.destroy();
      resolve(result);
    };
    socket.setTimeout(connectTimeoutMs, () => done(false));
    socket.once('connect', () => done(true));
    socket.once('error', () => done(false));
  });
}
