// The files the fuzzer starts from, per format: committed fixtures (test/fixtures) and generated
// ones (deep recursion, every optional block present). Each seed is a set of files for one case
// folder; `main` is the one the mutations damage.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { stringifyJson } from '../../src/core/files/jsonFile';
import type { ProfileNode, SavedCpuProfile } from '../../src/core/model/cpu/savedProfile';
import type { HeapProfileNode, SavedHeapProfile } from '../../src/core/model/allocation/savedHeapProfile';
import type { MemoryTimeline } from '../../src/core/model/timeline/savedTimeline';
import { parseCpuProfile } from '../../src/core/model/cpu/profileFile';
import { annotateProfile } from '../../src/core/sources/annotateProfile';
import { diskScriptSources } from '../../src/core/sources/scriptSources';
import { fixtureProfileText } from '../support/fixtureProfiles';
import { fixtureApps, fixtureProfiles } from '../support/paths';
import { sampleProfile } from '../support/sampleHeapProfile';
import { sampleMemoryTimeline } from '../support/sampleMemoryTimeline';
import { snapshotText, type EdgeSpec, type NodeSpec } from '../support/snapshotBuilder';

export const formats = ['cpuprofile', 'heapsnapshot', 'heapprofile', 'memory', 'sourcemap'] as const;
export type Format = (typeof formats)[number];

export interface Seed {
  readonly name: string;
  /** File name → text; written into the case folder. `{dir}` in a text is the folder's file:// URL. */
  readonly files: Readonly<Record<string, string>>;
  /** The file the mutations damage. */
  readonly main: string;
  /** The file the command reads (the profile, for source-map cases). */
  readonly input: string;
  /** Fields whose numbers are ids, for the id mutations. */
  readonly ids: readonly string[];
}

const tsDist = path.join(fixtureApps, 'ts-service', 'dist');
const distUrl = 'file:///FLAMELENS_REPO/test/fixtures/apps/ts-service/dist';

let cache: Record<Format, Seed[]> | undefined;

/** Prepares every format's seeds once per process (annotating the fixtures takes a moment). */
export async function loadSeeds(): Promise<void> {
  cache ??= {
    cpuprofile: await cpuSeeds(),
    heapsnapshot: snapshotSeeds(),
    heapprofile: heapProfileSeeds(),
    memory: memorySeeds(),
    sourcemap: sourceMapSeeds(),
  };
}

export function seedsOf(format: Format): readonly Seed[] {
  if (!cache) throw new Error('call loadSeeds() first');
  return cache[format];
}

// --- .cpuprofile ---------------------------------------------------------------------------

/**
 * Every committed .cpuprofile as it is (raw V8 profiles: annotated when read), the same ones
 * annotated as FlameLens saves them ($vscode and $flamelens with every optional list, from the
 * fixture apps' scripts), and generated ones; the generated deep recursion is a fifth of the cases.
 */
async function cpuSeeds(): Promise<Seed[]> {
  const ids = ['id', 'children', 'samples', 'locationId', 'parent'];
  const seed = (name: string, text: string): Seed => ({ name, files: { 'seed.cpuprofile': text }, main: 'seed.cpuprofile', input: 'seed.cpuprofile', ids });
  const names = fs
    .readdirSync(fixtureProfiles, { recursive: true, encoding: 'utf8' })
    .filter((name) => name.endsWith('.cpuprofile'))
    .sort();
  const raw = names.map((name) => seed(name, fixtureProfileText(name)));
  const annotated: Seed[] = [];
  for (const name of names) {
    const profile = await annotateProfile(parseCpuProfile(fixtureProfileText(name), name), diskScriptSources());
    annotated.push(seed(`${name} (annotated)`, stringifyJson(profile)));
  }
  const generated = [seed('recursion 5000 deep', stringifyJson(recursiveCpuProfile(5000))), seed('all optional blocks', stringifyJson(annotatedCpuProfile()))];
  // Interleaved so that every run of a few dozen cases meets each kind.
  const all: Seed[] = [];
  for (let i = 0; i < Math.max(raw.length, annotated.length); i++) {
    if (raw[i]) all.push(raw[i]);
    if (annotated[i]) all.push(annotated[i]);
    if (i % 2 === 0) all.push(generated[(i / 2) % 2]);
    if (i % 4 === 1) all.push(generated[0]);
  }
  return all;
}

