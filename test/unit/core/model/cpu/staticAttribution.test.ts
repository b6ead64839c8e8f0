// Attribution from the source's static evidence: real script texts on disk, hand-made profiles
// whose ticks are placed by construction (each case is a shape V8 produces; see docs/v8-behaviour.md).
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { buildCpuModel } from '../../../../../src/core/model/cpu/cpuModel';
import { computeHotspots, type Hotspots } from '../../../../../src/core/model/cpu/hotspots';
import type { ProfileNode, SavedCpuProfile } from '../../../../../src/core/model/cpu/savedProfile';
import { buildFlameTree, type FlameFrame } from '../../../../../src/core/model/flame/flameTree';
import { annotateProfile } from '../../../../../src/core/sources/annotateProfile';
import { diskScriptSources } from '../../../../../src/core/sources/scriptSources';

/** Writes scripts into a fresh folder; returns their file:// URLs by name. */
function scripts(files: Record<string, string>): Record<string, string> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'flamelens-attr-'));
  return Object.fromEntries(
    Object.entries(files).map(([name, text]) => {
      fs.writeFileSync(path.join(dir, name), text);
      return [name, pathToFileURL(fs.realpathSync(path.join(dir, name))).href];
    }),
  );
}

interface NodeSpec {
  name: string;
  url: string;
  /** 1-based position V8 names the function by (its parameter list; 1:1 for a module). */
  at: [number, number];
  ticks?: Array<[number, number]>;
  children?: NodeSpec[];
}

/** A profile of the given call tree; each tick is one 1 ms sample of its node. */
function profileOf(tree: NodeSpec[]): SavedCpuProfile {
  const nodes: ProfileNode[] = [];
  const samples: number[] = [];
  const add = (spec: NodeSpec): number => {
    const id = nodes.length + 1;
    const node: ProfileNode = {
      id,
      callFrame: { functionName: spec.name, scriptId: spec.url, url: spec.url, lineNumber: spec.at[0] - 1, columnNumber: spec.at[1] - 1 },
      hitCount: 0,
      children: [],
      positionTicks: (spec.ticks ?? []).map(([line, ticks]) => ({ line, ticks })),
    };
    nodes.push(node);
    for (const [, ticks] of spec.ticks ?? []) for (let i = 0; i < ticks; i++) samples.push(id);
    (node as { hitCount: number }).hitCount = samples.filter((s) => s === id).length;
    for (const child of spec.children ?? []) (node.children as number[]).push(add(child));
    return id;
  };
  add({ name: '(root)', url: '', at: [0, 0], children: tree });
  return { nodes, startTime: 0, endTime: samples.length * 1000, samples, timeDeltas: samples.map((_, i) => (i === 0 ? 0 : 1000)) };
}

async function hotspotsOf(tree: NodeSpec[]): Promise<{ hot: Hotspots; flame: FlameFrame }> {
  const annotated = await annotateProfile(profileOf(tree), diskScriptSources());
  const model = buildCpuModel(annotated);
  const hot = computeHotspots(model);
  return { hot, flame: buildFlameTree(model, { hotspots: hot, minFraction: 0 }) };
}

const fn = (hot: Hotspots, name: string) => {
  const found = hot.functions.find((f) => f.name === name);
  assert.ok(found, `${name} in ${hot.functions.map((f) => f.name).join(', ')}`);
  return found;
};

function assertNoFigureAbove100(hot: Hotspots): void {
  for (const f of hot.functions) assert.ok(f.selfPct <= 100 && f.totalPct <= 100, `${f.name}: self ${f.selfPct} %, total ${f.totalPct} %`);
}

const helperJs = [
  '// helper module', // 1
  'function mix(x) {', // 2
  '  let h = x | 0;', // 3
  '  for (let i = 0; i < 50; i++) {', // 4
  '    h = (h * 31 + i) | 0;', // 5
  '    h ^= h >>> 7;', // 6
  '  }', // 7
  '  return h;', // 8
  '}', // 9
  'module.exports = { mix };', // 10
].join('\n');

