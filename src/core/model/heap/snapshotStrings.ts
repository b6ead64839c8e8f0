/**
 * The strings of a heap snapshot, read from the file only when asked for. The parser keeps
 * just where each string sits in the file (12 bytes per string), so a snapshot with hundreds
 * of MB of string contents costs almost nothing in memory: the summary needs the names of
 * constructors and the properties on a retainer path, a tiny share of the table.
 */
import * as fs from 'node:fs';
import { badInput } from '../../errors';

/** Strings shorter than this are kept once read (names); longer ones (contents) are read again when asked for. */
const maxCachedStringLength = 4096;

export class SnapshotStrings {
  private fd: number | undefined;
  private readonly cache = new Map<number, string>();

  constructor(
    /** Byte offset in the file of the first character after each string's opening quote. */
    private readonly starts: Float64Array,
    /** Length in bytes of each string's raw (still escaped) contents. */
    private readonly lengths: Uint32Array,
    readonly count: number,
  ) {}

  /** Points the table at the file its offsets refer to. */
  attach(file: string): void {
    this.close();
    try {
      this.fd = fs.openSync(file, 'r');
    } catch (error) {
      throw badInput(`${file} could not be opened again to read its strings (${(error as NodeJS.ErrnoException).code}).`, error);
    }
  }

  get(index: number): string {
    const cached = this.cache.get(index);
    if (cached !== undefined) return cached;
    const text = this.read(index, Infinity);
    // Names repeat (constructor and property names); contents of big strings are read once.
    if (text.length < maxCachedStringLength) this.cache.set(index, text);
    return text;
  }

  /** The string cut to `maxLength` characters, without reading the rest of a huge one. */
  preview(index: number, maxLength: number): string {
    return this.read(index, maxLength * 6);
  }

  lengthOf(index: number): number {
    return this.lengths[index];
  }

  close(): void {
    if (this.fd !== undefined) fs.closeSync(this.fd);
    this.fd = undefined;
  }

  private read(index: number, maxBytes: number): string {
    if (index >= this.count) return '';
    if (this.fd === undefined) throw new Error('snapshot strings are not attached to their file');
    const length = Math.min(this.lengths[index], maxBytes);
    const bytes = Buffer.allocUnsafe(length);
    fs.readSync(this.fd, bytes, 0, length, this.starts[index]);
    if (!bytes.includes(92 /* backslash */)) return bytes.toString('utf8');
    let raw = bytes.toString('utf8');
    if (length < this.lengths[index]) raw = raw.replace(/\\u?[0-9a-fA-F]{0,3}$|\\$/, ''); // cut inside an escape
    try {
      return JSON.parse(`"${raw}"`) as string;
    } catch {
      return raw;
    }
  }
}
