// The known answers of the attribution fixtures (test/fixtures/apps/attribution), by construction:
// each program was written so that one named function does most of the CPU work on known lines.
// Line ranges are read from the ORIGINAL sources (from `function <name>(` to the next line that is
// just `}`), never from anything the engine prints, so editing a fixture keeps its truth right.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { fixtureApps } from './paths';

export const attributionApps = path.join(fixtureApps, 'attribution');

export interface FunctionTruth {
  readonly name: string;
  /** Absolute path of the original source (.ts for TypeScript, src/*.js for the bundle). */
  readonly file: string;
  /** 1-based, inclusive: the declaration line to the closing brace. */
  readonly startLine: number;
  readonly endLine: number;
  /** Lines marked `// HOT` in the source. */
  readonly hotLines: readonly number[];
}

/** Finds `name`'s extent in `file` (top-level functions of the fixtures close with `}` alone). */
export function functionTruth(file: string, name: string): FunctionTruth {
  const lines = fs.readFileSync(file, 'utf8').split('\n');
  const start = lines.findIndex((l) => new RegExp(`function ${name}\\(`).test(l));
  if (start < 0) throw new Error(`${file} has no function ${name}`);
  const end = lines.findIndex((l, i) => i > start && l === '}');
  if (end < 0) throw new Error(`${file}: function ${name} has no closing brace at column 1`);
  const hotLines: number[] = [];
  for (let i = start; i <= end; i++) if (/\/\/ HOT\b/.test(lines[i])) hotLines.push(i + 1);
  return { name, file, startLine: start + 1, endLine: end + 1, hotLines };
}

export interface ShapeTruth {
  /** Also the name of the committed profiles: test/fixtures/profiles/node-XX/<id>.cpuprofile. */
  readonly id: string;
  readonly description: string;
  readonly hot: FunctionTruth;
  /**
   * The least self share (%) of the whole recording the hot function has by construction
   * (~85–90 % of the program's work, less start-up, GC and the inspector's own time).
   */
  readonly minSelfPct: number;
  /**
   * Functions whose code cannot be told apart from the hot one's in V8's samples on some
   * versions (one-line minified code: line ticks carry no column), with the reason. The summary
   * may name one of them instead — only when the raw profile gives the hot function no node of its own.
   */
  readonly inseparableFrom?: { readonly functions: readonly FunctionTruth[]; readonly reason: string };
  /** Functions declared on line 1 that must keep their own names. */
  readonly lineOneFunctions?: readonly string[];
}

const app = (...parts: string[]) => path.join(attributionApps, ...parts);

/** The shapes of issue 8 whose hot function is known (the worker program is separate: see below). */
export function attributionShapes(): ShapeTruth[] {
  return [
    {
      id: 'ts-inline',
      description: 'compiled TypeScript, a hot helper of another module inlined into its caller (recorded from the start)',
      hot: functionTruth(app('ts-inline', 'src', 'mix.ts'), 'mix'),
      minSelfPct: 60,
    },
    {
      id: 'ts-inline-attach',
      description: 'the same service attached to late, after V8 optimized and inlined the helper',
      hot: functionTruth(app('ts-inline', 'src', 'mix.ts'), 'mix'),
      minSelfPct: 75,
    },
    {
      id: 'osr-toplevel',
      description: "a module's top-level loop (OSR) calling a function of another module",
      hot: functionTruth(app('osr-toplevel', 'score.js'), 'score'),
      minSelfPct: 60,
    },
    {
      id: 'line-one',
      description: 'a function declared on line 1',
      hot: functionTruth(app('line-one', 'line-one.js'), 'crunch'),
      minSelfPct: 60,
      lineOneFunctions: ['crunch'],
    },
    {
      id: 'bundle',
      description: 'an esbuild bundle minified onto one line, with its source map',
      hot: functionTruth(app('bundle', 'src', 'score.js'), 'scoreRecord'),
      minSelfPct: 60,
    },
    {
      id: 'minified-dep',
      description: 'a minified dependency with its own source map, called by app code',
      hot: functionTruth(app('minified-dep', 'node_modules', 'fast-checksum', 'src', 'index.ts'), 'digest'),
      minSelfPct: 60,
      inseparableFrom: {
        functions: [functionTruth(app('minified-dep', 'node_modules', 'fast-checksum', 'src', 'index.ts'), 'checksumAll')],
        reason: 'digest is inlined into checksumAll on one minified line, and V8 line ticks have no column',
      },
    },
    {
      id: 'ts-tsx',
      description: 'a TypeScript program run by tsx',
      hot: functionTruth(app('ts-strip', 'work.ts'), 'weigh'),
      // tsx's start-up (esbuild, its loader thread) takes a large, machine-dependent part of a short run.
      minSelfPct: 40,
      inseparableFrom: {
        functions: [functionTruth(app('ts-strip', 'app.ts'), 'main')],
        reason: "tsx's esbuild output is one line per file, so weigh inlined into main leaves ticks on line 1 only",
      },
    },
    {
      id: 'ts-strip',
      description: "the same TypeScript program run by Node's type stripping (Node 22.18+)",
      hot: functionTruth(app('ts-strip', 'work.ts'), 'weigh'),
      minSelfPct: 60,
    },
    {
      id: 'short',
      description: 'a ~50 ms script',
      hot: functionTruth(app('short', 'short-script.js'), 'quickSum'),
      // By construction nearly all of the program's run; measured to its last activity (issue 8).
      minSelfPct: 50,
    },
    {
      id: 'exit-three',
      description: 'a program that exits with code 3',
      hot: functionTruth(app('failing', 'exit-three.js'), 'grind'),
      minSelfPct: 60,
    },
    {
      id: 'throws',
      description: 'a program that throws',
      hot: functionTruth(app('failing', 'throws.js'), 'grind'),
      minSelfPct: 60,
    },
  ];
}

/** The worker-thread program: its main thread (the profiled one) is idle by construction. */
export const workerProgram = {
  script: app('worker', 'worker-burn.js'),
  workerFunction: 'burnInWorker',
  /** No function of the program's file may hold more than this much self time (ms) of the main thread: it only waits (the worker burns 2,500 ms). */
  maxMainThreadFunctionMs: 2500 / 3,
};

/** Recorded figures above 100 % by more than rounding are wrong (issue 8, item 2). */
export const pctTolerance = 0.05;
