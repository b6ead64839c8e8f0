// Recordings are named after the program the user knows: the npm script, the script, the folder
// of an index.js; the pid only when nothing else is known.
import * as assert from 'node:assert/strict';
import { recordingName, safeName } from '../../../../src/core/capture/recordingName';
import { profileFileName } from '../../../../src/extension/recording/profileTarget';

describe('recordingName', () => {
  const cases: Array<[string, Parameters<typeof recordingName>[0], string]> = [
    ['npm run dev', { command: ['npm', 'run', 'dev'] }, 'dev'],
    ['npm start', { command: ['npm', 'start'] }, 'start'],
    ['pnpm serve', { command: ['pnpm', 'serve'] }, 'serve'],
    ['yarn run build:watch', { command: ['yarn', 'run', 'build:watch'] }, 'build-watch'],
    ['node dist/server.js', { command: ['node', 'dist/server.js'] }, 'server'],
    ['node --enable-source-maps app/api.mjs', { command: ['node', '--enable-source-maps', 'app/api.mjs'] }, 'api'],
    ['tsx src/worker.ts', { command: ['npx', 'tsx', 'src/worker.ts'], argv: ['/usr/bin/node', '/w/node_modules/tsx/dist/cli.mjs', 'src/worker.ts'] }, 'worker'],
    ['an attached index.js names its folder', { pid: 12, argv: ['/usr/bin/node', '/srv/billing/index.js'] }, 'billing'],
    ['an index.js under src/ keeps its name', { argv: ['node', '/srv/billing/src/index.js'] }, 'index'],
    ['a pid with nothing known', { pid: 4242 }, 'pid-4242'],
    ['a pid running node -e', { pid: 4242, argv: ['node', '-e', 'while(1){}'] }, 'pid-4242'],
    ['nothing at all', {}, 'profile'],
  ];
  for (const [what, facts, expected] of cases) {
    it(`${what} → ${expected}`, () => assert.equal(recordingName(facts), expected));
  }

  it('keeps names safe and short', () => {
    assert.equal(safeName('../../etc/passwd'), 'etc-passwd');
    assert.equal(safeName('a'.repeat(80)).length, 40);
    assert.equal(safeName('  '), 'profile');
  });
});

describe('profileFileName', () => {
  const when = new Date(2026, 10, 29, 8, 12, 5);
  it('names a launch by its script, an npm run by its script name, a pid by its argv', () => {
    assert.equal(profileFileName('node server.js', when), 'server-20261129-081205.cpuprofile');
    assert.equal(profileFileName('npm run dev', when), 'dev-20261129-081205.cpuprofile');
    assert.equal(profileFileName({ label: 'pid 77', pid: 77, argv: ['node', '/srv/shop/server.ts'] }, when), 'server-20261129-081205.cpuprofile');
  });
  it('falls back to the pid, or the address', () => {
    assert.equal(profileFileName('pid 77', when), 'pid-77-20261129-081205.cpuprofile');
    assert.equal(profileFileName('127.0.0.1:9229', when), '127.0.0.1-9229-20261129-081205.cpuprofile');
  });
});
