// Whose process is it, and what does it run? The argv shapes are what the tools really put in
// /proc/<pid>/cmdline (read with `tr '\0' '|' < /proc/<pid>/cmdline` while they ran), not what
// the code under test would produce.
import * as assert from 'node:assert/strict';
import { classifyProcess, describeArgv } from '../../../../src/core/inspector/processKinds';

const home = '/home/ana';
const app = `${home}/app`;
const folders = [app];
const commit = '3f2c1d9a0b8e7f6a5d4c3b2a1f0e9d8c7b6a5f4e';
const server = `${home}/.vscode-server/bin/${commit}`;
const cs = `${home}/tools/node_modules/code-server`;

describe('process kinds (for the process picker)', () => {
  describe('the name of what a process runs', () => {
    const cases: Array<[string, string[], string]> = [
      ['node with a script', ['node', 'server.js'], 'server.js'],
      [
        'a script in a folder, with Node options and program arguments',
        ['/usr/bin/node', '--inspect=9229', '--max-old-space-size=4096', 'dist/server.js', '--port', '3000'],
        'dist/server.js',
      ],
      ['an absolute script path', ['/usr/local/bin/node', `${app}/dist/server.js`], 'server.js'],
      ['a preload given as the next argument', ['node', '-r', 'dotenv/config', 'index.js'], 'index.js'],
      // tsx's supervisor (`npx tsx idle.ts`) and the child it starts, as ps showed them.
      ['tsx, the supervisor', ['node', '/work/app/node_modules/.bin/tsx', 'idle.ts'], 'tsx idle.ts'],
      [
        "tsx's child that runs the program",
        [
          '/usr/bin/node',
          '--require',
          '/work/app/node_modules/tsx/dist/preflight.cjs',
          '--import',
          'file:///work/app/node_modules/tsx/dist/loader.mjs',
          'idle.ts',
        ],
        'idle.ts',
      ],
      ['ts-node with its own option', ['node', '/work/app/node_modules/.bin/ts-node', '--transpile-only', 'idle.ts'], 'ts-node idle.ts'],
      ['nodemon', ['node', `${app}/node_modules/.bin/nodemon`, 'server.js'], 'nodemon server.js'],
      ['a tool by its package path', ['node', `${app}/node_modules/next/dist/bin/next`, 'dev'], 'next dev'],
      // Seen in the picker: an option's value is not what the tool runs.
      ['a tool whose option takes a value', ['node', '/work/main/node_modules/.bin/tsc', '-p', 'webview-ui'], 'tsc'],
      [
        'a tool given a file after options',
        ['node', '/work/main/node_modules/.bin/mocha', '--no-config', '--timeout', '60000', 'out/test/a.test.js'],
        'mocha out/test/a.test.js',
      ],
      ['a tool given a script name after options', ['node', '/app/node_modules/.bin/nodemon', '--watch', 'src', 'server.mjs'], 'nodemon server.mjs'],
      ['a scoped package', ['node', `${app}/node_modules/@nestjs/cli/bin/nest.js`, 'start'], '@nestjs/cli start'],
      // npm sets process.title; its child (after `sh -c`) is the plain script.
      ["npm's child", ['node', 'idle.js'], 'idle.js'],
      ['inline code', ['node', '-e', 'setInterval(() => {}, 1000)'], 'node -e'],
      ['the REPL', ['node'], 'node'],
      ['a versioned executable', ['/usr/bin/node20', '--inspect', 'worker.js'], 'worker.js'],
    ];
    for (const [what, argv, name] of cases) {
      it(what, () => assert.equal(describeArgv(argv).name, name));
    }
  });

  describe('whose process it is', () => {
    const cases: Array<[string, { argv: string[]; cwd?: string }, 'workspace' | 'other' | 'editor']> = [
      ['a script started in the workspace', { argv: ['node', 'server.js'], cwd: app }, 'workspace'],
      ['a script in a subfolder of the workspace', { argv: ['node', 'index.js'], cwd: `${app}/packages/api` }, 'workspace'],
      ['a workspace script started from elsewhere', { argv: ['node', `${app}/server.js`], cwd: '/' }, 'workspace'],
      ['a program outside the workspace', { argv: ['node', 'index.js'], cwd: `${home}/other-project` }, 'other'],
      ['a folder that only starts with the workspace name', { argv: ['node', 'index.js'], cwd: `${home}/app-old` }, 'other'],
      [
        "VS Code Server's extension host",
        {
          argv: [
            `${server}/node`,
            '--dns-result-order=ipv4first',
            `${server}/out/bootstrap-fork`,
            '--type=extensionHost',
            '--transformURIs',
            '--useHostProxy=false',
          ],
          cwd: server,
        },
        'editor',
      ],
      [
        "VS Code's TypeScript server, even with the workspace as its folder",
        {
          argv: [
            `${server}/node`,
            '--max-old-space-size=3072',
            `${server}/extensions/node_modules/typescript/lib/tsserver.js`,
            '--serverMode',
            'partialSemantic',
            '--useInferredProjectPerProjectRoot',
            '--disableAutomaticTypingAcquisition',
            '--cancellationPipeName',
            '/tmp/vscode-typescript1000/6c0b/tscancellation-9a1f.tmp*',
            '--locale',
            'en',
          ],
          cwd: app,
        },
        'editor',
      ],
      [
        'a language server (vscode-languageclient flags)',
        {
          argv: [
            `${server}/node`,
            `${home}/.vscode-server/extensions/dbaeumer.vscode-eslint-3.0.10/server/out/eslintServer.js`,
            '--node-ipc',
            '--clientProcessId=4242',
          ],
          cwd: app,
        },
        'editor',
      ],
      // code-server 4.100's processes as /proc showed them during the extension tests (installed under .../tools).
      ['code-server', { argv: ['/usr/bin/node', `${cs}/out/node/entry`], cwd: app }, 'editor'],
      [
        'code-server started through npm',
        { argv: ['node', `${home}/tools/node_modules/.bin/code-server`, '--auth', 'none', '--bind-addr', '127.0.0.1:0'], cwd: app },
        'editor',
      ],
      [
        "code-server's extension host",
        {
          argv: [
            '/usr/bin/node',
            '--dns-result-order=ipv4first',
            `${cs}/lib/vscode/out/bootstrap-fork`,
            '--type=extensionHost',
            '--transformURIs',
            '--useHostProxy=false',
          ],
          cwd: app,
        },
        'editor',
      ],
      ["code-server's file watcher", { argv: ['/usr/bin/node', `${cs}/lib/vscode/out/bootstrap-fork`, '--type=fileWatcher'], cwd: app }, 'editor'],
      [
        "code-server's JSON language server",
        {
          argv: [
            '/usr/bin/node',
            `${cs}/lib/vscode/extensions/json-language-features/server/dist/node/jsonServerMain`,
            '--node-ipc',
            '--clientProcessId=31268',
          ],
          cwd: app,
        },
        'editor',
      ],
      [
        'the pty host',
        { argv: [`${server}/node`, `${server}/out/bootstrap-fork`, '--type=ptyHost', '--logsPath', `${home}/.vscode-server/data/logs`], cwd: server },
        'editor',
      ],
      ["a user's script run by the editor's bundled Node", { argv: ['/usr/lib/code-server/lib/node', 'server.js'], cwd: app }, 'workspace'],
      // Node versions installed under a folder named .vscode-test are the user's, not the editor's.
      ['a test target run by a Node in .vscode-test', { argv: [`${app}/.vscode-test/node-24/bin/node`, 'main.js'], cwd: app }, 'workspace'],
    ];
    for (const [what, facts, group] of cases) {
      it(what, () => assert.equal(classifyProcess({ pid: 4242, ...facts }, folders).group, group));
    }

    it("names the editor's helpers by what they do", () => {
      const name = (argv: string[]) => classifyProcess({ pid: 1, argv, cwd: app }, folders).name;
      assert.equal(
        name(['/usr/bin/node', '--dns-result-order=ipv4first', `${cs}/lib/vscode/out/bootstrap-fork`, '--type=extensionHost']),
        'VS Code extension host',
      );
      assert.equal(name(['/usr/bin/node', `${cs}/lib/vscode/out/bootstrap-fork`, '--type=fileWatcher']), 'VS Code file watcher');
      assert.equal(
        name([`${server}/node`, `${server}/extensions/node_modules/typescript/lib/tsserver.js`, '--serverMode', 'partialSemantic']),
        'TypeScript server (tsserver)',
      );
      assert.equal(name(['/usr/bin/node', `${cs}/out/node/entry`]), 'code-server');
    });

    it('names the folder it runs in', () => {
      assert.equal(classifyProcess({ pid: 1, argv: ['node', 'server.js'], cwd: app }, folders).folder, app);
      assert.equal(classifyProcess({ pid: 1, argv: ['node', `${app}/bin/serve.js`] }, folders).folder, `${app}/bin`);
    });
  });
});
