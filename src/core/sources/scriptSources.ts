/**
 * Where a script's text and source map reference come from: the live target while it is
 * still connected (exactly what V8 ran, including code transpiled in memory by tsx or
 * ts-node), or the files on disk for a saved profile.
 */
import * as fs from 'node:fs/promises';
import type { CpuCaptureResult } from '../capture/cpuProfile';
import { localFile } from './localFile';

export interface ScriptSource {
  readonly text?: string;
  /** The source map URL the runtime reported for the script, if any. */
  readonly sourceMapURL?: string;
}

export interface ScriptSourceReader {
  /**
   * A script's text and declared map; undefined when neither can be had. Without a script
   * id (a module found through an import, not in the profile) the URL alone identifies it.
   */
  script(url: string, scriptId?: string): Promise<ScriptSource | undefined>;
  /** Reads a file by absolute path (source map files). */
  readFile(file: string): Promise<string | undefined>;
}

/** Reads scripts from disk: for profiles opened after the fact. */
export function diskScriptSources(): ScriptSourceReader {
  return {
    async script(url) {
      const file = localFile(url);
      const text = file ? await readFileIfExists(file) : undefined;
      return text === undefined ? undefined : { text };
    },
    readFile: readFileIfExists,
  };
}

/** Reads scripts from the still-connected target, falling back to disk. */
export function liveScriptSources(capture: CpuCaptureResult): ScriptSourceReader {
  const disk = diskScriptSources();
  return {
    async script(url, scriptId) {
      const id = scriptId ?? scriptIdOf(capture, url);
      const declared = id === undefined ? undefined : capture.scripts.get(id)?.sourceMapURL;
      const text = (id === undefined ? undefined : await capture.readScriptSource(id)) ?? (await disk.script(url))?.text;
      return text === undefined && declared === undefined ? undefined : { text, sourceMapURL: declared };
    },
    readFile: readFileIfExists,
  };
}

/** The id of the script the target loaded from `url` (the latest, if it was loaded twice). */
function scriptIdOf(capture: CpuCaptureResult, url: string): string | undefined {
  let found: string | undefined;
  for (const script of capture.scripts.values()) if (script.url === url) found = script.scriptId;
  return found;
}

/** Scripts and source maps larger than this are not read: no real one is, and a profile may name any file. */
const maxSourceBytes = 256 * 1024 * 1024;

async function readFileIfExists(file: string): Promise<string | undefined> {
  try {
    // Only regular files: a profile naming a FIFO or a device (/dev/tty) must not block us for ever.
    const stat = await fs.stat(file);
    if (!stat.isFile() || stat.size > maxSourceBytes) return undefined;
    return await fs.readFile(file, 'utf8');
  } catch {
    return undefined;
  }
}
