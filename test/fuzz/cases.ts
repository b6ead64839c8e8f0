// One fuzz case: make the damaged file(s) in a folder, run the real reading + model + report path
// in this process (the CLI's command functions and the facades the views use), and classify what
// happened: ok (every figure finite, and not negative where it is a time, size or share),
// bad input (the expected one-sentence FlameLensError), or unexpected.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { heap } from '../../src/cli/commands/heap';
import { heapDiff } from '../../src/cli/commands/heapDiff';
import { report } from '../../src/cli/commands/report';
import { memorySummaries } from '../../src/cli/memoryOutputs';
import { ProfileAnalysis } from '../../src/core/analysis/profileAnalysis';
import { FlameLensError } from '../../src/core/errors';
import { buildAllocationFlameTree } from '../../src/core/model/allocation/allocationFlame';
import {
  allocationFunctionRows,
  allocationOverview,
  fileAllocations,
  openAllocationProfile,
  summarizeAllocations,
} from '../../src/core/model/allocation/allocationViews';
import { writeHeapProfileFile, readHeapProfileFile } from '../../src/core/model/allocation/heapProfileFile';
import { analyzeHeapSnapshotFile } from '../../src/core/model/heap/heapAnalysis';
import { memoryOverview, summarizeMemory } from '../../src/core/model/timeline/memoryOverview';
import { readMemoryTimelineFile } from '../../src/core/model/timeline/timelineFile';
import { formatTerminalSummary } from '../../src/core/report/terminalSummary';
import { nonFiniteFigure } from './figures';
import { caseSeed, mutateGently, mutateStructure, mutateText, Random, toText } from './mutate';
import { seedsOf, sourceMapDamage, type Format } from './seeds';

export type Outcome = 'ok' | 'bad-input' | 'unexpected' | 'non-finite' | 'hang';

export interface CaseResult {
  readonly format: Format;
  readonly index: number;
  readonly outcome: Outcome;
  /** What went wrong (the error and its stack, or the figure), for unexpected ones. */
  readonly detail?: string;
  readonly seed?: string;
}

/** Writes the files of case `index` of `format` (for run `runSeed`) into `dir`; returns the input path. */
export function writeCase(format: Format, index: number, runSeed: number, dir: string): { input: string; seed: string } {
  const random = new Random(caseSeed(runSeed, format, index));
  const seeds = seedsOf(format);
  const seed = seeds[index % seeds.length];
  fs.mkdirSync(dir, { recursive: true });
  const dirUrl = pathToFileURL(dir).href;
  for (const [name, text] of Object.entries(seed.files)) {
    fs.writeFileSync(path.join(dir, name), name === seed.main ? damage(format, text, random, seed.ids) : text.replaceAll('{dir}', dirUrl));
  }
  return { input: path.join(dir, seed.input), seed: seed.name };
}

function damage(format: Format, text: string, random: Random, ids: readonly string[]): string {
  // A share of cases is left whole: the seeds themselves must read cleanly.
  if (random.chance(0.03)) return text;
  const inline = text.indexOf('//# sourceMappingURL=data:');
  if (format === 'sourcemap' && inline >= 0) {
    // An inline map: damage the data: URI's text, or the map inside it.
    if (random.chance(0.4)) return text.slice(0, inline) + mutateText(text.slice(inline), random);
    const prefix = text.slice(0, text.indexOf('base64,', inline) + 'base64,'.length);
    const map = JSON.parse(Buffer.from(text.slice(prefix.length).trim(), 'base64').toString('utf8')) as unknown;
    return prefix + Buffer.from(damage(format, JSON.stringify(map), random, ids)).toString('base64');
  }
  if (random.chance(0.25)) return mutateText(text, random);
  let value: unknown = JSON.parse(text);
  if (format === 'sourcemap' && random.chance(0.3) && typeof value === 'object' && value !== null) {
    sourceMapDamage(value as Record<string, unknown>, (items) => random.pick(items));
    return toText(value);
  }
  const rounds = 1 + random.int(3);
  const gentle = random.chance(0.45);
  for (let i = 0; i < rounds; i++) value = gentle ? mutateGently(value, random) : mutateStructure(value, random, ids);
  return toText(value);
}

interface Captured {
  out: string[];
  info: string[];
}

function capture(): Captured & { console: { out(text: string): void; info(text: string): void } } {
  const captured: Captured = { out: [], info: [] };
  return { ...captured, console: { out: (t) => captured.out.push(t), info: (t) => captured.info.push(t) } };
}

