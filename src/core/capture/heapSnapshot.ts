/**
 * Heap snapshot capture through the inspector. The target serializes its heap as JSON in
 * ~100 KB `HeapProfiler.addHeapSnapshotChunk` events; each one goes straight to
 * `<out>.partial` (a snapshot can exceed V8's string limit, so it is never joined in memory)
 * and the file takes its real name only once it is complete. A target that dies, a cancel,
 * or a failed write leaves no file behind; a capture killed outright (SIGKILL) leaves the
 * `.partial`, named as incomplete, which the next capture to the same file replaces.
 *
 * Chunks are written with a synchronous write of the string, not through a WriteStream:
 * a WriteStream turns every chunk into a Buffer that only a GC frees, and on a busy machine
 * those piled up to 135 MiB of client RSS for an 820 MB snapshot (B2); the synchronous write
 * copies through a buffer Node frees at once (~60 MiB, flat), and while it writes the socket
 * is not read, so a slow disk holds the target back instead of filling our memory.
 */
import * as fs from 'node:fs';
import { badInput, FlameLensError, targetFailed } from '../errors';
import { connectInspector, type InspectorSession } from '../inspector/session';
import { makeFolderOf } from '../files/jsonFile';

export interface HeapSnapshotOptions {
  /** Where the snapshot is saved (conventionally `*.heapsnapshot`, which DevTools requires). */
  readonly out: string;
  /**
   * V8's progress while it walks the heap (objects done of total). It reaches total before the
   * file is written: the writing itself is reported through `onChunk`. Asked for only when
   * given: V8 then counts the heap in an extra pass first, which made captures ~20 % slower (B2).
   */
  onProgress?(done: number, total: number): void;
  /** Every chunk as it arrives, for a caller that parses the snapshot while it streams. */
  onChunk?(chunk: string): void;
  /** Aborting it stops the capture and keeps nothing (Ctrl+C, a Cancel button). */
  readonly signal?: AbortSignal;
}

export interface SavedHeapSnapshot {
  readonly file: string;
  readonly bytes: number;
}

/** Takes a heap snapshot of the target behind `session` and streams it to `options.out`. */
export async function captureHeapSnapshot(session: InspectorSession, options: HeapSnapshotOptions): Promise<SavedHeapSnapshot> {
  const { out, signal } = options;
  if (signal?.aborted) throw cancelled();
  const partial = `${out}.partial`;
  const file = await openPartialFile(out, partial);
  const capture = new CaptureEnd();
  const stopWatching = endOnCancelOrDrop(session, signal, capture);
  const unsubscribe = streamChunks(session, file, options, capture);
  try {
    await Promise.race([capture.interrupted, takeSnapshot(session, Boolean(options.onProgress), signal)]);
    // The protocol delivers every chunk before the command's reply: the file is complete.
    capture.finished = true;
    if (capture.failure) throw capture.failure; // A write or a callback may have failed on the last chunks.
    await keepFile(file, partial, out);
    return { file: out, bytes: file.bytes };
  } catch (error) {
    capture.finished = true;
    await discardFile(file, partial);
    throw error;
  } finally {
    unsubscribe();
    stopWatching();
  }
}

/**
 * How a capture ends: whatever ends it early (socket drop, cancel, disk error, a failing
 * callback) rejects `interrupted` with the first reason; the capture races it, so nothing
 * waits on a target that is gone.
 */
class CaptureEnd {
  /** Set once the capture is over (complete or not): late chunks and progress are ignored. */
  finished = false;
  failure: FlameLensError | undefined;
  readonly interrupted: Promise<never>;
  private reject: (error: FlameLensError) => void = () => undefined;

  constructor() {
    this.interrupted = new Promise<never>((_, fail) => (this.reject = fail));
    this.interrupted.catch(() => undefined); // Raced by the capture; a late interruption after success is moot.
  }

  interrupt(error: FlameLensError): void {
    this.failure ??= error;
    this.reject(this.failure);
  }
}

/** Ends the capture on cancel (closing the socket) and when the socket drops; returns the undo. */
function endOnCancelOrDrop(session: InspectorSession, signal: AbortSignal | undefined, capture: CaptureEnd): () => void {
  const onAbort = () => {
    // Closing the socket is what stops the transfer: the target cannot be told to stop serializing.
    void session.close();
    capture.interrupt(cancelled());
  };
  signal?.addEventListener('abort', onAbort, { once: true });
  void session.disconnected.then(() => {
    if (!capture.finished) capture.interrupt(signal?.aborted ? cancelled() : targetExited());
  });
  return () => signal?.removeEventListener('abort', onAbort);
}

/** Writes each chunk to the file as it arrives and passes chunks and progress on; returns the unsubscribe. */
function streamChunks(session: InspectorSession, file: PartialFile, options: HeapSnapshotOptions, capture: CaptureEnd): () => void {
  // The callbacks run inside the socket's message handler, where a throw would crash the
  // process: a failing caller (say, a parser that meets bad data) ends the capture instead.
  const guarded = (callback: () => void) => {
    try {
      callback();
    } catch (error) {
      capture.interrupt(
        error instanceof FlameLensError
          ? error
          : targetFailed(`The heap snapshot could not be processed (${(error as Error).message ?? error}); nothing was saved.`, error),
      );
    }
  };
  const unsubscribe = [
    session.on('HeapProfiler.addHeapSnapshotChunk', ({ chunk }) => {
      if (capture.finished) return;
      try {
        file.write(chunk);
      } catch (error) {
        capture.finished = true; // Nothing more to write to: the capture is over.
        capture.interrupt(cannotWrite(options.out, error));
        return;
      }
      if (options.onChunk) guarded(() => options.onChunk!(chunk));
    }),
    session.on('HeapProfiler.reportHeapSnapshotProgress', ({ done, total }) => {
      if (!capture.finished && options.onProgress) guarded(() => options.onProgress!(done, total));
    }),
  ];
  return () => unsubscribe.forEach((off) => off());
}

