// Output files that cannot be written (issue 9, "Faults during capture"): a full disk, a read-only
// file system, a folder or a file in the way. Through the real CLI: exit 2, one sentence saying
// what happened and what to do, and never a 0-byte, truncated or .partial file left behind.
import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { materializeFixtureProfile } from '../support/fixtureProfiles';
import { fixtureApps } from '../support/paths';
import { runCli, tempDir, type CliResult } from '../support/runCli';

/** Exit 2 and one line naming the file and the reason: no "unexpected failure", no stack. */
function assertCannotWrite(result: CliResult, file: string, reason: RegExp): void {
  assert.equal(result.code, 2, result.stderr);
  const lines = result.stderr
    .trim()
    .split('\n')
    .filter((line) => line.startsWith('flamelens:'));
  assert.equal(lines.length, 1, result.stderr);
  assert.ok(lines[0].includes(file), `the message names ${file}: ${lines[0]}`);
  assert.match(lines[0], reason);
  assert.doesNotMatch(result.stderr, /unexpected failure|report it|\n\s+at /);
}

/** Names of the files in `dir` and below. */
function listing(dir: string): string[] {
  return fs
    .readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => e.name);
}

/** Mounts a tmpfs of `size` at `dir`; false when that is not possible here (not root, no mount). */
function mountTmpfs(dir: string, size: string): boolean {
  if (process.getuid?.() !== 0) return false;
  try {
    execFileSync('mount', ['-t', 'tmpfs', '-o', `size=${size}`, 'tmpfs', dir], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

function unmount(dir: string): void {
  try {
    execFileSync('umount', [dir], { stdio: 'ignore' });
  } catch {
    // Not mounted (the test was skipped) or already gone.
  }
}

describe('outputs that cannot be written', function () {
  this.timeout(60_000);
  let temp: ReturnType<typeof tempDir>;
  let profile: string;
  beforeEach(() => {
    temp = tempDir();
    profile = materializeFixtureProfile('node-20/ts-service.cpu-prof.cpuprofile', temp.dir);
  });
  afterEach(() => temp.remove());

  describe('on a full disk', () => {
    let disk: string;
    beforeEach(function () {
      disk = path.join(temp.dir, 'full');
      fs.mkdirSync(disk);
      // Skipped, not failed, where a file system cannot be mounted: it needs root (containers
      // without CAP_SYS_ADMIN refuse too). The atomic writing itself is the same code everywhere.
      if (!mountTmpfs(disk, '64k')) this.skip();
    });
    afterEach(() => unmount(disk));

    it('writes no report under its name, says the disk is full and exits 2', async () => {
      const html = path.join(disk, 'report.html'); // ~1 MB: cannot fit in 64 KiB
      const result = await runCli(['report', profile, '--html', html]);
      assertCannotWrite(result, html, /disk is full/);
      assert.deepEqual(listing(disk), [], 'no report.html, no .partial file');
    });

    it('keeps what was written before the disk filled up whole', async () => {
      const json = path.join(disk, 'summary.json');
      const html = path.join(disk, 'report.html');
      const result = await runCli(['report', profile, '--json', json, '--html', html]);
      assertCannotWrite(result, html, /disk is full/);
      assert.deepEqual(listing(disk), ['summary.json']);
      assert.ok(JSON.parse(fs.readFileSync(json, 'utf8')).hotFunctions.length > 0, 'the summary is complete JSON');
    });

    it('leaves no profile behind when --out does not fit during a recording', async () => {
      fs.writeFileSync(path.join(disk, 'filler'), Buffer.alloc(60 * 1024)); // what is left cannot hold a profile
      const out = path.join(disk, 'run.cpuprofile');
      const result = await runCli(['record', '--out', out, '--', process.execPath, path.join(fixtureApps, 'quick-exit.js')]);
      assertCannotWrite(result, out, /disk is full/);
      assert.deepEqual(listing(disk), ['filler']);
    });
  });

  describe('on a read-only file system', () => {
    let disk: string;
    beforeEach(function () {
      disk = path.join(temp.dir, 'readonly');
      fs.mkdirSync(disk);
      // Skipped where a file system cannot be mounted (needs root), as above.
      if (!mountTmpfs(disk, '1m')) this.skip();
      execFileSync('mount', ['-o', 'remount,ro', disk], { stdio: 'ignore' });
    });
    afterEach(() => unmount(disk));

    it('says the file system is read-only and exits 2', async () => {
      const json = path.join(disk, 'summary.json');
      const result = await runCli(['report', profile, '--json', json]);
      assertCannotWrite(result, json, /read-only/);
      assert.deepEqual(listing(disk), []);
    });
  });

  it('says a folder is in the way of --json and exits 2', async () => {
    const folder = path.join(temp.dir, 'results');
    fs.mkdirSync(folder);
    const result = await runCli(['report', profile, '--json', folder]);
    assertCannotWrite(result, folder, /folder; give a file name/);
    assert.deepEqual(fs.readdirSync(folder), []);
    assert.deepEqual(
      fs.readdirSync(temp.dir).filter((name) => name.endsWith('.partial')),
      [],
    );
  });

  it('says a file is in the way of the --html folder and exits 2', async () => {
    const blocker = path.join(temp.dir, 'blocker');
    fs.writeFileSync(blocker, 'not a folder');
    const html = path.join(blocker, 'report.html');
    const result = await runCli(['report', profile, '--html', html]);
    assertCannotWrite(result, html, /not a folder/);
    assert.equal(fs.readFileSync(blocker, 'utf8'), 'not a folder');
  });

  it('creates missing folders of an output path', async () => {
    const json = path.join(temp.dir, 'a', 'b', 'summary.json');
    const result = await runCli(['report', profile, '--json', json]);
    assert.equal(result.code, 0, result.stderr);
    assert.deepEqual(fs.readdirSync(path.dirname(json)), ['summary.json']);
  });
});
