/**
 * Keeps the CPU profile of a program that a signal ends mid-recording (Ctrl+C in its terminal,
 * `kill`, docker stop, nodemon's restart). A process killed by the signal's default action is
 * gone at once and takes the profiler with it; Node hands a profile over only when the process
 * ends through its own exit path, where it waits for the connected inspector. So, for each
 * signal the program does not handle itself, a listener in the target ends the process the
 * same way from JavaScript (re-raising the signal with no listener left: the exit code stays
 * 128 + the signal's number), and Node's exit path lets us collect the profile first. It tells
 * us which signal it was through a binding. A program that listens to the signal itself is left
 * alone: it ends through its own exit path anyway. SIGKILL, a crash or V8's out-of-memory abort
 * cannot be caught: those still lose the CPU profile (the timeline keeps what it sampled).
 * Measured on Node 20, 22, 24 and 26 (test/integration/recordExitSignals.test.ts).
 */
import type { InspectorSession } from '../inspector/session';

/** The signals whose default action ends a Node process and that a program may receive from outside. */
export const heldSignals = ['SIGINT', 'SIGTERM', 'SIGHUP', 'SIGUSR2'] as const;

/** The binding the listener calls with the signal's name. */
const bindingName = '__flamelensProcessEnding';
/** Where the listener keeps what removes it, in the target. */
const hookKey = 'flamelens.exitSignals';

export interface ExitSignals {
  /** The signal that ended the process, once the listener saw it. */
  readonly received: () => string | undefined;
  /** Removes the listeners from a target that lives on (the recording was stopped). */
  remove(): Promise<void>;
}

/** The expression that installs the listeners in the target (replacing an earlier FlameLens' own). */
export function installExpression(signals: readonly string[] = heldSignals): string {
  return `(() => {
  const key = Symbol.for(${JSON.stringify(hookKey)});
  globalThis[key]?.remove();
  if (typeof process !== 'object' || typeof process.on !== 'function') return false;
  const added = [];
  const remove = () => {
    for (const [signal, listener] of added) process.removeListener(signal, listener);
    added.length = 0;
    delete globalThis[key];
  };
  for (const signal of ${JSON.stringify(signals)}) {
    const listener = () => {
      // The program listens too: it decides how to end, through Node's exit path.
      if (process.listenerCount(signal) > 1) return;
      remove();
      try { globalThis[${JSON.stringify(bindingName)}]?.(signal); } catch {}
      process.kill(process.pid, signal);
    };
    try {
      process.on(signal, listener);
      added.push([signal, listener]);
    } catch {}
  }
  globalThis[key] = { remove };
  return true;
})()`;
}

/** The expression that removes the listeners again. */
export function removeExpression(): string {
  return `globalThis[Symbol.for(${JSON.stringify(hookKey)})]?.remove()`;
}

/**
 * Installs the listeners in the target's main context. Best effort: a target where it fails
 * (not Node, a frozen `process`) is recorded as before.
 */
export async function holdExitSignals(session: InspectorSession): Promise<ExitSignals> {
  let received: string | undefined;
  session.on('Runtime.bindingCalled', ({ name, payload }) => {
    if (name === bindingName) received = payload;
  });
  await session.send('Runtime.addBinding', { name: bindingName }).catch(() => undefined);
  const installed = await session
    .send('Runtime.evaluate', { expression: installExpression(), returnByValue: true, silent: true })
    .then((reply) => reply.result.value === true && !reply.exceptionDetails)
    .catch(() => false);
  return {
    received: () => received,
    async remove() {
      if (!installed) return;
      await session.send('Runtime.evaluate', { expression: removeExpression(), silent: true }).catch(() => undefined);
      await session.send('Runtime.removeBinding', { name: bindingName }).catch(() => undefined);
    },
  };
}
