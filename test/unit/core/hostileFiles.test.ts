// Hostile files (issue 9): each format's checks before use, deep call chains through the parts
// that used to recurse, and damaged source maps that must only cost their own script.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { stringifyJson } from '../../../src/core/files/jsonFile';
import { annotateHeapProfile } from '../../../src/core/model/allocation/allocationLocations';
import { buildAllocationFlameTree } from '../../../src/core/model/allocation/allocationFlame';
import { computeAllocationHotspots } from '../../../src/core/model/allocation/allocationHotspots';
import { buildAllocationModel } from '../../../src/core/model/allocation/allocationModel';
import { maxFrameDepth } from '../../../src/core/model/flame/visibleSubtree';
import { readHeapProfileFile, writeHeapProfileFile } from '../../../src/core/model/allocation/heapProfileFile';
import { HeapSnapshotParser } from '../../../src/core/model/heap/heapSnapshotParser';
import { analyzeHeapSnapshotFile } from '../../../src/core/model/heap/heapAnalysis';
import { readMemoryTimelineFile } from '../../../src/core/model/timeline/timelineFile';
import type { FlameFrame } from '../../../src/core/model/flame/flameTree';
import { renderHtmlReport } from '../../../src/core/report/htmlReport';
import { diskScriptSources } from '../../../src/core/sources/scriptSources';
import { SourceMapResolver } from '../../../src/core/sources/sourceMaps';
import { recursiveHeapProfile } from '../../fuzz/seeds';
import { assertBadInput } from '../../support/badInput';
import { fixtureApps } from '../../support/paths';
import { tempDir } from '../../support/runCli';
import { sampleProfile } from '../../support/sampleHeapProfile';
import { snapshotText } from '../../support/snapshotBuilder';

/** Depth of a nested frame tree, counted without recursion. */
function depthOf(root: { children: readonly unknown[] }): number {
  let deepest = 0;
  const stack: Array<[{ children: readonly unknown[] }, number]> = [[root, 0]];
  while (stack.length > 0) {
    const [frame, depth] = stack.pop()!;
    deepest = Math.max(deepest, depth);
    for (const child of frame.children) stack.push([child as { children: readonly unknown[] }, depth + 1]);
  }
  return deepest;
}