const mainJs = [
  "const { mix } = require('./helper');", // 1
  'function work(n) {', // 2
  '  let acc = 0;', // 3
  '  for (let i = 0; i < n; i++) {', // 4
  '    acc += mix(i);', // 5
  '  }', // 6
  '  return acc;', // 7
  '}', // 8
  'function loop() {', // 9
  '  const t = Date.now();', // 10
  '  let s = 0;', // 11
  '  while (Date.now() - t < 50) s += work(1000);', // 12
  '  setImmediate(loop);', // 13
  '}', // 14
  'loop();', // 15
].join('\n');

describe('attribution from static evidence', () => {
  it('gives a callee inlined before sampling (no node of its own) its time, in its own file', async () => {
    // Attached late: V8 had inlined work and mix into loop, whose node carries mix's line
    // numbers (helper.js 4-6; main.js's lines 4-6 are work's loop, which only calls mix).
    const urls = scripts({ 'helper.js': helperJs, 'main.js': mainJs });
    const { hot, flame } = await hotspotsOf([
      {
        name: 'loop',
        url: urls['main.js'],
        at: [9, 14],
        ticks: [
          [12, 6],
          [4, 229],
          [5, 3236],
          [6, 1595],
        ],
      },
    ]);
    const mix = fn(hot, 'mix');
    assert.equal(mix.file, fs.realpathSync(new URL(urls['helper.js']).pathname));
    assert.equal(mix.selfMs, 229 + 3236 + 1595);
    assert.equal(hot.functions[0].name, 'mix');
    assert.equal(fn(hot, 'loop').selfMs, 6);
    // work is on the stack of every inlined sample: its total holds them, once.
    assert.equal(fn(hot, 'work').totalMs, 229 + 3236 + 1595);
    assertNoFigureAbove100(hot);
    assert.deepEqual(
      hot.lines.slice(0, 3).map((l) => [path.basename(l.file), l.line]),
      [
        ['helper.js', 5],
        ['helper.js', 6],
        ['helper.js', 4],
      ],
    );
    const loop = flame.children[0];
    assert.deepEqual([loop.children[0].name, loop.children[0].inlined, loop.children[0].children[0].name], ['work', true, 'mix']);
  });

  it('names a function declared on line 1 apart from the module around it', async () => {
    const urls = scripts({
      'line1.js': [
        'function spin(n) { let s = 0; for (let i = 0; i < n; i++) { s = (s + Math.sqrt(i) * 3) % 1e9; } return s; }',
        'let t = Date.now(), total = 0;',
        'while (Date.now() - t < 800) total += spin(20000);',
      ].join('\n'),
    });
    const { hot } = await hotspotsOf([
      { name: '', url: urls['line1.js'], at: [1, 1], ticks: [[3, 4]], children: [{ name: 'spin', url: urls['line1.js'], at: [1, 14], ticks: [[1, 96]] }] },
    ]);
    assert.equal(hot.functions[0].name, 'spin');
    assert.equal(hot.functions[0].selfMs, 96);
    assert.equal(fn(hot, '(anonymous)').selfMs, 4);
  });

  it('never gives another file’s lines to top-level code that runs once', async () => {
    // An OSR'd top-level loop with fn (fnlib.js) inlined: ticks on line 3 are fn's loop,
    // not the module's `const end = …`, which runs once.
    const urls = scripts({
      'fnlib.js': [
        'exports.fn = function fn(x) {',
        '  let s = 0;',
        '  for (let k = 0; k < 200; k++) s = (s + Math.imul(x, k + 7)) | 0;',
        '  return s;',
        '};',
      ].join('\n'),
      'main.js': [
        "const { fn } = require('./fnlib');",
        'const results = [];',
        'const end = Date.now() + 1500;',
        'let x = 0;',
        'while (Date.now() < end) {',
        '  results.push(fn(x++));',
        '}',
      ].join('\n'),
    });
    const { hot } = await hotspotsOf([
      {
        name: '',
        url: urls['main.js'],
        at: [1, 1],
        ticks: [
          [3, 60],
          [5, 25],
          [6, 15],
        ],
      },
    ]);
    assert.equal(fn(hot, 'fn').selfMs, 60);
    assert.equal(fn(hot, '(anonymous)').selfMs, 40);
    assert.ok(!hot.lines.some((l) => path.basename(l.file) === 'main.js' && l.line === 3), 'main.js:3 runs once');
    assertNoFigureAbove100(hot);
  });

  it('charges a call-site line to the callee V8 inlined there without keeping its lines', async () => {
    // Node 24: all of fn's time is on the caller's `results.push(fn(x))` line.
    const urls = scripts({
      'fnlib.js': [
        'exports.fn = function fn(x) {',
        '  let s = 0;',
        '  for (let k = 0; k < 200; k++) s = (s + Math.imul(x, k + 7)) | 0;',
        '  return s;',
        '};',
      ].join('\n'),
      'main.js': ["const { fn } = require('./fnlib');", 'const results = [];', 'for (let x = 0; x < 1e7; x++) {', '  results.push(fn(x));', '}'].join('\n'),
    });
    const { hot, flame } = await hotspotsOf([
      {
        name: '',
        url: urls['main.js'],
        at: [1, 1],
        ticks: [
          [4, 59],
          [3, 41],
        ],
      },
    ]);
    assert.equal(fn(hot, 'fn').selfMs, 59);
    assert.ok(!hot.lines.some((l) => path.basename(l.file) === 'main.js' && l.line === 4), 'the caller did not burn its call-site line');
    const inlined = flame.children[0].children.find((c) => c.name === 'fn');
    assert.ok(inlined?.inlinedAt && `${inlined.inlinedAt.file}:${inlined.inlinedAt.line}`.endsWith('main.js:4'), JSON.stringify(inlined));
  });

  it('keeps a callee that has a node of its own out of the call-site rule', async () => {
    const urls = scripts({
      'fnlib.js': ['exports.fn = function fn(x) {', '  return x + 1;', '};'].join('\n'),
      'main.js': ["const { fn } = require('./fnlib');", 'let t = 0;', 'for (let x = 0; x < 1e7; x++) {', '  t += Math.sqrt(fn(x));', '}'].join('\n'),
    });
    const { hot } = await hotspotsOf([
      { name: '', url: urls['main.js'], at: [1, 1], ticks: [[4, 70]], children: [{ name: 'fn', url: urls['fnlib.js'], at: [1, 26], ticks: [[2, 30]] }] },
    ]);
    assert.equal(fn(hot, '(anonymous)').selfMs, 70);
    assert.equal(fn(hot, 'fn').selfMs, 30);
  });

  it('counts recursion with inlined callees at most once per sample', async () => {
    const urls = scripts({
      'rec.js': [
        'function walk(n) {',
        '  if (n === 0) return leaf(n);',
        '  return walk(n - 1) + 1;',
        '}',
        'function leaf(v) {',
        '  let s = 0;',
        '  for (let i = 0; i < 99; i++) s += i * v;',
        '  return s;',
        '}',
        'walk(5);',
      ].join('\n'),
    });
    const walk = (depth: number): NodeSpec => ({
      name: 'walk',
      url: urls['rec.js'],
      at: [1, 14],
      ticks:
        depth === 0
          ? [
              [7, 50],
              [3, 5],
            ]
          : [[3, 5]],
      children: depth === 0 ? [] : [walk(depth - 1)],
    });
    const { hot } = await hotspotsOf([{ name: '', url: urls['rec.js'], at: [1, 1], children: [walk(3)] }]);
    assert.equal(fn(hot, 'leaf').selfMs, 50);
    assert.equal(fn(hot, 'walk').totalMs, 70);
    assertNoFigureAbove100(hot);
  });
});
