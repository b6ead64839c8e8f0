/**
 * Reads a .heapsnapshot file into a HeapGraph in fixed-size chunks, reporting progress, so a
 * multi-GB file never needs more than one chunk of read buffer.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { FlameLensError } from '../../errors';
import { unreadable } from '../../files/jsonFile';
import type { HeapGraph } from './heapGraph';
import { HeapSnapshotParser } from './heapSnapshotParser';

const CHUNK_BYTES = 4 << 20;
/** How often reading a big file lets progress messages and cancellation through. */
const yieldEveryMs = 100;

export interface ReadOptions {
  /** Fraction of the file read, 0..1. */
  onProgress?(fraction: number): void;
  readonly signal?: AbortSignal;
}

export async function readHeapSnapshotFile(file: string, options: ReadOptions = {}): Promise<HeapGraph> {
  const name = path.basename(file);
  let fd: number;
  try {
    fd = fs.openSync(file, 'r');
  } catch (error) {
    throw unreadable(file, error);
  }
  try {
    const size = fs.fstatSync(fd).size;
    const parser = new HeapSnapshotParser(name, { byteLength: size });
    const buffer = Buffer.allocUnsafe(CHUNK_BYTES);
    let position = 0;
    let lastYield = Date.now();
    for (;;) {
      const read = readChunk(file, fd, buffer, position);
      if (read === 0) break;
      parser.write(read === CHUNK_BYTES ? buffer : buffer.subarray(0, read));
      position += read;
      // Without slowing the scan: the clock is read once per 4 MB chunk.
      if (Date.now() - lastYield > yieldEveryMs) {
        options.onProgress?.(size > 0 ? position / size : 1);
        await new Promise((resolve) => setImmediate(resolve));
        if (options.signal?.aborted) throw new FlameLensError('cancelled', `Opening ${name} was cancelled.`);
        lastYield = Date.now();
      }
    }
    options.onProgress?.(1);
    return parser.end(file);
  } finally {
    fs.closeSync(fd);
  }
}

/** One chunk; a file that opens but cannot be read (a folder, an I/O error) is bad input too. */
function readChunk(file: string, fd: number, buffer: Buffer, position: number): number {
  try {
    return fs.readSync(fd, buffer, 0, buffer.length, position);
  } catch (error) {
    throw unreadable(file, error);
  }
}
