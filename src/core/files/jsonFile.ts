/**
 * Reading and writing the JSON files FlameLens saves (.cpuprofile, .heapprofile, .memory.json):
 * a file that cannot be read, is empty, is cut short or is not JSON gets one sentence saying so;
 * writing is atomic (a `.partial` file renamed on success), so a crash never leaves half a file.
 */
import * as fs from 'node:fs/promises';
import * as path from 'node:path';
import { badInput, FlameLensError } from '../errors';

/** What a file should be, in the words of its messages. */
export interface JsonFileKind {
  /** With its article: "a CPU profile". */
  readonly what: string;
  /** What a cut file ends in the middle of: "the profile". */
  readonly whole: string;
}

/** The one sentence for a file that could not be opened or read. */
export function unreadable(file: string, error: unknown): FlameLensError {
  const code = (error as NodeJS.ErrnoException).code;
  const why: Record<string, string> = {
    ENOENT: `${file} does not exist.`,
    EISDIR: `${file} is a folder; name the file inside it.`,
    EACCES: `${file} could not be read (permission denied); check its permissions.`,
    ERR_STRING_TOO_LONG: `${file} is too big to read as one text (over 512 MB); it is not a profile FlameLens can open.`,
  };
  return badInput((code && why[code]) ?? `${file} could not be read (${code ?? bounded((error as Error)?.message ?? String(error))}).`, error);
}

/** Reads a whole text file; a missing or unreadable one is bad input. */
export async function readFileText(file: string): Promise<string> {
  try {
    return await fs.readFile(file, 'utf8');
  } catch (error) {
    throw unreadable(file, error);
  }
}

/** Parses the text of a file that should be `kind`; `name` is used in messages. */
export function parseJson(text: string, name: string, kind: JsonFileKind): unknown {
  if (text.trim().length === 0) throw badInput(`${name} is empty; it is not ${kind.what}.`);
  try {
    return JSON.parse(text) as unknown;
  } catch {
    const looksCut = /^\s*[[{]/.test(text) && !/[}\]]\s*$/.test(text);
    throw badInput(
      looksCut ? `${name} ends in the middle of ${kind.whole} (the file is truncated); record it again.` : `${name} is not ${kind.what}: it is not JSON.`,
    );
  }
}

/** Writes `value` as JSON atomically (temp file, then rename), making the folder if needed. */
export async function writeJsonFileAtomically(file: string, value: unknown): Promise<void> {
  await writeTextFileAtomically(file, stringifyJson(value));
}

/**
 * Writes a text file atomically: into `<file>.<pid>.partial` (the pid keeps two writers apart),
 * flushed to the disk, then renamed over `file`. A full disk, a crash or a kill never leaves a
 * 0-byte or truncated file under the final name, only at worst the `.partial` one. A path that
 * cannot be written is bad input, in one sentence saying why and what to do.
 */
export async function writeTextFileAtomically(file: string, text: string): Promise<void> {
  const temporary = `${file}.${process.pid}.partial`;
  try {
    // A folder under the name would only show after writing the whole file: say so first.
    if ((await fs.stat(file).catch(() => undefined))?.isDirectory()) throw Object.assign(new Error('is a directory'), { code: 'EISDIR' });
    await makeFolderOf(file);
    const handle = await fs.open(temporary, 'w');
    try {
      await handle.writeFile(text);
      // Some file systems only report a full disk when the data is flushed.
      await handle.sync();
    } finally {
      await handle.close();
    }
    await fs.rename(temporary, file);
  } catch (error) {
    await fs.rm(temporary, { force: true }).catch(() => undefined);
    throw unwritable(file, error);
  }
}

/**
 * Creates the folders a file will be written in, one level at a time from the nearest one that
 * exists. Not `mkdir({ recursive: true })`: Node's loops for ever on paths it cannot create,
 * such as a folder under /proc.
 */
export async function makeFolderOf(file: string): Promise<void> {
  const missing: string[] = [];
  for (let folder = path.dirname(path.resolve(file)); ; folder = path.dirname(folder)) {
    const stat = await fs.stat(folder).catch(() => undefined);
    if (stat) break;
    missing.unshift(folder);
    if (path.dirname(folder) === folder) break;
  }
  for (const folder of missing) {
    await fs.mkdir(folder).catch((error: NodeJS.ErrnoException) => {
      if (error.code !== 'EEXIST') throw error; // another writer made it meanwhile
    });
  }
}

