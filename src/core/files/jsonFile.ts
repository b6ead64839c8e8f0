/**
 * Reading and writing the JSON files FlameLens saves (.cpuprofile, .heapprofile, .memory.json):
 * a file that cannot be read, is empty, is cut short or is not JSON gets one sentence saying so;
 * writing is atomic (a `.partial` file renamed on success), so a crash never leaves half a file.
 */
import * as fs from 'node:fs/promises';
import * as path from 'node:path';
import { badInput, type FlameLensError } from '../errors';

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
  return badInput(code === 'ENOENT' ? `${file} does not exist.` : `${file} could not be read (${code ?? (error as Error).message}).`, error);
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
      looksCut
        ? `${name} ends in the middle of ${kind.whole} (the file is truncated); record it again.`
        : `${name} is not ${kind.what}: it is not JSON.`,
    );
  }
}

/** Writes `value` as JSON atomically (temp file, then rename), making the folder if needed. */
export async function writeJsonFileAtomically(file: string, value: unknown): Promise<void> {
  await fs.mkdir(path.dirname(path.resolve(file)), { recursive: true });
  const temporary = `${file}.${process.pid}.partial`;
  try {
    await fs.writeFile(temporary, JSON.stringify(value));
    await fs.rename(temporary, file);
  } catch (error) {
    await fs.rm(temporary, { force: true });
    throw error;
  }
}
