/** `flamelens snapshot <pid | host:port | ws://…> --out <file>`: save a heap snapshot of a running process. */
import * as fs from 'node:fs';
import { takeHeapSnapshot } from '../../core/capture/heapSnapshot';
import { badInput } from '../../core/errors';
import { parseTargetAddress } from '../../core/inspector/address';
import { resolveInspectorTarget } from '../../core/inspector/attach';
import { commonFlags, parseFlags } from '../options';
import type { Console } from '../outputs';
import { stopOnInterrupt } from '../stopOnInterrupt';

export const snapshotUsage = `flamelens snapshot <pid | host:port | ws://…> --out <file.heapsnapshot> [--allow-remote]

Saves a heap snapshot of a running Node.js process (opens Chrome DevTools' Memory tab and
"flamelens heap"). Given a pid of a process started without --inspect, opens its inspector
(SIGUSR1 on Linux/macOS). The process keeps running. The snapshot streams to <file>.partial and
takes its name once complete; Ctrl+C cancels and keeps nothing. Taking it pauses the process and
needs about as much free memory as its heap.
--out <file>     where to save it (required; DevTools only opens files named *.heapsnapshot)
--allow-remote   connect to an inspector on another machine (unencrypted; only on networks you trust)`;

/** Progress lines are printed at most every this many percent, and every this many MB written. */
const progressStepPct = 10;
const writtenStepBytes = 100e6;

export async function snapshot(args: string[], console: Console): Promise<void> {
  const { values, positionals } = parseFlags('snapshot', args, {
    out: { type: 'string' },
    ...commonFlags,
    'allow-remote': { type: 'boolean' },
  });
  if (values.help) return console.out(snapshotUsage);
  if (positionals.length !== 1) {
    throw badInput('Name one target: a pid, host:port or ws:// URL. Example: flamelens snapshot 4242 --out before.heapsnapshot');
  }
  const out = values.out;
  if (!out) throw badInput('Say where to save the snapshot with --out <file.heapsnapshot>. Example: flamelens snapshot 4242 --out before.heapsnapshot');
  const target = await resolveInspectorTarget(parseTargetAddress(positionals[0]), { allowRemote: values['allow-remote'] });

  // A second Ctrl+C exits at once, before the capture can clean up: remove the half file here.
  const interrupt = stopOnInterrupt(
    () => fs.rmSync(`${out}.partial`, { force: true }),
    'Cancelling the heap snapshot (Ctrl+C again to give up)...',
  );
  let printedPct = -1;
  let written = 0;
  let nextWrittenLine = 0;
  try {
    console.info(`Taking a heap snapshot of ${target.label}; press Ctrl+C to cancel.`);
    const saved = await takeHeapSnapshot(target.webSocketUrl, {
      out,
      signal: interrupt.signal,
      onProgress(done, total) {
        const pct = total > 0 ? Math.floor((done / total) * (100 / progressStepPct)) * progressStepPct : 0;
        if (pct <= printedPct) return;
        printedPct = pct;
        console.info(`Heap snapshot: ${pct} %`);
      },
      onChunk(chunk) {
        // Characters, not bytes: the JSON is almost all ASCII, and this is only a progress line.
        written += chunk.length;
        if (written < nextWrittenLine) return;
        console.info(nextWrittenLine === 0 ? `Writing ${out}...` : `  ${megabytes(nextWrittenLine)} MB written`);
        nextWrittenLine += writtenStepBytes;
      },
    });
    console.out(`Heap snapshot saved to ${saved.file} (${megabytes(saved.bytes)} MB)`);
  } finally {
    interrupt.dispose();
  }
}

function megabytes(bytes: number): string {
  return (bytes / 1e6).toFixed(1);
}