/** The one sentence for a file that could not be written: what happened and what to do. */
export function unwritable(file: string, error: unknown): FlameLensError {
  if (error instanceof FlameLensError) return error;
  const code = (error as NodeJS.ErrnoException).code;
  const why: Record<string, string> = {
    ENOSPC: 'the disk is full; free some space or write it to another disk',
    EDQUOT: 'the disk quota is used up; free some space or write it to another disk',
    EROFS: 'the file system is read-only; write it to a folder you can write to',
    EISDIR: 'that is a folder; give a file name',
    EACCES: 'permission denied; write it to a folder you can write to',
    EPERM: 'the operation is not permitted; write it to a folder you can write to',
    ENOENT: 'its folder does not exist and could not be created; check the path',
    ENOTDIR: 'part of its path is a file, not a folder; check the path',
    EEXIST: 'part of its path is a file, not a folder; check the path',
    ENAMETOOLONG: 'the name is too long; choose a shorter path',
  };
  const reason = (code && why[code]) ?? `${code ?? bounded((error as Error)?.message ?? String(error))}; check the path and the disk`;
  return badInput(`Could not write ${file}: ${reason}.`, error);
}

/**
 * `JSON.stringify` recurses: nesting a few thousand levels deep (a deep call tree in a
 * .heapprofile, a flame tree of recursive code) overflows the stack. Such values are written
 * by an explicit-stack serializer producing the same text; everything else takes the fast path.
 */
export function stringifyJson(value: unknown): string {
  try {
    return JSON.stringify(value);
  } catch (error) {
    if (!(error instanceof RangeError)) throw error;
    return stringifyIteratively(value);
  }
}

type Frame = { readonly keys?: string[]; readonly items: unknown[] | Record<string, unknown>; at: number; first: boolean };

function stringifyIteratively(root: unknown): string {
  const out: string[] = [];
  const stack: Frame[] = [];
  // Writes one value; a container opens a frame that the loop below fills.
  // (Properties that JSON leaves out never get here; in arrays they become null, as in JSON.)
  const open = (raw: unknown): void => {
    const value =
      raw !== null && typeof raw === 'object' && typeof (raw as { toJSON?: unknown }).toJSON === 'function' ? (raw as { toJSON(): unknown }).toJSON() : raw;
    if (value === null || value === undefined || typeof value === 'function' || typeof value === 'symbol') out.push('null');
    else if (typeof value === 'number') out.push(Number.isFinite(value) ? String(value) : 'null');
    else if (typeof value === 'string') out.push(JSON.stringify(value));
    else if (typeof value === 'boolean') out.push(value ? 'true' : 'false');
    else if (typeof value === 'bigint') throw new TypeError('Do not know how to serialize a BigInt');
    else if (Array.isArray(value)) {
      out.push('[');
      stack.push({ items: value, at: 0, first: true });
    } else {
      out.push('{');
      stack.push({ keys: Object.keys(value as object), items: value as Record<string, unknown>, at: 0, first: true });
    }
  };
  open(root);
  while (stack.length > 0) {
    const frame = stack[stack.length - 1];
    if (frame.keys) {
      const items = frame.items as Record<string, unknown>;
      let key: string | undefined;
      while (frame.at < frame.keys.length) {
        const candidate = frame.keys[frame.at++];
        const v = items[candidate];
        if (v !== undefined && typeof v !== 'function' && typeof v !== 'symbol') {
          key = candidate;
          break;
        }
      }
      if (key === undefined) {
        stack.pop();
        out.push('}');
        continue;
      }
      out.push(frame.first ? '' : ',', JSON.stringify(key), ':');
      frame.first = false;
      open(items[key]);
    } else {
      const items = frame.items as unknown[];
      if (frame.at >= items.length) {
        stack.pop();
        out.push(']');
        continue;
      }
      if (!frame.first) out.push(',');
      frame.first = false;
      open(items[frame.at++]);
    }
  }
  return out.join('');
}

/** File content quoted in a message, cut to ~200 characters (a hostile file can hold megabytes). */
export function bounded(text: string, max = 200): string {
  const oneLine = text.replace(/[\u0000-\u001f\u007f-\u009f]/g, ' ');
  return oneLine.length > max ? `${oneLine.slice(0, max)}…` : oneLine;
}
