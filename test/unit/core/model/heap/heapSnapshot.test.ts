// The heap engine on small snapshots with known answers: parsing in any chunking, dominators,
// retained sizes per object and per class, DevTools' holding rules, and bad files.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import { analyzeHeapSnapshotFile } from '../../../../../src/core/model/heap/heapAnalysis';
import { HeapSnapshotParser } from '../../../../../src/core/model/heap/heapSnapshotParser';
import { tempDir } from '../../../../support/runCli';
import { snapshotText, writeSnapshot, type EdgeSpec, type NodeSpec } from '../../../../support/snapshotBuilder';

// root → A, root → B; both hold C; C holds D; A holds E only weakly.
const diamond: NodeSpec[] = [
  { type: 'synthetic', name: '', size: 0 },
  { type: 'object', name: 'Foo', size: 10 }, // A
  { type: 'object', name: 'Foo', size: 20 }, // B
  { type: 'object', name: 'Bar', size: 30 }, // C
  { type: 'string', name: 'say "hi" \u00e9\n', size: 40 }, // D
  { type: 'object', name: 'Baz', size: 50 }, // E
];
const diamondEdges: EdgeSpec[] = [
  { from: 0, to: 1, type: 'element', name: 1 },
  { from: 0, to: 2, type: 'element', name: 2 },
  { from: 1, to: 3, type: 'property', name: 'shared' },
  { from: 2, to: 3, type: 'property', name: 'shared' },
  { from: 3, to: 4, type: 'property', name: 'greeting' },
  { from: 1, to: 5, type: 'weak', name: 'cache' },
];

describe('heap snapshot engine', () => {
  let temp: ReturnType<typeof tempDir>;
  beforeEach(() => (temp = tempDir()));
  afterEach(() => temp.remove());

  it('computes dominators and retained sizes (weak edges do not retain; unreached objects hang off the root)', async () => {
    const analysis = await analyzeHeapSnapshotFile(writeSnapshot(temp.dir, 'd.heapsnapshot', diamond, diamondEdges));
    const { dominator, retainedSize } = analysis.tree;
    assert.deepEqual(Array.from(dominator), [0, 0, 0, 0, 3, 0]);
    assert.deepEqual(Array.from(retainedSize), [150, 10, 20, 70, 40, 50]);
    analysis.dispose();
  });

  it('sums classes without counting an object inside another of its class twice', async () => {
    // A Foo chain: root → Foo(1) → Foo(2) → Foo(3); plus a Bar under the last one.
    const nodes: NodeSpec[] = [
      { type: 'synthetic', name: '', size: 0 },
      { type: 'object', name: 'Foo', size: 1 },
      { type: 'object', name: 'Foo', size: 2 },
      { type: 'object', name: 'Foo', size: 4 },
      { type: 'object', name: 'Bar', size: 8 },
    ];
    const edges: EdgeSpec[] = [
      { from: 0, to: 1, type: 'element', name: 1 },
      { from: 1, to: 2, type: 'property', name: 'next' },
      { from: 2, to: 3, type: 'property', name: 'next' },
      { from: 3, to: 4, type: 'property', name: 'bar' },
    ];
    const analysis = await analyzeHeapSnapshotFile(writeSnapshot(temp.dir, 'chain.heapsnapshot', nodes, edges));
    const rows = analysis.summary().constructors;
    const foo = rows.find((r) => r.name === 'Foo')!;
    assert.deepEqual([foo.count, foo.shallowSize, foo.retainedSize], [3, 7, 15]);
    assert.equal(rows[0].name, 'Foo', 'sorted by retained size');
    assert.equal(rows.find((r) => r.name === 'Bar')!.retainedSize, 8);
    analysis.dispose();
  });

  it('gives objects reachable from the user globals to those globals, not to internal caches (as DevTools does)', async () => {
    const nodes: NodeSpec[] = [
      { type: 'synthetic', name: '', size: 0 },
      { type: 'object', name: 'global', size: 1 },
      { type: 'hidden', name: 'system / CompilationCache', size: 1 },
      { type: 'object', name: 'Session', size: 100 },
    ];
    const edges: EdgeSpec[] = [
      { from: 0, to: 1, type: 'shortcut', name: 'global' },
      { from: 0, to: 2, type: 'element', name: 1 },
      { from: 1, to: 3, type: 'property', name: 'session' },
      { from: 2, to: 3, type: 'internal', name: 'entry' },
    ];
    const analysis = await analyzeHeapSnapshotFile(writeSnapshot(temp.dir, 'u.heapsnapshot', nodes, edges));
    assert.equal(analysis.tree.dominator[3], 1);
    assert.equal(analysis.tree.retainedSize[1], 101);
    assert.deepEqual(
      analysis.retainerPath(3).steps.map((s) => s.via),
      ['session'],
    );
    analysis.dispose();
  });

  it('agrees with a naive dominator computation on random graphs', async () => {
    let seed = 7;
    const random = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    for (let round = 0; round < 30; round++) {
      const n = 5 + Math.floor(random() * 25);
      const nodes: NodeSpec[] = Array.from({ length: n }, (_, i) => ({ type: i === 0 ? 'synthetic' : 'object', name: `C${i % 3}`, size: 1 + i }) as NodeSpec);
      const edges: EdgeSpec[] = [];
      for (let i = 0; i < n * 2; i++) {
        const from = i < 3 ? 0 : Math.floor(random() * n);
        const to = 1 + Math.floor(random() * (n - 1));
        edges.push({ from, to, type: 'property', name: `p${i}` });
      }
      const analysis = await analyzeHeapSnapshotFile(writeSnapshot(temp.dir, `r${round}.heapsnapshot`, nodes, edges));
      const expected = naiveDominators(n, edges);
      assert.deepEqual(Array.from(analysis.tree.dominator), expected, `round ${round}`);
      analysis.dispose();
    }
  });

  it('parses the same whatever the chunk boundaries, and decodes escaped strings', async () => {
    const text = snapshotText(diamond, diamondEdges);
    const file = writeSnapshot(temp.dir, 'd.heapsnapshot', diamond, diamondEdges);
    for (const size of [1, 2, 3, 7, 64, text.length]) {
      const parser = new HeapSnapshotParser('d.heapsnapshot');
      for (let i = 0; i < text.length; i += size) parser.write(Buffer.from(text.slice(i, i + size), 'latin1'));
      const graph = parser.end(file);
      assert.deepEqual(Array.from(graph.nodeSelfSize), [0, 10, 20, 30, 40, 50], `chunks of ${size}`);
      assert.deepEqual(Array.from(graph.edgeTo), [1, 2, 3, 5, 3, 4], `chunks of ${size}`);
      graph.dispose();
    }
    const analysis = await analyzeHeapSnapshotFile(file);
    assert.equal(analysis.graph.nameOf(4), 'say "hi" é\n');
    assert.equal(analysis.graph.edgeLabel(5), 'greeting');
    analysis.dispose();
  });

  it('says what is wrong with truncated, damaged and non-snapshot files', async () => {
    const text = snapshotText(diamond, diamondEdges);
    const cases: Array<[string, string, RegExp]> = [
      ['cut.heapsnapshot', text.slice(0, Math.floor(text.length * 0.6)), /truncated/],
      ['empty.heapsnapshot', '', /empty/],
      ['profile.heapsnapshot', '{"nodes":[],"startTime":0}', /not a V8 heap snapshot|no snapshot header/],
      ['text.heapsnapshot', 'hello world', /not a heap snapshot/],
      ['object.heapsnapshot', '{"a":1}', /not a heap snapshot/],
      ['counts.heapsnapshot', text.replace('"node_count":6', '"node_count":7'), /damaged|truncated/],
    ];
    for (const [name, body, message] of cases) {
      const file = `${temp.dir}/${name}`;
      fs.writeFileSync(file, body);
      await assert.rejects(analyzeHeapSnapshotFile(file), (error: Error & { kind?: string }) => {
        assert.equal(error.kind, 'bad-input', name);
        assert.match(error.message, message, name);
        assert.ok(!error.message.includes('\n    at '), 'no stack trace');
        return true;
      });
    }
  });
});