const frame = (functionName: string, url: string, lineNumber: number, scriptId = url ? '7' : '0') => ({
  functionName,
  scriptId,
  url,
  lineNumber,
  columnNumber: url ? 2 : -1,
});

/** A recursive function `depth` calls deep (ordinary for recursive code), samples at every level. */
export function recursiveCpuProfile(depth: number): SavedCpuProfile {
  const url = 'file:///app/walk.js';
  const nodes: ProfileNode[] = [{ id: 1, callFrame: frame('(root)', '', -1), hitCount: 0, children: [2] }];
  for (let level = 0; level < depth; level++) {
    const id = level + 2;
    nodes.push({
      id,
      callFrame: frame('walk', url, 3),
      hitCount: 1,
      children: level + 1 < depth ? [id + 1] : [],
      positionTicks: [{ line: 4 + (level % 3), ticks: 1 }],
    });
  }
  const samples = nodes.slice(1).map((n) => n.id);
  return {
    nodes,
    startTime: 1_000_000,
    endTime: 1_000_000 + samples.length * 1000 + 1000,
    samples,
    timeDeltas: samples.map((_, i) => (i % 50 === 7 ? -3 : 1000)),
  };
}

/** A profile with `$vscode`, `$flamelens` and the optional per-script lists filled in. */
function annotatedCpuProfile(): SavedCpuProfile {
  const url = 'file:///app/app.js';
  const nodes: ProfileNode[] = [
    { id: 1, callFrame: frame('(root)', '', -1), hitCount: 0, children: [2, 5], locationId: 0 },
    { id: 2, callFrame: frame('main', url, 0), hitCount: 3, children: [3], locationId: 1, positionTicks: [{ line: 2, ticks: 3 }] },
    {
      id: 3,
      callFrame: frame('loop', url, 4),
      hitCount: 10,
      children: [4],
      locationId: 2,
      positionTicks: [
        { line: 2, ticks: 6 },
        { line: 7, ticks: 4 },
      ],
    },
    { id: 4, callFrame: frame('add', url, 0), hitCount: 5, children: [], locationId: 3, positionTicks: [{ line: 2, ticks: 5 }] },
    { id: 5, callFrame: frame('(garbage collector)', '', -1), hitCount: 2, children: [], locationId: 4 },
  ];
  const samples = [2, 2, 2, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 4, 4, 4, 4, 4, 5, 5];
  const place = (line: number) => [
    { lineNumber: line, columnNumber: 1, source: { name: 'app.ts', path: '/app/src/app.ts', sourceReference: 0 }, relativePath: 'src/app.ts' },
  ];
  return {
    nodes,
    startTime: 0,
    endTime: 21_000,
    samples,
    timeDeltas: samples.map(() => 1000),
    $vscode: {
      rootPath: '/app',
      locations: [
        { callFrame: nodes[0].callFrame, locations: [] },
        { callFrame: nodes[1].callFrame, locations: place(1) },
        { callFrame: nodes[2].callFrame, locations: place(5) },
        { callFrame: nodes[3].callFrame, locations: place(1) },
        { callFrame: nodes[4].callFrame, locations: [] },
      ],
    },
    $flamelens: {
      version: 1,
      workerThreads: 0,
      scripts: [
        {
          url,
          functions: [
            [1, 1, 10, 1, -1, ''],
            [1, 1, 3, 2, 0, 'add'],
            [5, 1, 9, 2, 0, 'loop'],
          ],
          lines: [
            [2, '/app/src/app.ts', 2],
            [7, '/app/src/app.ts', 7],
          ],
          starts: [1, 1, 1, 13, 5, 14],
          codeLines: [
            [4, 10],
            [1, 2, 3],
            [5, 6, 7, 8, 9],
          ],
          calls: [[], [], [2, 0, 1]],
          origins: [null, ['/app/src/app.ts', 1], ['/app/src/app.ts', 5]],
        },
      ],
    } as SavedCpuProfile['$flamelens'],
  };
}

// --- .heapsnapshot -------------------------------------------------------------------------

