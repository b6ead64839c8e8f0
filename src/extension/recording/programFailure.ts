/**
 * What VS Code says when a launched program fails: its exit code and its last lines of
 * output (the output channel has them all), and whether its profile is worth opening —
 * a program that failed before any of its own code ran leaves only Node's start-up.
 */
import type { SavedCpuProfile } from '../../core/model/cpu/savedProfile';

/**
 * Keeps the last lines a program printed (stdout and stderr, as they came), without the frames
 * of a stack trace and Node's version trailer: in one message they would crowd out the error
 * itself (the output channel has everything).
 */
export class OutputTail {
  private lines: string[] = [];
  private partial = '';

  constructor(private readonly keep = 10) {}

  add(text: string): void {
    const parts = (this.partial + text).split(/\r?\n/);
    this.partial = parts.pop() ?? '';
    this.lines.push(...parts.filter((line) => line.trim() !== '' && !/^\s+at /.test(line) && !/^Node\.js v\d/.test(line)));
    if (this.lines.length > this.keep) this.lines = this.lines.slice(-this.keep);
  }

  /** The last lines, the unfinished one included. */
  get last(): string[] {
    const all = this.partial.trim() ? [...this.lines, this.partial] : this.lines;
    return all.slice(-this.keep);
  }
}

/** One message: the exit code, what was kept, and the program's last output on the same line. */
export function programFailedMessage(label: string, exitCode: number, kept: string, tail: readonly string[]): string {
  const output = tail.length > 0 ? ` Its last output: ${tail.map((line) => line.trim()).join(' ⏎ ')}` : ' It printed nothing.';
  return `${label} exited with code ${exitCode}; ${kept}.${output}`;
}

/**
 * True when a sample caught the program's own code on the CPU: its innermost frame is in a
 * script that is neither Node's (node:…) nor a dependency's (loaders such as tsx and ts-node
 * run from node_modules). Calls from the program into Node (console.error before a throw)
 * are start-up work, not the program's.
 */
export function ranProgramCode(profile: SavedCpuProfile): boolean {
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  return (profile.samples ?? []).some((id) => {
    const url = byId.get(id)?.callFrame.url ?? '';
    return url !== '' && !url.startsWith('node:') && !/[\\/]node_modules[\\/]/.test(url);
  });
}
