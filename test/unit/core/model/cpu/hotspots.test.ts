// Inlining-aware attribution on small hand-made profiles: each case is one V8 behaviour.
import * as assert from 'node:assert/strict';
import { buildCpuModel } from '../../../../../src/core/model/cpu/cpuModel';
import { computeHotspots } from '../../../../../src/core/model/cpu/hotspots';
import { buildFlameTree } from '../../../../../src/core/model/flame/flameTree';
import type { FunctionRange, ProfileNode, SavedCpuProfile, ScriptAnnotations } from '../../../../../src/core/model/cpu/savedProfile';

const app = 'file:///app/app.js';
const lib = 'file:///app/lib.js';

function node(id: number, name: string, url: string, line0: number, children: number[], ticks: Array<[number, number]> = []): ProfileNode {
  return {
    id,
    callFrame: { functionName: name, scriptId: url === app ? '1' : '2', url, lineNumber: line0, columnNumber: 10 },
    hitCount: ticks.reduce((a, [, t]) => a + t, 0),
    children,
    positionTicks: ticks.map(([line, t]) => ({ line, ticks: t })),
  };
}

/** A profile whose samples follow each node's hit count, 1 ms apart. */
function profile(nodes: ProfileNode[], scripts: ScriptAnnotations[]): SavedCpuProfile {
  const samples = nodes.flatMap((n) => Array<number>(n.hitCount ?? 0).fill(n.id));
  return {
    nodes: [{ id: 1, callFrame: { functionName: '(root)', scriptId: '0', url: '', lineNumber: -1, columnNumber: -1 }, children: [2] }, ...nodes],
    startTime: 0,
    endTime: (samples.length + 1) * 1000, // the last sample lasts until the end
    samples,
    timeDeltas: samples.map(() => 1000),
    $flamelens: { version: 1, scripts },
  };
}

const top = (lines: number): FunctionRange => [1, 1, lines, 1, -1, ''];

