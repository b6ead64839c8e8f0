/**
 * The one rule for "which file on this machine is this script?". V8 names a script by a
 * file:// URL (ES modules), an absolute path (CommonJS), or something that is no file at all:
 * `node:` internals, eval code, `http(s)://` or `webpack://` sources, natives. Reading a
 * script, resolving its source map, following its imports and showing where a function lives
 * all ask the same question, so they share this answer (three copies of it had drifted:
 * one kept a bad file URL as it was, one gave up on it).
 */
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * The local file a script URL or path names, or undefined when it names none. Where the user
 * is shown a script, `localFile(url) ?? url` is what they read: the path, else the URL as V8 gave it.
 */
export function localFile(url: string): string | undefined {
  if (url.startsWith('file://')) {
    try {
      return fileURLToPath(url);
    } catch {
      return undefined; // a file URL with a host, or one that is not a path on this platform
    }
  }
  return path.isAbsolute(url) ? url : undefined;
}
