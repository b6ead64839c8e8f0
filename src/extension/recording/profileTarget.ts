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

/** `<target>-<yyyymmdd>-<hhmmss>.cpuprofile`, safe on every file system. */
export function profileFileName(label: string, when: Date): string {
  const safe =
    label
      .replace(/[^a-zA-Z0-9._-]+/g, '-')
      .replace(/^-+|-+$/g, '')
      .slice(0, 60) || 'profile';
  const pad = (n: number) => String(n).padStart(2, '0');
  const stamp = `${when.getFullYear()}${pad(when.getMonth() + 1)}${pad(when.getDate())}-${pad(when.getHours())}${pad(when.getMinutes())}${pad(when.getSeconds())}`;
  return `${safe}-${stamp}.cpuprofile`;
}