describe('hot functions and lines (inlining-aware)', () => {
  it('gives a same-script inlined function its time back from its caller', () => {
    // add (lines 1-3) inlined into loop (lines 5-9): loop's node has ticks on line 2.
    const ranges: FunctionRange[] = [top(10), [1, 1, 3, 2, 0, 'add'], [5, 1, 9, 2, 0, 'loop']];
    const hot = computeHotspots(
      buildCpuModel(
        profile(
          [
            node(
              2,
              'loop',
              app,
              4,
              [],
              [
                [2, 90],
                [7, 10],
              ],
            ),
          ],
          [{ url: app, functions: ranges, lines: [] }],
        ),
      ),
    );
    assert.equal(hot.functions[0].name, 'add');
    assert.equal(hot.functions[0].selfMs, 90);
    assert.equal(hot.functions[0].line, 1);
    assert.equal(hot.functions.find((f) => f.name === 'loop')!.selfMs, 10);
    assert.deepEqual([hot.lines[0].file, hot.lines[0].line, hot.lines[0].selfMs], ['/app/app.js', 2, 90]);
  });

  it('keeps a nested function’s first line with the caller that defines it', () => {
    // `items.forEach((x) => {` on line 6 belongs to run (5-10); the callback body (7-8) does not.
    const ranges: FunctionRange[] = [top(12), [5, 1, 10, 2, 0, 'run'], [6, 16, 8, 4, 1, '']];
    const hot = computeHotspots(
      buildCpuModel(
        profile(
          [
            node(
              2,
              'run',
              app,
              4,
              [],
              [
                [6, 30],
                [7, 70],
              ],
            ),
          ],
          [{ url: app, functions: ranges, lines: [] }],
        ),
      ),
    );
    assert.equal(hot.functions.find((f) => f.name === 'run')!.selfMs, 30);
    assert.equal(hot.functions.find((f) => f.name === '(anonymous)')!.selfMs, 70);
  });

  it('maps ticks of a function inlined from another script into that script', () => {
    // main's node (app.js) carries lines 3-4 of lib.js's `hash`, which it calls.
    const appRanges: FunctionRange[] = [top(20), [3, 20, 4, 3, 0, 'setup']];
    const libRanges: FunctionRange[] = [top(10), [2, 1, 6, 2, 0, 'hash']];
    const nodes = [
      node(
        2,
        '',
        app,
        0,
        [3],
        [
          [4, 80],
          [12, 5],
        ],
      ),
      node(3, 'hash', lib, 1, [], [[4, 15]]),
    ];
    const hot = computeHotspots(
      buildCpuModel(
        profile(nodes, [
          { url: app, functions: appRanges, lines: [] },
          { url: lib, functions: libRanges, lines: [[4, '/src/lib.ts', 40]] },
        ]),
      ),
    );
    assert.equal(hot.functions[0].name, 'hash');
    assert.equal(hot.functions[0].selfMs, 95);
    assert.deepEqual([hot.lines[0].file, hot.lines[0].line], ['/src/lib.ts', 40]);
  });

  it('leaves compacted one-line code with the node V8 charged', () => {
    // Everything on line 2 (as tsx/esbuild emits): no line can be told apart.
    const ranges: FunctionRange[] = [top(3), [2, 1, 2, 50, 0, 'a'], [2, 60, 2, 90, 0, 'b'], [2, 100, 2, 200, 0, 'c']];
    const only = node(2, 'c', app, 1, [], [[2, 50]]);
    only.callFrame.columnNumber = 120;
    const hot = computeHotspots(buildCpuModel(profile([only], [{ url: app, functions: ranges, lines: [] }])));
    assert.equal(hot.functions[0].name, 'c');
    assert.equal(hot.functions[0].selfMs, 50);
  });

  it('counts a recursive function’s total once', () => {
    const nodes = [node(2, 'fib', app, 0, [3], [[1, 10]]), node(3, 'fib', app, 0, [], [[1, 10]])];
    const hot = computeHotspots(buildCpuModel(profile(nodes, [])));
    const fib = hot.functions.find((f) => f.name === 'fib')!;
    assert.equal(fib.totalMs, 20);
    assert.equal(fib.selfMs, 20);
    assert.equal(fib.totalPct, 100);
  });

  it('splits a node’s time over its lines and reports categories', () => {
    const dep = 'file:///app/node_modules/x/index.js';
    const nodes = [
      node(2, 'main', app, 0, [3], [[1, 25]]),
      node(
        3,
        'parse',
        dep,
        0,
        [],
        [
          [3, 50],
          [4, 25],
        ],
      ),
    ];
    const hot = computeHotspots(buildCpuModel(profile(nodes, [])));
    assert.deepEqual(hot.byCategory, { app: 25, dependency: 75, node: 0, native: 0, idle: 0 });
    assert.deepEqual(
      hot.lines.map((l) => [l.line, l.selfMs, l.selfPct]),
      [
        [3, 50, 50],
        [1, 25, 25],
        [4, 25, 25],
      ],
    );
  });

  it('draws inlined functions as frames of their own in the flamegraph', () => {
    const ranges: FunctionRange[] = [top(10), [1, 1, 3, 2, 0, 'add'], [5, 1, 9, 2, 0, 'loop']];
    const model = buildCpuModel(
      profile(
        [
          node(
            2,
            'loop',
            app,
            4,
            [],
            [
              [2, 90],
              [7, 10],
            ],
          ),
        ],
        [{ url: app, functions: ranges, lines: [] }],
      ),
    );
    const flame = buildFlameTree(model, { hotspots: computeHotspots(model), minFraction: 0 });
    const loop = flame.children[0];
    assert.equal(loop.name, 'loop');
    assert.equal(loop.value, 100);
    assert.equal(loop.self, 10);
    assert.deepEqual(
      loop.children.map((c) => [c.name, c.value, c.inlined]),
      [['add', 90, true]],
    );
  });
});