/** Dominators by the textbook data-flow definition (slow, obviously right); unreached nodes → root. */
function naiveDominators(n: number, edges: readonly EdgeSpec[]): number[] {
  const preds: number[][] = Array.from({ length: n }, () => []);
  edges.forEach((e) => preds[e.to].push(e.from));
  const reach = new Set([0]);
  for (let changed = true; changed;) {
    changed = false;
    for (const e of edges) {
      if (reach.has(e.from) && !reach.has(e.to)) {
        reach.add(e.to);
        changed = true;
      }
    }
  }
  // Unreached nodes hang off the root on their own, as the engine treats them.
  const all = Array.from({ length: n }, (_, i) => i);
  const effectivePreds = preds.map((p, i) => (i === 0 ? [] : reach.has(i) ? p : [0]));
  const dom: Set<number>[] = all.map((i) => (i === 0 ? new Set([0]) : new Set(all)));
  for (let changed = true; changed;) {
    changed = false;
    for (let v = 1; v < n; v++) {
      let next: Set<number> | undefined;
      for (const p of effectivePreds[v]) {
        if (!reach.has(p) && p !== 0 && reach.has(v)) continue; // an unreached node cannot dominate a reached one
        next = next ? new Set([...next].filter((x) => dom[p].has(x))) : new Set(dom[p]);
      }
      next = new Set([...(next ?? []), v]);
      if (next.size !== dom[v].size) {
        dom[v] = next;
        changed = true;
      }
    }
  }
  return all.map((v) => {
    if (v === 0) return 0;
    const strict = [...dom[v]].filter((d) => d !== v);
    return strict.find((d) => strict.every((o) => o === d || dom[d].has(o))) ?? 0;
  });
}
