/** `flamelens snapshot <pid | host:port | ws://…> --out <file>`: save a heap snapshot of a running process. */
import * as fs from 'node:fs';
import * as readline from 'node:readline';
import { captureHeapSnapshot, estimateSnapshotBytes } from '../../core/capture/heapSnapshot';
import { formatBytes } from '../../format';
import { badInput, FlameLensError } from '../../core/errors';
import { connectInspector } from '../../core/inspector/session';
import { parseTargetAddress } from '../../core/inspector/address';
import { resolveInspectorTarget, type ResolvedTarget } from '../../core/inspector/attach';
import { closeInspectorWeOpened, notClosedWarning, waitingToCloseNotice } from '../../core/inspector/closeInspector';
import { commonFlags, parseFlags, positiveCount } from '../options';
import type { Console } from '../outputs';
import { stopOnInterrupt } from '../stopOnInterrupt';

export const snapshotUsage = `flamelens snapshot <pid | host:port | ws://…> --out <file.heapsnapshot> [--out <next.heapsnapshot> …] [--every <s>] [--allow-remote]

Saves a heap snapshot of a running Node.js process (opens Chrome DevTools' Memory tab and
"flamelens heap"). Given a pid of a process started without --inspect, opens its inspector
(SIGUSR1 on Linux/macOS) and closes it again when done. The process keeps running. The snapshot
streams to <file>.partial and takes its name once complete; Ctrl+C cancels, keeps nothing and
exits with 130. A flamelens killed outright (SIGKILL) leaves <file>.partial, incomplete: the next
snapshot to the same file replaces it. Taking it pauses the process and needs about as much free
memory as its heap.
--out <file>     where to save it (required; DevTools only opens files named *.heapsnapshot). Repeat it to
                 take several snapshots through one connection, comparable with "flamelens heap-diff"
--every <s>      seconds between those snapshots (default: wait for Enter)
--allow-remote   connect to an inspector on another machine (unencrypted; only on networks you trust)`;

/** A progress line every this many bytes written. */
const writtenStepBytes = 50e6;

export async function snapshot(args: string[], console: Console): Promise<void> {
  const { values, positionals } = parseFlags('snapshot', args, {
    out: { type: 'string', multiple: true },
    every: { type: 'string' },
    ...commonFlags,
    'allow-remote': { type: 'boolean' },
  });
  if (values.help) return console.out(snapshotUsage);
  if (positionals.length !== 1) {
    throw badInput('Name one target: a pid, host:port or ws:// URL. Example: flamelens snapshot 4242 --out before.heapsnapshot');
  }
  const outs: readonly string[] = [values.out ?? []].flat();
  if (outs.length === 0)
    throw badInput('Say where to save the snapshot with --out <file.heapsnapshot>. Example: flamelens snapshot 4242 --out before.heapsnapshot');
  const everyMs = values.every === undefined ? undefined : positiveCount('--every', values.every) * 1000;
  const target = await resolveInspectorTarget(parseTargetAddress(positionals[0]), { allowRemote: values['allow-remote'] });
  const files = { current: outs[0] };
  // A second Ctrl+C exits at once, before the capture can clean up: remove the half file here,
  // and say that the inspector we opened may stay open.
  const interrupt = stopOnInterrupt(() => {
    fs.rmSync(`${files.current}.partial`, { force: true });
    if (target.openedInspector) process.stderr.write(`flamelens: ${notClosedWarning(target.openedInspector)}\n`);
  }, 'Cancelling the heap snapshot (Ctrl+C again to give up)...');
  try {
    await takeSnapshots(target, outs, files, everyMs, interrupt.signal, console);
  } finally {
    // Leave the process as we found it, whether the snapshots worked or not. After a cancel the
    // target first finishes writing the snapshot it started: that can take a while.
    const opened = target.openedInspector;
    const warning = await closeInspectorWeOpened(target, { onWait: () => opened && console.info(waitingToCloseNotice(opened)) });
    interrupt.dispose();
    if (warning) console.info(`flamelens: ${warning}`);
  }
}

async function takeSnapshots(
  target: ResolvedTarget,
  outs: readonly string[],
  files: { current: string },
  everyMs: number | undefined,
  signal: AbortSignal,
  console: Console,
): Promise<void> {
  // One session for all snapshots: V8 renumbers objects when a debugger disconnects, and
  // heap-diff needs the same object to keep its id.
  const session = await connectInspector(target.webSocketUrl);
  try {
    for (let index = 0; index < outs.length; index++) {
      files.current = outs[index];
      if (index > 0) await waitForNext(index, outs.length, everyMs, signal, console);
      console.info(`Taking a heap snapshot of ${target.label}; press Ctrl+C to cancel.`);
      const expected = await estimateSnapshotBytes(session);
      const saved = await captureHeapSnapshot(session, { out: files.current, signal, ...progressLines(files.current, expected, console) });
      console.out(`Heap snapshot saved to ${saved.file} (${formatBytes(saved.bytes)})`);
    }
  } finally {
    await session.close();
  }
}

/** Between snapshots: a fixed pause, or Enter from the user once their load has run. */
async function waitForNext(index: number, total: number, everyMs: number | undefined, signal: AbortSignal, console: Console): Promise<void> {
  const cancelled = new Promise<never>((_, reject) =>
    signal.addEventListener('abort', () => reject(new FlameLensError('cancelled', 'Cancelled between snapshots; the ones taken are saved.')), { once: true }),
  );
  cancelled.catch(() => undefined);
  if (everyMs !== undefined) {
    console.info(`Next snapshot (${index + 1} of ${total}) in ${everyMs / 1000} s; put load on the process now.`);
    await Promise.race([new Promise((resolve) => setTimeout(resolve, everyMs)), cancelled]);
    return;
  }
  console.info(`Put load on the process, then press Enter for snapshot ${index + 1} of ${total}.`);
  const lines = readline.createInterface({ input: process.stdin });
  try {
    await Promise.race([new Promise((resolve) => lines.once('line', resolve)), new Promise((resolve) => lines.once('close', resolve)), cancelled]);
  } finally {
    lines.close();
  }
}

/**
 * Progress as bytes written, with a percentage against an estimate of the file's size
 * (asking V8 for its own progress makes it walk the heap twice: 20–40 % slower).
 */
function progressLines(out: string, expected: number | undefined, console: Console) {
  let written = 0;
  let nextLine = 0;
  return {
    onChunk(chunk: string) {
      // Characters, not bytes: the JSON is almost all ASCII, and this is only a progress line.
      written += chunk.length;
      if (written < nextLine) return;
      const share = expected ? ` (about ${Math.min(99, Math.floor((written / expected) * 100))} %)` : '';
      console.info(nextLine === 0 ? `Writing ${out}...` : `  ${formatBytes(nextLine)} written${share}`);
      nextLine += writtenStepBytes;
    },
  };
}
