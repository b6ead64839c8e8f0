/**
 * Reads and writes `<name>.memory.json` files. Reading checks the shape once, so views and
 * the leak trend can trust it; a bad file gets one sentence saying what is wrong with it.
 * Writing is atomic (a `.partial` file renamed on success): a crash never leaves half a file.
 */
import * as path from 'node:path';
import { badInput } from '../../errors';
import { parseJson, readFileText, writeJsonFileAtomically, type JsonFileKind } from '../../files/jsonFile';
import { memoryTimelineVersion, type GcKind, type MemoryTimeline, type SavedMemoryTimeline } from './savedTimeline';

const kind: JsonFileKind = { what: 'a FlameLens memory timeline', whole: 'the timeline' };

const gcKinds: readonly GcKind[] = ['minor', 'major', 'incremental', 'weakcb', 'other'];
const byteFields = ['rss', 'heapTotal', 'heapUsed', 'external', 'arrayBuffers'] as const;
const optionalSampleFields = ['heapUsedMin', 'loopDelayP50Ms', 'loopDelayP99Ms', 'loopDelayMaxMs'] as const;
const optionalGcFields = ['heapAfter'] as const;

/**
 * Bounds of sense: nothing measures a petabyte of memory or runs for 30 years (ms). Times are 0
 * or at least a nanosecond, so no two differ by a denormal and no growth rate divides to infinity.
 */
const maxFigure = 1e15;
const maxTimeMs = 1e12;

/** Reads and validates a memory timeline file. */
export async function readMemoryTimelineFile(file: string): Promise<SavedMemoryTimeline> {
  return parseMemoryTimeline(await readFileText(file), path.basename(file));
}

/** Parses and validates the text of a memory timeline; `name` is used in messages. */
export function parseMemoryTimeline(text: string, name: string): SavedMemoryTimeline {
  return validateMemoryTimeline(parseJson(text, name, kind), name);
}

function validateMemoryTimeline(value: unknown, name: string): SavedMemoryTimeline {
  const timeline = value as Partial<SavedMemoryTimeline> & { nodes?: unknown; head?: unknown; snapshot?: unknown };
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw badInput(`${name} is not a FlameLens memory timeline.`);
  if (timeline.nodes !== undefined) throw badInput(`${name} is a CPU profile, not a memory timeline; open it with "flamelens report".`);
  if (timeline.head !== undefined) throw badInput(`${name} is an allocation profile (.heapprofile), not a memory timeline.`);
  if (timeline.snapshot !== undefined) throw badInput(`${name} is a heap snapshot, not a memory timeline.`);
  if (typeof timeline.version !== 'number') throw badInput(`${name} is not a FlameLens memory timeline: it has no "version".`);
  if (!Number.isInteger(timeline.version) || timeline.version < 1)
    throw badInput(`${name} is not a FlameLens memory timeline: its "version" is not one FlameLens writes.`);
  if (timeline.version > memoryTimelineVersion) {
    throw badInput(`${name} was written by a newer FlameLens (format ${timeline.version}); update FlameLens to read it.`);
  }
  if (typeof timeline.startedAt !== 'string' || !isInterval(timeline.intervalMs) || !isInterval(timeline.sampleIntervalMs)) {
    throw badInput(`${name} is not a complete memory timeline: "startedAt" or the intervals are missing.`);
  }
  if (!Array.isArray(timeline.samples) || !Array.isArray(timeline.gcs)) {
    throw badInput(`${name} is not a complete memory timeline: "samples" or "gcs" is missing.`);
  }
  const samples = timeline.samples as unknown[];
  for (let i = 0; i < samples.length; i++) {
    const sample = samples[i] as Record<string, unknown> | null;
    if (typeof sample !== 'object' || sample === null || !isTime(sample.t) || !hasBytes(sample) || !optionalFigures(sample, optionalSampleFields)) {
      throw badInput(`${name} has a malformed sample (#${i + 1}): a time or size is missing, negative or impossible; the file is damaged.`);
    }
  }
  const gcs = timeline.gcs as unknown[];
  for (let i = 0; i < gcs.length; i++) {
    const gc = gcs[i] as Record<string, unknown> | null;
    if (
      typeof gc !== 'object' ||
      gc === null ||
      !isTime(gc.t) ||
      !isFigure(gc.durationMs) ||
      !isFigure(gc.count) ||
      !gcKinds.includes(gc.kind as GcKind) ||
      !optionalFigures(gc, optionalGcFields)
    ) {
      throw badInput(`${name} has a malformed GC mark (#${i + 1}); the file is damaged.`);
    }
  }
  if (!isFigure(timeline.durationMs) || !isFigure(timeline.gcCount) || !isFigure(timeline.gcTotalMs)) {
    throw badInput(`${name} is not a complete memory timeline: its totals are missing, negative or impossible.`);
  }
  const given = timeline.capabilities as unknown as Record<string, unknown> | undefined;
  if (given !== undefined && (typeof given !== 'object' || given === null || typeof given.gcMarks !== 'boolean' || typeof given.loopDelay !== 'boolean')) {
    throw badInput(`${name} has malformed "capabilities"; the file is damaged.`);
  }
  const capabilities = timeline.capabilities ?? { gcMarks: timeline.gcs.length > 0, loopDelay: false };
  return { ...(timeline as SavedMemoryTimeline), capabilities };
}

/** Writes a timeline atomically (temp file, then rename). */
export async function writeMemoryTimelineFile(file: string, timeline: MemoryTimeline): Promise<void> {
  const saved: SavedMemoryTimeline = { version: memoryTimelineVersion, ...timeline };
  await writeJsonFileAtomically(file, saved);
}

/** A size, count or duration: finite, not negative, within sense. */
function isFigure(value: unknown): value is number {
  return typeof value === 'number' && value >= 0 && value <= maxFigure;
}

/** ms since the recording started. */
function isTime(value: unknown): value is number {
  return typeof value === 'number' && (value === 0 || (value >= 1e-6 && value <= maxTimeMs));
}

function isInterval(value: unknown): value is number {
  return typeof value === 'number' && value >= 1e-3 && value <= maxTimeMs;
}

function hasBytes(sample: Record<string, unknown>): boolean {
  for (const field of byteFields) if (!isFigure(sample[field])) return false;
  return true;
}

function optionalFigures(entry: Record<string, unknown>, fields: readonly string[]): boolean {
  for (const field of fields) if (entry[field] !== undefined && !isFigure(entry[field])) return false;
  return true;
}
