// Writing outputs atomically, and the one sentence for a path that cannot be written.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { assertOutputsWritable } from '../../../src/cli/outputs';
import { FlameLensError } from '../../../src/core/errors';
import { makeFolderOf, writeTextFileAtomically } from '../../../src/core/files/jsonFile';
import { tempDir } from '../../support/runCli';

async function badInputMessage(promise: Promise<unknown>): Promise<string> {
  const error = await promise.then(
    () => assert.fail('expected a failure'),
    (e: unknown) => e,
  );
  assert.ok(error instanceof FlameLensError && error.kind === 'bad-input', String(error));
  assert.ok(!error.message.includes('\n'));
  return error.message;
}

describe('output files', () => {
  let temp: ReturnType<typeof tempDir>;
  beforeEach(() => (temp = tempDir()));
  afterEach(() => temp.remove());

  it('replaces a file whole and leaves no .partial file', async () => {
    const file = path.join(temp.dir, 'deep', 'er', 'summary.json');
    await writeTextFileAtomically(file, 'first');
    await writeTextFileAtomically(file, 'second');
    assert.equal(fs.readFileSync(file, 'utf8'), 'second');
    assert.deepEqual(fs.readdirSync(path.dirname(file)), ['summary.json']);
  });

  it('keeps the old file when the new one cannot be written', async () => {
    const file = path.join(temp.dir, 'report.html');
    fs.writeFileSync(file, 'old report');
    // A folder squatting on the .partial name makes the write fail after the checks.
    fs.mkdirSync(`${file}.${process.pid}.partial`);
    const message = await badInputMessage(writeTextFileAtomically(file, 'new report'));
    assert.match(message, /^Could not write .*report\.html: /);
    assert.equal(fs.readFileSync(file, 'utf8'), 'old report');
  });

  it('checks output paths before a recording, leaving nothing behind', async () => {
    const folder = path.join(temp.dir, 'folder');
    fs.mkdirSync(folder);
    assert.match(await badInputMessage(assertOutputsWritable([undefined, folder])), /folder; give a file name/);
    const blocker = path.join(temp.dir, 'blocker');
    fs.writeFileSync(blocker, '');
    assert.match(await badInputMessage(assertOutputsWritable([path.join(blocker, 'x.json')])), /not a folder; check the path/);
    const fresh = path.join(temp.dir, 'new', 'run.cpuprofile');
    await assertOutputsWritable([fresh]);
    assert.deepEqual(fs.readdirSync(path.dirname(fresh)), [], 'no probe left, no file made');
  });
});

describe('creating the folders of an output file', () => {
  it('fails, and does not loop, on a path whose folder cannot be created (/proc)', async function () {
    if (process.platform !== 'linux') this.skip(); // /proc is Linux's
    // Node's own mkdir({ recursive: true }) spins for ever here; the test's timeout would be the failure.
    await assert.rejects(makeFolderOf('/proc/flamelens-no-such-folder/deeper/out.json'));
  });

  it('creates every missing level', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'flamelens-folders-'));
    try {
      await makeFolderOf(path.join(dir, 'a', 'b', 'c', 'out.json'));
      assert.ok(fs.statSync(path.join(dir, 'a', 'b', 'c')).isDirectory());
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