function snapshotSeeds(): Seed[] {
  const ids = ['node_count', 'edge_count'];
  const seed = (name: string, text: string): Seed => ({
    name,
    files: { 'seed.heapsnapshot': text, 'base.heapsnapshot': text },
    main: 'seed.heapsnapshot',
    input: 'seed.heapsnapshot',
    ids,
  });
  const nodes: NodeSpec[] = [
    { type: 'synthetic', name: '', size: 0 },
    { type: 'synthetic', name: '(GC roots)', size: 0 },
    { type: 'object', name: 'Window', size: 40 },
    { type: 'object', name: 'Cache', size: 64 },
    { type: 'array', name: '', size: 1024 },
    { type: 'object', name: 'Entry', size: 32 },
    { type: 'object', name: 'Entry', size: 32 },
    { type: 'string', name: 'hello \u001b[2J', size: 24 },
    { type: 'closure', name: 'handler', size: 36 },
    { type: 'hidden', name: 'system / Context', size: 48 },
    { type: 'native', name: 'Buffer', size: 4096 },
  ];
  const edges: EdgeSpec[] = [
    { from: 0, to: 1, type: 'element', name: 1 },
    { from: 0, to: 2, type: 'shortcut', name: 'global' },
    { from: 1, to: 2, type: 'element', name: 1 },
    { from: 2, to: 3, type: 'property', name: 'cache' },
    { from: 2, to: 8, type: 'property', name: 'onRequest' },
    { from: 3, to: 4, type: 'internal', name: 'elements' },
    { from: 4, to: 5, type: 'element', name: 0 },
    { from: 4, to: 6, type: 'element', name: 1 },
    { from: 5, to: 7, type: 'property', name: 'key' },
    { from: 6, to: 5, type: 'weak', name: 'prev' },
    { from: 8, to: 9, type: 'context', name: 'context' },
    { from: 9, to: 10, type: 'property', name: 'buffer' },
    { from: 9, to: 3, type: 'hidden', name: 0 },
  ];
  // A chain of 5,000 objects each holding the next: retainer paths and dominators walk it.
  const chain: NodeSpec[] = [
    { type: 'synthetic', name: '', size: 0 },
    ...Array.from({ length: 5000 }, (): NodeSpec => ({ type: 'object', name: 'Link', size: 16 })),
  ];
  const chainEdges: EdgeSpec[] = chain.slice(0, -1).map((_, i): EdgeSpec => ({ from: i, to: i + 1, type: 'property', name: 'next' }));
  return [seed('small graph', snapshotText(nodes, edges, [[8, 7, 3, 10]])), seed('chain of 5000', snapshotText(chain, chainEdges))];
}

// --- .heapprofile --------------------------------------------------------------------------

function heapProfileSeeds(): Seed[] {
  const ids = ['id', 'nodeId', 'locationId'];
  const seed = (name: string, profile: unknown): Seed => ({
    name,
    files: { 'seed.heapprofile': stringifyJson(profile) },
    main: 'seed.heapprofile',
    input: 'seed.heapprofile',
    ids,
  });
  const withBlocks: SavedHeapProfile = {
    ...sampleProfile(),
    $flamelens: { version: 1, samplingIntervalBytes: 32768, includesCollected: true },
  };
  return [
    seed('sample', sampleProfile()),
    seed('with $flamelens', withBlocks),
    seed('recursion 5000 deep', recursiveHeapProfile(5000)),
    seed('with $vscode', vscodeHeapProfile()),
  ];
}

/** An allocating recursive function `depth` calls deep. */
export function recursiveHeapProfile(depth: number): SavedHeapProfile {
  let node: HeapProfileNode = { id: depth + 1, callFrame: frame('walk', 'file:///app/walk.js', 3), selfSize: 4096, children: [] };
  for (let id = depth; id >= 2; id--) node = { id, callFrame: frame('walk', 'file:///app/walk.js', 3), selfSize: 64, children: [node] };
  const head: HeapProfileNode = { id: 1, callFrame: frame('(root)', '', -1), selfSize: 0, children: [node] };
  return { head, samples: [{ size: 4096, nodeId: depth + 1, ordinal: 1 }] };
}

function vscodeHeapProfile(): SavedHeapProfile {
  const profile = sampleProfile();
  const label = (node: HeapProfileNode): HeapProfileNode => ({ ...node, locationId: node.id === 1 ? 0 : 1, children: node.children.map(label) });
  return {
    ...profile,
    head: label(profile.head),
    $vscode: {
      rootPath: '/srv/app',
      locations: [
        { callFrame: profile.head.callFrame, locations: [] },
        {
          callFrame: profile.head.children[0].callFrame,
          locations: [{ lineNumber: 3, columnNumber: 1, source: { name: 'server.ts', path: '/srv/app/src/server.ts' } }],
        },
      ],
    },
  };
}

