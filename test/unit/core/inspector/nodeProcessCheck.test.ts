// Whether a process runs Node decides whether it may receive SIGUSR1 (most other programs die of
// it). The decision is checked on made-up /proc entries, one per case the real /proc presents.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { checkNodeProcess, isNodeExecutableName } from '../../../../src/core/inspector/nodeProcesses';
import { tempDir } from '../../../support/runCli';

describe('confirming a process runs Node', () => {
  let temp: ReturnType<typeof tempDir>;
  beforeEach(function () {
    if (process.platform === 'darwin') this.skip(); // macOS asks ps, not /proc.
    temp = tempDir();
  });
  afterEach(() => temp?.remove());

  /** /proc/<pid> with `exe` a link to `exe` (absent: unreadable) and the given command line. */
  function proc(pid: number, entries: { exe?: string; cmdline?: string }): void {
    const dir = path.join(temp.dir, String(pid));
    fs.mkdirSync(dir);
    if (entries.exe !== undefined) fs.symlinkSync(entries.exe, path.join(dir, 'exe'));
    if (entries.cmdline !== undefined) fs.writeFileSync(path.join(dir, 'cmdline'), entries.cmdline);
  }

  it('confirms by the executable: node, nodejs, node20, one replaced by an upgrade', () => {
    proc(1, { exe: '/usr/bin/node' });
    proc(2, { exe: '/usr/bin/nodejs' });
    proc(3, { exe: '/opt/node20/bin/node20' });
    proc(4, { exe: '/usr/local/bin/node (deleted)' });
    for (const pid of [1, 2, 3, 4]) assert.deepEqual(checkNodeProcess(pid, temp.dir), { node: true }, `pid ${pid}`);
  });

  it('refuses other executables, naming them, whatever the command line claims', () => {
    proc(1, { exe: '/usr/bin/sleep', cmdline: 'node\0app.js\0' });
    proc(2, { exe: '/usr/bin/nodemon-helper' });
    proc(3, { exe: '/usr/bin/bun' });
    assert.deepEqual(checkNodeProcess(1, temp.dir), { node: false, runs: '/usr/bin/sleep' });
    assert.deepEqual(checkNodeProcess(2, temp.dir), { node: false, runs: '/usr/bin/nodemon-helper' });
    assert.deepEqual(checkNodeProcess(3, temp.dir), { node: false, runs: '/usr/bin/bun' });
  });

  it('refuses when the executable cannot be read and the command line is empty (a kernel thread)', () => {
    proc(2, { cmdline: '' });
    assert.deepEqual(checkNodeProcess(2, temp.dir), { node: false });
  });

  it('refuses when nothing can be read (a process that is gone, or hidden)', () => {
    assert.deepEqual(checkNodeProcess(99, temp.dir), { node: false });
  });

  it("falls back to the command line's program only when the executable cannot be read", () => {
    proc(1, { cmdline: '/usr/bin/node\0server.js\0' });
    proc(2, { cmdline: 'npm run start\0' }); // a process that renamed itself (process.title)
    proc(3, { cmdline: 'sleep\0' + '30\0' });
    assert.deepEqual(checkNodeProcess(1, temp.dir), { node: true });
    assert.deepEqual(checkNodeProcess(2, temp.dir), { node: false });
    assert.deepEqual(checkNodeProcess(3, temp.dir), { node: false });
  });

  it('knows the names of Node executables', () => {
    for (const name of ['node', 'nodejs', 'node18', 'node22']) assert.ok(isNodeExecutableName(name), name);
    for (const name of ['nodemon', 'bun', 'deno', 'electron', 'sleep', 'node.sh', 'my-node', '']) assert.ok(!isNodeExecutableName(name), name);
  });
});