/** The complete file takes its real name. */
async function keepFile(file: PartialFile, partial: string, out: string): Promise<void> {
  try {
    file.close();
    await fs.promises.rename(partial, out);
  } catch (error) {
    throw cannotWrite(out, error);
  }
}

/** An incomplete capture leaves nothing behind. */
async function discardFile(file: PartialFile, partial: string): Promise<void> {
  try {
    file.close();
  } catch {
    // Already failing; the file is removed next either way.
  }
  await fs.promises.rm(partial, { force: true }).catch(() => undefined);
}

/** Connects to an inspector WebSocket URL, takes one heap snapshot, and disconnects. */
export async function takeHeapSnapshot(webSocketUrl: string, options: HeapSnapshotOptions): Promise<SavedHeapSnapshot> {
  if (options.signal?.aborted) throw cancelled();
  const session = await connectInspector(webSocketUrl);
  try {
    return await captureHeapSnapshot(session, options);
  } finally {
    await session.close();
  }
}

async function takeSnapshot(session: InspectorSession, reportProgress: boolean, signal: AbortSignal | undefined): Promise<void> {
  try {
    await session.send('HeapProfiler.enable');
    await session.send('HeapProfiler.takeHeapSnapshot', { reportProgress });
  } catch (error) {
    // A send fails when the socket closed under it; `interrupted` then says why, so only
    // a reply with a protocol error gets a message of its own.
    if (signal?.aborted) throw cancelled();
    if (/closed/i.test((error as Error).message ?? '')) throw targetExited(error);
    throw targetFailed(`The target could not take a heap snapshot (${(error as Error).message ?? error}); nothing was saved.`, error);
  }
}

interface PartialFile {
  /** Appends a chunk, synchronously; throws what the file system says (ENOSPC, EIO…). */
  write(chunk: string): void;
  /** Bytes written so far. */
  readonly bytes: number;
  /** Closes the file once; later calls do nothing. */
  close(): void;
}

/**
 * Opens `<out>.partial` for writing, making its folder if needed, so a bad path fails before the
 * target works. A `.partial` already there is what a killed capture left (SIGKILL cannot be
 * caught): it is removed, never written through — it may be a link planted to make us overwrite
 * another file — and ours is created afresh (`wx`: fails rather than follow a link made meanwhile).
 */
async function openPartialFile(out: string, partial: string): Promise<PartialFile> {
  let fd: number | undefined;
  try {
    await makeFolderOf(out);
    await fs.promises.rm(partial, { force: true });
    fd = fs.openSync(partial, 'wx');
  } catch (error) {
    throw cannotWrite(out, error);
  }
  let bytes = 0;
  return {
    write(chunk) {
      const written = fs.writeSync(fd!, chunk);
      bytes += written;
      // V8 writes the snapshot as ASCII, so a full write is `chunk.length` bytes; anything
      // else is checked properly and the rest written from bytes (rare: a nearly full disk).
      if (written !== chunk.length) {
        const all = Buffer.from(chunk);
        for (let offset = written; offset < all.length;) {
          const more = fs.writeSync(fd!, all, offset, all.length - offset);
          offset += more;
          bytes += more;
        }
      }
    },
    get bytes() {
      return bytes;
    },
    close() {
      if (fd === undefined) return;
      const open = fd;
      fd = undefined;
      fs.closeSync(open);
    },
  };
}

function targetExited(cause?: unknown): FlameLensError {
  return targetFailed(
    'The process exited while the heap snapshot was being written; nothing was saved. A snapshot needs about as much free memory as the heap it copies: free some memory (or let the process settle) and try again.',
    cause,
  );
}

function cancelled(): FlameLensError {
  return new FlameLensError('cancelled', 'The heap snapshot was cancelled; nothing was saved.');
}

function cannotWrite(out: string, cause: unknown): FlameLensError {
  const reason = (cause as NodeJS.ErrnoException).code ?? (cause as Error).message ?? String(cause);
  return badInput(`Could not write the heap snapshot to ${out} (${reason}); nothing was saved. Choose a file in a writable folder with free space.`, cause);
}

/** JSON bytes per byte of used heap, measured on the B2 targets. */
const snapshotBytesPerHeapByte = 1.6;

/**
 * About how big the snapshot file of the target's heap will be, for a progress bar that costs
 * nothing: asking V8 for progress makes it walk the whole heap once more first (20–40 % slower
 * in B2). The JSON comes out at ~1.6 bytes per byte of used heap on the B2 targets; the caller
 * should treat the figure as an estimate (never show 100 % before the end).
 */
export async function estimateSnapshotBytes(session: InspectorSession): Promise<number | undefined> {
  try {
    const { usedSize } = await session.send('Runtime.getHeapUsage');
    return usedSize > 0 ? usedSize * snapshotBytesPerHeapByte : undefined;
  } catch {
    return undefined;
  }
}
