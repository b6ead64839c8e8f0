/** Command-line options shared by the commands, parsed with node:util and checked once. */
import { parseArgs } from 'node:util';
import { badInput } from '../core/errors';

export interface OutputOptions {
  readonly out?: string;
  readonly json?: string;
  readonly html?: string;
  readonly top: number;
}

export interface CaptureOptions {
  readonly durationMs?: number;
  readonly intervalUs?: number;
}

export const captureFlags = {
  duration: { type: 'string' },
  interval: { type: 'string' },
} as const;

/** What a recording adds to the CPU profile (issue 4): the memory timeline, the allocation profile. */
export const memoryFlags = {
  memory: { type: 'boolean' },
  allocations: { type: 'boolean' },
} as const;

export const memoryUsageLines = `--memory        also record the memory timeline (heap, RSS, GC pauses, event-loop delay; every 500 ms)
                and tell whether the heap that survives garbage collection keeps growing
--allocations   also record the allocation profile (bytes allocated per function, sampled every 32 KiB)
With --out <x.cpuprofile> they are saved beside it as x.memory.json and x.heapprofile; without
--out they appear only in the summary (terminal and --json).`;

export function memoryOptions(values: { memory?: boolean; allocations?: boolean }): { memory?: object; allocations?: object } {
  return { ...(values.memory ? { memory: {} } : {}), ...(values.allocations ? { allocations: {} } : {}) };
}

export const outputFlags = {
  out: { type: 'string' },
  json: { type: 'string' },
  html: { type: 'string' },
  top: { type: 'string' },
} as const;

export const commonFlags = {
  verbose: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
} as const;

type FlagSpec = Record<string, { type: 'string' | 'boolean'; short?: string }>;

/** Parses `args` against `flags`; unknown flags are bad input with a pointer to --help. */
export function parseFlags<F extends FlagSpec>(command: string, args: string[], flags: F) {
  try {
    return parseArgs({ args, options: flags, allowPositionals: true, strict: true });
  } catch (error) {
    throw badInput(`${(error as Error).message.replace(/\. To specify.*$/, '')}. See "flamelens ${command} --help".`);
  }
}

export function captureOptions(values: { duration?: string; interval?: string }): CaptureOptions {
  return {
    durationMs: values.duration === undefined ? undefined : positiveNumber('--duration', values.duration, 's') * 1000,
    intervalUs: values.interval === undefined ? undefined : Math.round(positiveNumber('--interval', values.interval, 'µs')),
  };
}

export function outputOptions(values: { out?: string; json?: string; html?: string; top?: string }): OutputOptions {
  return {
    out: values.out,
    json: values.json,
    html: values.html,
    top: values.top === undefined ? 20 : Math.round(positiveNumber('--top', values.top, 'rows')),
  };
}

function positiveNumber(flag: string, text: string, unit: string): number {
  const value = Number(text);
  if (!Number.isFinite(value) || value <= 0) throw badInput(`${flag} needs a positive number of ${unit}, not "${text}".`);
  return value;
}

/** A positive whole number, such as --top. */
export function positiveCount(flag: string, text: string): number {
  return Math.round(positiveNumber(flag, text, 'rows'));
}
