import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { functionRangesOf } from '../../../../src/core/sources/functionRanges';
import { diskScriptSources } from '../../../../src/core/sources/scriptSources';
import { SourceMapResolver, sourceMappingUrlIn } from '../../../../src/core/sources/sourceMaps';
import { fixtureApps } from '../../../support/paths';

const dist = path.join(fixtureApps, 'ts-service', 'dist');
const checksumJs = path.join(dist, 'checksum.js');
const checksumTs = path.join(fixtureApps, 'ts-service', 'src', 'checksum.ts');
const resolver = () => new SourceMapResolver({ readFile: async (f) => (fs.existsSync(f) ? fs.readFileSync(f, 'utf8') : undefined) });

describe('function ranges', () => {
  it('finds every function with its name, extent and nesting', () => {
    const text = [
      'function outer() {', // 1
      '  const inner = (x) => x + 1;', // 2
      '  return { method() { return inner(1); } };', // 3
      '}', // 4
      'obj.prop = function () {};', // 5
      'class A { run() {} }', // 6
    ].join('\n');
    const ranges = functionRangesOf(text)!;
    const byName = Object.fromEntries(ranges.map((r, i) => [r[5], { r, i }]));
    assert.deepEqual(ranges[0].slice(0, 5), [1, 1, 6, 21, -1]);
    assert.deepEqual(byName.outer.r.slice(0, 5), [1, 1, 4, 2, 0]);
    assert.equal(byName.inner.r[4], byName.outer.i);
    assert.equal(byName.method.r[4], byName.outer.i);
    assert.ok(byName.prop && byName.run, JSON.stringify(ranges));
  });

  it('returns undefined for text that is not JavaScript', () => {
    assert.equal(functionRangesOf('interface X { a: number }\nconst y: X = { a: 1 };'), undefined);
  });
});

describe('source maps', () => {
  it('maps a compiled function and a whole line back to the .ts source', async () => {
    const text = fs.readFileSync(checksumJs, 'utf8');
    const map = await resolver().mapFor(pathToFileURL(checksumJs).href, undefined, text);
    assert.ok(map);
    const jsLines = text.split('\n');
    const fnLine = jsLines.findIndex((l) => l.startsWith('function checksum')) + 1;
    assert.deepEqual(map.originalPosition(fnLine, 1), { file: checksumTs, line: 7, column: 1 });
    const hotJs = jsLines.findIndex((l) => l.includes('HOT-LINE')) + 1;
    const hotTs =
      fs
        .readFileSync(checksumTs, 'utf8')
        .split('\n')
        .findIndex((l) => l.includes('HOT-LINE')) + 1;
    assert.deepEqual(map.originalLine(hotJs), { file: checksumTs, line: hotTs });
  });

  it('reads inline data: URI maps', async () => {
    const mapJson = fs.readFileSync(`${checksumJs}.map`, 'utf8');
    const dataUri = `data:application/json;base64,${Buffer.from(mapJson).toString('base64')}`;
    const map = await resolver().mapFor(pathToFileURL(checksumJs).href, dataUri);
    assert.equal(map?.originalLine(5)?.file, checksumTs);
  });

  it('never fetches remote maps and survives broken ones', async () => {
    assert.equal(await resolver().mapFor('file:///app/a.js', 'https://example.com/a.js.map'), undefined);
    assert.equal(await resolver().mapFor('file:///app/a.js', 'data:application/json,{not json'), undefined);
    assert.equal(await resolver().mapFor('file:///app/missing.js', 'missing.js.map'), undefined);
  });

  it('finds the last sourceMappingURL comment', () => {
    assert.equal(sourceMappingUrlIn('x\n//# sourceMappingURL=a.map\ny\n//# sourceMappingURL=b.map\n'), 'b.map');
    assert.equal(sourceMappingUrlIn('const s = "no map";'), undefined);
  });

  it('finds a long inline map that ends the script, but not the same words inside code', () => {
    const inline = `data:application/json;base64,${'A'.repeat(9000)}`;
    assert.equal(sourceMappingUrlIn(`run();\n//# sourceMappingURL=${inline}\n`), inline);
    // Tools that write maps (tsx) carry the words in a string: that is no map of theirs.
    const code = `const comment = \`//# sourceMappingURL=data:application/json;base64,\` + encode(map);\n${'work();\n'.repeat(1000)}`;
    assert.equal(sourceMappingUrlIn(code), undefined);
  });
});

describe('source map lookups on very long lines', () => {
  it('keeps columns past 1 MiB apart from the next line', async () => {
    // Line 1 has a segment at column 1,048,580; line 2 one at column 4 (0-based) — once keyed alike.
    const { encode } = await import('@jridgewell/sourcemap-codec');
    const mappings = encode([[[1_048_580, 0, 9, 0]], [[4, 0, 99, 0]]]);
    const map = JSON.stringify({ version: 3, sources: ['a.ts'], names: [], mappings });
    const resolved = await resolver().mapFor('file:///app/a.js', `data:application/json,${encodeURIComponent(map)}`);
    assert.equal(resolved?.originalPosition(2, 5)?.line, 100);
    assert.equal(resolved?.originalPosition(1, 1_048_581)?.line, 10);
  });
});

describe('reading the scripts a profile names', () => {
  it('reads only regular files: a FIFO named as a script never blocks', async function () {
    if (process.platform === 'win32') this.skip(); // mkfifo is a POSIX tool
    const dir = fs.mkdtempSync(path.join(require('node:os').tmpdir(), 'flamelens-fifo-'));
    const fifo = path.join(dir, 'script.js');
    require('node:child_process').execFileSync('mkfifo', [fifo]);
    try {
      // Reading a FIFO with no writer would wait for ever: the test's timeout is the failure.
      assert.equal(await diskScriptSources().script(pathToFileURL(fifo).href), undefined);
      assert.equal(await diskScriptSources().readFile(fifo), undefined);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