/** Runs the real path for one file; throws what the code under test throws. Returns a problem, or ''. */
async function exercise(format: Format, input: string, dir: string): Promise<string> {
  const problems: string[] = [];
  const check = (label: string, value: unknown) => {
    const problem = nonFiniteFigure(value);
    if (problem) problems.push(`${label}: ${problem}`);
  };
  const json = path.join(dir, 'out', 'summary.json');
  switch (format) {
    case 'cpuprofile':
    case 'sourcemap': {
      const { console, out, info } = capture();
      await report([input, '--json', json, '--html', path.join(dir, 'out', 'report.html'), '--top', '8'], console);
      check('--json summary', JSON.parse(fs.readFileSync(json, 'utf8')));
      const printed = out.join('\n') + info.join('\n');
      if (format === 'sourcemap' && printed.length > 200_000) problems.push(`the terminal got ${printed.length} characters from one damaged map`);
      const analysis = await ProfileAnalysis.open(input);
      check('overview', analysis.overview());
      check('flame', handOver(analysis.flame(null)));
      const half = { startMs: 0, endMs: analysis.model.durationUs / 2000 };
      check('flame (range)', analysis.flame(half));
      check('tree', analysis.treeChildren(null, 0));
      const functions = analysis.functions(null);
      check('functions', functions);
      if (functions[0]) check('relations', analysis.relations(half, functions[0].key));
      check('file heat', analysis.fileHeat(0));
      return problems.join('; ');
    }
    case 'heapprofile': {
      const opened = await openAllocationProfile(input);
      check('overview', allocationOverview(opened.model, opened.title));
      const rows = allocationFunctionRows(opened.hotspots);
      check('functions', rows);
      check('flame', handOver(buildAllocationFlameTree(opened.model)));
      check('summary', summarizeAllocations(opened.hotspots, { top: 8 }));
      if (rows[0]?.location) check('file', fileAllocations(opened.hotspots, rows[0].location.file));
      // The CLI's path: the profile in a summary, and saved again beside a recording.
      const profile = await readHeapProfileFile(input);
      check('--json allocations', memorySummaries({ allocations: profile }, 8));
      await writeHeapProfileFile(path.join(dir, 'out', 'again.heapprofile'), profile);
      return problems.join('; ');
    }
    case 'memory': {
      const timeline = await readMemoryTimelineFile(input);
      check('overview', memoryOverview(timeline));
      const memory = summarizeMemory(timeline);
      check('--json memory', memory);
      formatTerminalSummary({ durationMs: 0, samples: 0, intervalUs: 0, hotFunctions: [], hotLines: [], byCategory: {}, memory });
      return problems.join('; ');
    }
    case 'heapsnapshot': {
      const { console } = capture();
      await heap([input, '--json', json, '--top', '8'], console);
      check('heap --json', JSON.parse(fs.readFileSync(json, 'utf8')));
      const analysis = await analyzeHeapSnapshotFile(input);
      try {
        const summary = analysis.summary(8);
        check('summary', summary);
        const first = summary.constructors[0];
        if (first) {
          const page = analysis.instances(first.classId, 0, 5);
          check('instances', page);
          if (page.rows[0]) check('retainers', analysis.retainerPath(page.rows[0].ordinal));
        }
      } finally {
        analysis.dispose();
      }
      await heapDiff([path.join(dir, 'base.heapsnapshot'), input, '--json', path.join(dir, 'out', 'diff.json')], capture().console);
      check('heap-diff --json', JSON.parse(fs.readFileSync(path.join(dir, 'out', 'diff.json'), 'utf8')));
      return problems.join('; ');
    }
  }
}

/**
 * What a view's data goes through on its way: structured clone (the analysis worker's
 * postMessage) and JSON (the webview's postMessage). Both recurse; a tree too deep throws here.
 */
function handOver<T>(value: T): T {
  structuredClone(value);
  JSON.stringify(value);
  return value;
}

/** Runs case `index` in a fresh folder under `root`; the folder is removed unless the case went wrong. */
export async function runCase(format: Format, index: number, runSeed: number, root: string): Promise<CaseResult> {
  const dir = path.join(root, `${format}-${index}`);
  fs.rmSync(dir, { recursive: true, force: true });
  let written: { input: string; seed: string };
  try {
    written = writeCase(format, index, runSeed, dir);
  } catch (error) {
    // Not the code under test: the harness itself must be fixed.
    return { format, index, outcome: 'unexpected', detail: `the fuzz harness could not make this case: ${(error as Error)?.stack ?? error}` };
  }
  const { input, seed } = written;
  let result: CaseResult;
  try {
    const problem = await exercise(format, input, dir);
    result = problem ? { format, index, seed, outcome: 'non-finite', detail: problem } : { format, index, seed, outcome: 'ok' };
  } catch (error) {
    // A damaged source map must degrade that script, never fail the report.
    const expected = error instanceof FlameLensError && error.kind === 'bad-input' && format !== 'sourcemap' && isOneSentence(error.message);
    result = expected
      ? { format, index, seed, outcome: 'bad-input', detail: (error as Error).message }
      : { format, index, seed, outcome: 'unexpected', detail: `${(error as Error)?.stack ?? String(error)}`.slice(0, 4000) };
  }
  if (result.outcome === 'ok' || result.outcome === 'bad-input') fs.rmSync(dir, { recursive: true, force: true });
  return result;
}

/** One line, of sensible length: a message that echoes megabytes of a file is a failure too. */
function isOneSentence(message: string): boolean {
  return !message.includes('\n') && message.length <= 600;
}
