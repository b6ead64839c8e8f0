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
const sampleFields = ['t', 'rss', 'heapTotal', 'heapUsed', 'external', 'arrayBuffers'] as const;

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
  if (timeline.version > memoryTimelineVersion) {
    throw badInput(`${name} was written by a newer FlameLens (format ${timeline.version}); update FlameLens to read it.`);
  }
  if (typeof timeline.startedAt !== 'string' || !isPositive(timeline.intervalMs) || !isPositive(timeline.sampleIntervalMs)) {
    throw badInput(`${name} is not a complete memory timeline: "startedAt" or the intervals are missing.`);
  }
  if (!Array.isArray(timeline.samples) || !Array.isArray(timeline.gcs)) {
    throw badInput(`${name} is not a complete memory timeline: "samples" or "gcs" is missing.`);
  }
  timeline.samples.forEach((sample, index) => {
    if (typeof sample !== 'object' || sample === null || sampleFields.some((f) => !isNumber((sample as unknown as Record<string, unknown>)[f]))) {
      throw badInput(`${name} has a malformed sample (#${index + 1}); the file is damaged.`);
    }
  });
  timeline.gcs.forEach((gc, index) => {
    if (typeof gc !== 'object' || gc === null || !isNumber(gc.t) || !isNumber(gc.durationMs) || !isNumber(gc.count) || !gcKinds.includes(gc.kind)) {
      throw badInput(`${name} has a malformed GC mark (#${index + 1}); the file is damaged.`);
    }
  });
  if (!isNumber(timeline.durationMs) || !isNumber(timeline.gcCount) || !isNumber(timeline.gcTotalMs)) {
    throw badInput(`${name} is not a complete memory timeline: its totals are missing.`);
  }
  const capabilities = timeline.capabilities ?? { gcMarks: timeline.gcs.length > 0, loopDelay: false };
  return { ...(timeline as SavedMemoryTimeline), capabilities };
}

/** Writes a timeline atomically (temp file, then rename). */
export async function writeMemoryTimelineFile(file: string, timeline: MemoryTimeline): Promise<void> {
  const saved: SavedMemoryTimeline = { version: memoryTimelineVersion, ...timeline };
  await writeJsonFileAtomically(file, saved);
}

function isNumber(value: unknown): value is number {
  return typeof value === 'number' && Number.isFinite(value);
}

function isPositive(value: unknown): value is number {
  return isNumber(value) && value > 0;
}