describe('hostile files', () => {
  let temp: ReturnType<typeof tempDir>;
  beforeEach(() => (temp = tempDir()));
  afterEach(() => temp.remove());
  const write = (name: string, text: string) => {
    const file = path.join(temp.dir, name);
    fs.writeFileSync(file, text);
    return file;
  };

  describe('.heapprofile', () => {
    const damaged = (change: (p: any) => void) => {
      const profile: any = sampleProfile();
      change(profile);
      // 1e999 is how a file says "Infinity" to JSON.parse.
      return JSON.stringify(profile).replace('"INFINITY"', '1e999');
    };
    const cases: Array<[string, (p: any) => void, RegExp]> = [
      ['a selfSize of 1e308', (p) => (p.head.children[0].selfSize = 1e308), /impossible "selfSize" in node \d+/],
      ['an infinite selfSize', (p) => (p.head.children[0].selfSize = 'INFINITY'), /impossible "selfSize"/],
      ['a negative selfSize', (p) => (p.head.children[0].children[0].selfSize = -1), /impossible "selfSize" in node \d+/],
      ['a numeric function name', (p) => (p.head.children[0].callFrame.functionName = 5), /call frame in node \d+ \(the function name is not text\)/],
      ['children that are not a list', (p) => (p.head.children[0].children = {}), /malformed node/],
      ['a negative sample size', (p) => (p.samples[0].size = -64), /impossible size \(#1\)/],
      ['a location id without a $vscode block entry', (p) => ((p.head.locationId = 3), (p.$vscode = { locations: [] })), /not in its "\$vscode" block/],
      ['a malformed $flamelens block', (p) => (p.$flamelens = { version: 1, samplingIntervalBytes: -1 }), /malformed "\$flamelens" block/],
    ];
    for (const [label, change, message] of cases) {
      it(`rejects ${label} as bad input`, async () => {
        await assertBadInput(readHeapProfileFile(write('x.heapprofile', damaged(change))), message);
      });
    }

    it('reads, annotates, models, draws and saves again a recursion 5,000 calls deep', async () => {
      const deep = recursiveHeapProfile(5000);
      const file = write('deep.heapprofile', stringifyJson(deep));
      const annotated = await annotateHeapProfile(await readHeapProfileFile(file), diskScriptSources());
      const model = buildAllocationModel(annotated);
      assert.equal(model.nodes.length, 5001);
      // By construction: (root), 4,999 frames of 64 bytes and the deepest of 4096.
      assert.equal(model.totalBytes[0], 4999 * 64 + 4096);
      const walk = computeAllocationHotspots(model).functions.find((f) => f.name === 'walk')!;
      assert.equal(walk.totalBytes, 4999 * 64 + 4096, 'a recursive function counted once');
      const flame = buildAllocationFlameTree(model);
      assert.equal(depthOf(flame), maxFrameDepth);
      structuredClone(flame); // what the worker's postMessage does
      await writeHeapProfileFile(path.join(temp.dir, 'again.heapprofile'), annotated);
      assert.equal((await readHeapProfileFile(path.join(temp.dir, 'again.heapprofile'))).head.children[0].children[0].id, 3);
    });
  });

  describe('.memory.json', () => {
    const timeline = (change: (t: any) => void) => {
      const t: any = {
        version: 1,
        startedAt: '2026-01-01T00:00:00.000Z',
        intervalMs: 500,
        sampleIntervalMs: 500,
        durationMs: 1000,
        samples: [{ t: 0, rss: 5e7, heapTotal: 1e7, heapUsed: 8e6, external: 1e6, arrayBuffers: 1e4 }],
        gcs: [{ t: 250, kind: 'major', durationMs: 3.2, heapAfter: 7e6, count: 1 }],
        gcCount: 1,
        gcTotalMs: 3.2,
      };
      change(t);
      return JSON.stringify(t);
    };
    const cases: Array<[string, (t: any) => void, RegExp]> = [
      ['a negative GC duration', (t) => (t.gcs[0].durationMs = -3), /malformed GC mark \(#1\)/],
      ['a negative total duration', (t) => (t.durationMs = -1), /totals are missing, negative or impossible/],
      ['a negative heap', (t) => (t.samples[0].heapUsed = -8e6), /malformed sample \(#1\)/],
      ['a heap of 1e308 bytes', (t) => (t.samples[0].rss = 1e308), /malformed sample \(#1\)/],
      ['a time of 1e-320 ms (rates would divide to infinity)', (t) => (t.samples[0].t = 1e-320), /malformed sample \(#1\)/],
      ['a negative GC heap', (t) => (t.gcs[0].heapAfter = -1), /malformed GC mark/],
      ['malformed capabilities', (t) => (t.capabilities = { gcMarks: 'yes' }), /malformed "capabilities"/],
      ['a fractional version', (t) => (t.version = 0.5), /"version" is not one FlameLens writes/],
    ];
    for (const [label, change, message] of cases) {
      it(`rejects ${label} as bad input`, async () => {
        await assertBadInput(readMemoryTimelineFile(write('x.memory.json', timeline(change))), message);
      });
    }
  });

  describe('.heapsnapshot', () => {
    const nodes = [
      { type: 'synthetic' as const, name: '', size: 0 },
      { type: 'object' as const, name: 'Thing', size: 10 },
    ];
    const edges = [{ from: 0, to: 1, type: 'property' as const, name: 'thing' }];

    it('says a header count of 1e308 is not a valid heap snapshot (not "Invalid typed array length")', async () => {
      const file = write('huge.heapsnapshot', snapshotText(nodes, edges).replace('"node_count":2', '"node_count":1e308'));
      await assertBadInput(analyzeHeapSnapshotFile(file), /not a valid heap snapshot: its header counts 1e\+308 objects/);
    });

    it('says a header promising more than the file can hold is damage, before allocating for it', async () => {
      const file = write('big.heapsnapshot', snapshotText(nodes, edges).replace('"node_count":2', '"node_count":400000000'));
      await assertBadInput(analyzeHeapSnapshotFile(file), /damaged: its header counts 400000000 objects .* more than its \d+ bytes can hold/);
    });

    it('reports where in the file the damage is, not byte 0', async () => {
      const text = snapshotText(nodes, edges);
      const at = text.indexOf('"nodes":[') + '"nodes":['.length + 2;
      const damaged = text.slice(0, at) + 'x' + text.slice(at + 1);
      const file = write('bad.heapsnapshot', damaged);
      await assertBadInput(analyzeHeapSnapshotFile(file), new RegExp(`damaged near byte ${at}:`));
      // The same position when the bytes arrive in small chunks.
      const parser = new HeapSnapshotParser('bad.heapsnapshot');
      assert.throws(
        () => {
          for (let i = 0; i < damaged.length; i += 7) parser.write(damaged.slice(i, i + 7));
        },
        new RegExp(`damaged near byte ${at}:`),
      );
    });

    it('rejects an object named by a string that is not there', async () => {
      const text = snapshotText(nodes, edges);
      const start = text.indexOf('"nodes":[') + '"nodes":['.length;
      const firstLine = text.slice(start, text.indexOf('\n', start));
      const fields = firstLine.split(',');
      fields[1] = '999';
      const file = write('names.heapsnapshot', text.replace(firstLine, fields.join(',')));
      await assertBadInput(analyzeHeapSnapshotFile(file), /object #0 has a name that is not among its strings/);
    });
  });

  describe('source maps', () => {
    const dist = path.join(fixtureApps, 'ts-service', 'dist');
    const mapWith = (change: (map: any) => void) => {
      const map = JSON.parse(fs.readFileSync(path.join(dist, 'checksum.js.map'), 'utf8'));
      change(map);
      return JSON.stringify(map);
    };
    // [label, damage, set aside whole (true) or kept with the damaged segments mapping nowhere]
    const cases: Array<[string, (map: any) => void, boolean]> = [
      ['a list of objects in "sources"', (m) => (m.sources = [{ huge: 'x'.repeat(100_000) }]), true],
      ['an object for "sources"', (m) => (m.sources = { 0: 'x' }), true],
      ['a source name of a megabyte', (m) => (m.sources = ['a'.repeat(1_000_000)]), true],
      ['characters that are not base64 in "mappings"', (m) => (m.mappings = 'AAAA;!!!!'), true],
      ['a number for "mappings"', (m) => (m.mappings = 12), true],
      ['segments pointing at no source or before line 1', (m) => (m.mappings = ';;;AEAA,CCAA,ECDD'), false],
    ];
    for (const [label, change, setAside] of cases) {
      it(`leaves a script with ${label} at generated positions${setAside ? ', with one short note' : ''}`, async () => {
        const script = write('checksum.js', fs.readFileSync(path.join(dist, 'checksum.js'), 'utf8'));
        write('checksum.js.map', mapWith(change));
        const notes: string[] = [];
        const resolver = new SourceMapResolver({
          readFile: async (f) => (fs.existsSync(f) ? fs.readFileSync(f, 'utf8') : undefined),
          onProblem: (m) => notes.push(m),
        });
        const map = await resolver.mapFor(pathToFileURL(script).href, undefined, fs.readFileSync(script, 'utf8'));
        if (setAside) {
          assert.equal(map, undefined);
          assert.equal(notes.length, 1);
          assert.match(notes[0], /^The source map of checksum\.js is damaged \(.*\); its locations are shown in the generated code\.$/);
          assert.ok(notes[0].length < 400, notes[0]);
        } else {
          assert.ok(map);
          assert.deepEqual(notes, []);
          for (let column = 1; column < 12; column++) assert.equal(map.originalPosition(4, column), undefined, `column ${column}`);
        }
      });
    }
  });

  describe('deep call chains in the HTML report', () => {
    it('embeds a flame tree 5,000 frames deep without overflowing the stack', () => {
      let frame: FlameFrame = {
        id: 5000,
        name: 'walk',
        value: 1,
        self: 1,
        location: { file: '/app/walk.js', line: 3 },
        category: 'app',
        children: [],
        hidden: 0,
      };
      for (let id = 4999; id >= 0; id--) frame = { ...frame, id, self: 0, value: frame.value + 1, children: [frame] };
      const html = renderHtmlReport({
        title: 'deep',
        recordedAt: '2026-01-01T00:00:00.000Z',
        summary: { durationMs: 5, samples: 5001, intervalUs: 1, hotFunctions: [], hotLines: [], byCategory: {} },
        flame: frame,
      });
      const data = /<script type="application\/json" id="flamelens-data">(.*?)<\/script>/s.exec(html)![1];
      assert.equal(depthOf((JSON.parse(data) as { flame: FlameFrame }).flame), 5000);
    });

    it('writes deeply nested values as JSON.stringify would', () => {
      let value: unknown = { leaf: [1, 'two', null, true, undefined, () => 1] };
      for (let i = 0; i < 20_000; i++) value = { children: [value], skip: undefined, n: i };
      const text = stringifyJson(value);
      let parsed = JSON.parse(text) as { children?: unknown[]; leaf?: unknown; n?: number };
      assert.equal(parsed.n, 19_999);
      while (parsed.children) parsed = parsed.children[0] as typeof parsed;
      assert.deepEqual(parsed, { leaf: [1, 'two', null, true, null, null] });
      const shallow = { a: [1, { b: 'c', d: undefined }], e: new Date(0), f: Infinity };
      assert.equal(stringifyJson(shallow), JSON.stringify(shallow));
    });
  });
});
