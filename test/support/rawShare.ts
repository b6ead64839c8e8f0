// The share of a raw V8 profile's samples that a fixture's hot function ran, counted by hand from
// the samples, nodes and positionTicks — without the engine under test — to cross-check the
// construction's answer. Two parts, because V8 shows a function's time two ways:
// - its own nodes (callFrame at the function's generated location);
// - inlined into a caller: the caller's node keeps the samples and V8 records their line ticks in
//   the inlined function's own (generated) line numbers. By construction the fixtures' callers run
//   no code of their own on those line numbers, so ticks there are the hot function's.
//   One-line (minified) code carries no such evidence: ticks have no column.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { eachMapping, TraceMap } from '@jridgewell/trace-mapping';

interface RawNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number; columnNumber: number };
  children?: number[];
  positionTicks?: Array<{ line: number; ticks: number }>;
}
export interface RawProfile {
  nodes: RawNode[];
  samples: number[];
}

/** Where the hot function's code is in the file V8 ran. */
export interface GeneratedCode {
  /** The script's URL ends with this (the generated file's path relative to the repository). */
  readonly urlSuffix: string;
  /** 1-based, inclusive, in the generated file. */
  readonly startLine: number;
  readonly endLine: number;
  /** For one-line code: the function's generated (minified) name. */
  readonly generatedName?: string;
  /** The program's scripts (URL prefix): only their nodes can have inlined the function. */
  readonly programUrlPrefix: string;
}

export interface RawShare {
  /** % of all samples on the function's own nodes. */
  readonly ownPct: number;
  /** % of all samples that other nodes of the program spent on the function's lines (inlined). */
  readonly inlinedPct: number;
}

export function rawShare(profile: RawProfile, code: GeneratedCode): RawShare {
  const selfSamples = new Map<number, number>();
  for (const id of profile.samples) selfSamples.set(id, (selfSamples.get(id) ?? 0) + 1);
  const all = profile.samples.length;
  let own = 0;
  let inlined = 0;
  const oneLine = code.generatedName !== undefined;
  for (const node of profile.nodes) {
    const samples = selfSamples.get(node.id) ?? 0;
    if (samples === 0) continue;
    const frame = node.callFrame;
    const line = frame.lineNumber + 1;
    const isOwn = frame.url.endsWith(code.urlSuffix) && (oneLine ? frame.functionName === code.generatedName : line >= code.startLine && line <= code.endLine);
    if (isOwn) {
      own += samples;
    } else if (!oneLine && frame.url.startsWith(code.programUrlPrefix) && node.positionTicks?.length) {
      const ticks = node.positionTicks.reduce((sum, t) => sum + t.ticks, 0);
      const onHotLines = node.positionTicks.filter((t) => t.line >= code.startLine && t.line <= code.endLine).reduce((sum, t) => sum + t.ticks, 0);
      inlined += (samples * onHotLines) / ticks;
    }
  }
  const pct = (n: number) => Math.round((1000 * n) / all) / 10;
  return { ownPct: pct(own), inlinedPct: pct(inlined) };
}

/**
 * The generated name of `originalName` in a minified file, read from its source map's names
 * (esbuild maps each renamed identifier to its original name).
 */
export function minifiedNameOf(generatedFile: string, originalName: string): string {
  const map = new TraceMap(fs.readFileSync(`${generatedFile}.map`, 'utf8'));
  const lines = fs.readFileSync(generatedFile, 'utf8').split('\n');
  let found: string | undefined;
  eachMapping(map, (m) => {
    if (found === undefined && m.name === originalName && m.generatedLine !== null) {
      const rest = lines[m.generatedLine - 1].slice(m.generatedColumn);
      const before = lines[m.generatedLine - 1].slice(0, m.generatedColumn);
      // The mapping of a declaration's name follows `function `.
      if (/function\s*$/.test(before)) found = /^[\w$]+/.exec(rest)?.[0];
    }
  });
  if (!found) throw new Error(`${path.basename(generatedFile)}.map does not name a function ${originalName}`);
  return found;
}
