// The bounded, fixed-seed fuzz run inside `npm test`: a few hundred damaged files per format
// through the real reading, model and report path. Every one must end as a result with sane
// figures or as one sentence of bad input; never an unexpected failure, a hang or NaN.
// (The long run: node out/test/fuzz/run.js --n 10000.)
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { countTable, failures, runFuzz } from './runner';
import { formats } from './seeds';

describe('hostile files (fuzz, fixed seed)', function () {
  this.timeout(180_000);
  const root = path.resolve(__dirname, '..', '..', 'fuzz-cases', 'npm-test');

  before(() => fs.rmSync(root, { recursive: true, force: true }));

  for (const format of formats) {
    it(`reads 300 damaged ${format} files without an unexpected failure, a hang or a non-finite figure`, async () => {
      const results = await runFuzz({ formats: [format], count: 300, runSeed: 20261129, root, parallel: 1 });
      assert.equal(results.length, 300);
      const bad = failures(results);
      assert.deepEqual(
        bad.map((r) => `${r.outcome} #${r.index} (${r.seed ?? '?'}): ${r.detail?.split('\n').slice(0, 4).join(' | ')}`),
        [],
        `${countTable(results, [format])}\nfiles in ${root}`,
      );
      // The run must have exercised both sides: files that read and files rejected as bad input.
      assert.ok(
        results.some((r) => r.outcome === 'ok'),
        'no case read cleanly: the mutations are too coarse',
      );
      if (format !== 'sourcemap')
        assert.ok(
          results.some((r) => r.outcome === 'bad-input'),
          'no case was rejected: the mutations do nothing',
        );
    });
  }
});
