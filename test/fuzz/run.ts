// The long fuzz run: `node out/test/fuzz/run.js --n 10000 [--seed 1] [--format cpuprofile] [--parallel 2]`.
// Prints counts per format (ok / bad-input / unexpected / hang / non-finite) and every failure
// with the folder that reproduces it; exits 1 when there is any.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parseArgs } from 'node:util';
import { countTable, failures, runFuzz } from './runner';
import { formats, type Format } from './seeds';

async function main(): Promise<number> {
  const { values } = parseArgs({
    options: {
      messages: { type: 'boolean' },
      n: { type: 'string' },
      seed: { type: 'string' },
      format: { type: 'string', multiple: true },
      parallel: { type: 'string' },
      out: { type: 'string' },
    },
  });
  const count = Number(values.n ?? 1000);
  const runSeed = Number(values.seed ?? 1);
  const chosen = (values.format ?? [...formats]) as Format[];
  const unknown = chosen.filter((f) => !formats.includes(f));
  if (unknown.length > 0 || !(count > 0)) {
    console.error(`usage: run.js --n <cases per format> [--seed <n>] [--format ${formats.join('|')}]... [--parallel <children>]`);
    return 2;
  }
  const root = path.resolve(values.out ?? path.join(__dirname, '..', '..', 'fuzz-cases'));
  fs.mkdirSync(root, { recursive: true });
  const started = Date.now();
  let done = 0;
  const total = count * chosen.length;
  const results = await runFuzz({
    formats: chosen,
    count,
    runSeed,
    root,
    parallel: Number(values.parallel ?? 2),
    onResult(result) {
      if (++done % 500 === 0 || done === total) process.stderr.write(`  ${done}/${total} cases (${Math.round((Date.now() - started) / 1000)} s)\n`);
      if (result.outcome !== 'ok' && result.outcome !== 'bad-input') {
        process.stderr.write(
          `${result.outcome.toUpperCase()} ${result.format} #${result.index} (${result.seed ?? '?'}): ${result.detail?.split('\n').slice(0, 6).join('\n    ')}\n`,
        );
      }
    },
  });
  console.log(`Fuzzed ${total} cases (seed ${runSeed}) in ${Math.round((Date.now() - started) / 1000)} s\n`);
  console.log(countTable(results, chosen));
  if (values.messages) {
    // Which checks reject the damaged files, most frequent first (numbers and names blurred).
    for (const format of chosen) {
      const counts = new Map<string, number>();
      for (const r of results) {
        if (r.format !== format || r.outcome !== 'bad-input') continue;
        const shape = (r.detail ?? '').replace(/^\S+ /, '').replace(/-?\d[\d.e+]*/g, 'N');
        counts.set(shape, (counts.get(shape) ?? 0) + 1);
      }
      console.log(`\n${format}:`);
      for (const [shape, n] of [...counts].sort((a, b) => b[1] - a[1]).slice(0, 25)) console.log(`  ${String(n).padStart(6)}  ${shape.slice(0, 160)}`);
    }
  }
  const bad = failures(results);
  if (bad.length > 0) console.log(`\n${bad.length} failing cases; their files are in ${root}/<format>-<index>/`);
  return bad.length > 0 ? 1 : 0;
}

main().then(
  (code) => (process.exitCode = code),
  (error: unknown) => {
    console.error(error);
    process.exitCode = 1;
  },
);
