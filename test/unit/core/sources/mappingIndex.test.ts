// Our typed-array mappings decoder must answer exactly like @jridgewell/trace-mapping.
import * as assert from 'node:assert/strict';
import { encode, type SourceMapSegment } from '@jridgewell/sourcemap-codec';
import { originalPositionFor, TraceMap } from '@jridgewell/trace-mapping';
import { MappingIndex } from '../../../../src/core/sources/mappingIndex';

/** Deterministic pseudo-random numbers (mulberry32). */
function random(seed: number): () => number {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function randomMappings(next: () => number, lines: number): SourceMapSegment[][] {
  return Array.from({ length: lines }, () => {
    const count = next() < 0.1 ? 0 : Math.floor(next() * 40);
    let column = 0;
    const segments: SourceMapSegment[] = [];
    for (let i = 0; i < count; i++) {
      column += next() < 0.1 ? 0 : Math.floor(next() * (next() < 0.05 ? 2_000_000 : 30)); // duplicates and huge jumps
      segments.push(next() < 0.1 ? [column] : [column, Math.floor(next() * 3), Math.floor(next() * 500), Math.floor(next() * 80)]);
    }
    if (next() < 0.1) segments.reverse(); // some generators emit unsorted lines
    return segments;
  });
}

describe('mapping index (source map decoding)', () => {
  for (const seed of [1, 2, 3, 42]) {
    it(`answers like trace-mapping on random map #${seed}`, () => {
      const next = random(seed);
      const mappings = encode(randomMappings(next, 300));
      const traced = new TraceMap({ version: 3, sources: ['a.ts', 'b.ts', 'c.ts'], names: [], mappings });
      const index = new MappingIndex(mappings);
      let compared = 0;
      for (let i = 0; i < 20_000; i++) {
        const line = Math.floor(next() * 305); // some past the end
        const column = Math.floor(next() < 0.02 ? next() * 4_000_000 : next() * 600);
        const expected = originalPositionFor(traced, { line: line + 1, column });
        const actual = index.lookup(line, column);
        const want =
          expected.source === null
            ? undefined
            : { source: ['a.ts', 'b.ts', 'c.ts'].indexOf(expected.source), line: expected.line - 1, column: expected.column };
        assert.deepEqual(actual, want, `line ${line} column ${column}`);
        compared++;
      }
      assert.equal(compared, 20_000);
    });
  }

  it('rejects characters that are not base64 VLQ', () => {
    assert.throws(() => new MappingIndex('AAAA,!AAA'), /invalid character/);
  });
});