// --- .memory.json --------------------------------------------------------------------------

function memorySeeds(): Seed[] {
  const ids: string[] = [];
  const seed = (name: string, timeline: MemoryTimeline): Seed => ({
    name,
    files: { 'seed.memory.json': JSON.stringify({ version: 1, ...timeline }) },
    main: 'seed.memory.json',
    input: 'seed.memory.json',
    ids,
  });
  return [seed('short', sampleMemoryTimeline()), seed('growing, downsampled', growingTimeline())];
}

function growingTimeline(): MemoryTimeline {
  const samples = Array.from({ length: 120 }, (_, i) => ({
    t: i * 1000,
    rss: 8e7 + i * 2e5,
    heapTotal: 4e7 + i * 1e5,
    heapUsed: 2e7 + i * 1e5 + (i % 7) * 3e5,
    heapUsedMin: 2e7 + i * 1e5,
    external: 1e6,
    arrayBuffers: 1e4,
    loopDelayP50Ms: 0.2,
    loopDelayP99Ms: 4,
    loopDelayMaxMs: 9,
  }));
  const gcs = Array.from({ length: 24 }, (_, i) => ({
    t: i * 5000 + 100,
    kind: (i % 3 === 0 ? 'major' : 'minor') as 'major' | 'minor',
    durationMs: 1.5,
    heapAfter: 2e7 + i * 5e5,
    count: 1 + (i % 2),
  }));
  return {
    startedAt: '2026-01-01T00:00:00.000Z',
    intervalMs: 1000,
    sampleIntervalMs: 500,
    durationMs: 120_000,
    samples,
    gcs,
    gcCount: 36,
    gcTotalMs: 54,
    capabilities: { gcMarks: true, loopDelay: true },
  };
}

// --- source maps next to scripts -----------------------------------------------------------

function sourceMapSeeds(): Seed[] {
  const read = (name: string) => fs.readFileSync(path.join(tsDist, name), 'utf8');
  // The profile points at the scripts copied into the case folder; it has no annotations, so
  // reading it resolves every location through the (damaged) maps on disk.
  const profile = fixtureProfileText('node-20/ts-service.cpu-prof.cpuprofile').replaceAll(pathToFileURL(tsDist).href, '{dir}').replaceAll(distUrl, '{dir}');
  const files = {
    'main.js': read('main.js'),
    'main.js.map': read('main.js.map'),
    'checksum.js': read('checksum.js'),
    'checksum.js.map': read('checksum.js.map'),
    'profile.cpuprofile': profile,
  };
  const ids = ['version', 'sources', 'mappings'];
  const inline = (script: string, map: string) =>
    read(script).replace(/\/\/# sourceMappingURL=.*$/m, `//# sourceMappingURL=data:application/json;base64,${Buffer.from(read(map)).toString('base64')}`);
  return [
    { name: 'main.js.map on disk', files, main: 'main.js.map', input: 'profile.cpuprofile', ids },
    { name: 'checksum.js.map on disk', files, main: 'checksum.js.map', input: 'profile.cpuprofile', ids },
    {
      name: 'inline map in checksum.js',
      files: { ...files, 'checksum.js': inline('checksum.js', 'checksum.js.map') },
      main: 'checksum.js',
      input: 'profile.cpuprofile',
      ids,
    },
  ];
}

/** Source-map specific damage: the shapes that once printed 84 MB or aborted the report. */
export function sourceMapDamage(map: Record<string, unknown>, pick: <T>(items: readonly T[]) => T): void {
  const huge = 'a'.repeat(1_000_000);
  const field = pick(['sources', 'mappings', 'sourceRoot', 'names', 'version', 'sections', 'sourcesContent', 'file']);
  map[field] = pick<unknown>([
    [{ huge: Array.from({ length: 1000 }, () => huge.slice(0, 1000)) }],
    { 0: huge },
    [huge],
    [null, 3, ['x']],
    huge,
    'AAAA;;;!!!;' + huge.slice(0, 100),
    'gggggggggggggggggggggggggggggggggggggggggA',
    '//////B,AAAA',
    [{ offset: { line: 0, column: 0 }, map: { version: 3, sources: [1], mappings: 'A' } }],
    -1,
    null,
  ]);
}
