import { recordingName, safeName } from '../../core/capture/recordingName';

/** What to profile, as chosen in the picker or passed through the API; stored as the "last choice". */
export interface ProfileTarget {
  /** Shown in the status bar, notifications and the saved file's name. */
  readonly label: string;
  readonly pid?: number;
  /** host:port or ws://… */
  readonly address?: string;
  /** The user agreed to connect to a non-loopback address. */
  readonly allowRemote?: boolean;
  /** A command to launch (needs a trusted workspace). */
  readonly command?: readonly string[];
  readonly cwd?: string;
}

/** Splits a command line into words, honouring single and double quotes. */
export function splitCommandLine(text: string): string[] {
  const words: string[] = [];
  const pattern = /"([^"]*)"|'([^']*)'|(\S+)/g;
  for (const match of text.matchAll(pattern)) words.push(match[1] ?? match[2] ?? match[3]);
  return words;
}

/** What names a recording's files: the target, and the argv of the Node process recorded when known (an attached pid's). */
export type NamedTarget = ProfileTarget & { readonly argv?: readonly string[] };

/**
 * `<program>-<yyyymmdd>-<hhmmss>.cpuprofile`, named after the program (the npm script, the
 * script's name; the pid only when nothing better is known), safe on every file system.
 */
export function profileFileName(target: string | NamedTarget, when: Date): string {
  const named: NamedTarget = typeof target === 'string' ? { label: target } : target;
  const pid = named.pid ?? pidInLabel(named.label);
  // A launch's label is its command line ("node server.js", "npm run dev").
  const command = named.command ?? (pid === undefined && !isAddress(named.label) ? splitCommandLine(named.label) : undefined);
  const known = command !== undefined || named.argv !== undefined || pid !== undefined;
  const name = known ? recordingName({ command, argv: named.argv, pid }) : safeName(named.label);
  const pad = (n: number) => String(n).padStart(2, '0');
  const stamp = `${when.getFullYear()}${pad(when.getMonth() + 1)}${pad(when.getDate())}-${pad(when.getHours())}${pad(when.getMinutes())}${pad(when.getSeconds())}`;
  return `${name}-${stamp}.cpuprofile`;
}

/** The pid in a picked process's label ("pid 4242"). */
function pidInLabel(label: string): number | undefined {
  const match = /^pid (\d+)$/.exec(label.trim());
  return match ? Number(match[1]) : undefined;
}

/** host:port or ws://…: an inspector address, not a command. */
function isAddress(label: string): boolean {
  return /^wss?:\/\//.test(label) || /^[\w.-]*:\d+$/.test(label.trim()) || /^\[[\da-f:]+\]:\d+$/i.test(label.trim());
}
