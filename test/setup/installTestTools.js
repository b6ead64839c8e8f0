#!/usr/bin/env node
// Sets up, on first use, what `npm test` needs beyond the project's own dependencies — as
// @vscode/test-electron downloads VS Code — so that `npm install && npm test` passes on a fresh
// machine. `npm test` runs it first (pretest); `.ci/run` runs it too. Plain JS on purpose: it runs
// before anything is built. Everything already there is only checked, never reinstalled.
//
// 1. A browser for the offline extension-host launcher: FLAMELENS_CHROMIUM, else a Chrome or
//    Chromium on PATH, else Debian's chromium through apt-get (only as root).
// 2. code-server + playwright-core in the tools folder (.vscode-test/tools, or FLAMELENS_TOOLS_DIR),
//    unless FLAMELENS_CODE_SERVER names a code-server to use. See shared/TESTING.md for the route.
// 3. The Node binaries the integration tests run their targets on (./nodeVersions.js).
//
// Usage: node test/setup/installTestTools.js [--extension-only]   (--extension-only skips step 3)
// When something cannot be set up it prints one line saying what to install and exits 1.
'use strict';
const { spawnSync } = require('node:child_process');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

const repoRoot = path.resolve(__dirname, '..', '..');
/** The last code-server release on Node 20; it bundles VS Code 1.100.3 (engines.vscode must accept it). */
const CODE_SERVER_VERSION = '4.100.3';
/** The launcher imports the project's own playwright-core; the tools folder keeps the same version. */
const PLAYWRIGHT_VERSION = require(path.join(repoRoot, 'package.json')).devDependencies['playwright-core'];
const BROWSER_NAMES = ['chromium', 'chromium-browser', 'google-chrome', 'google-chrome-stable'];
// chromium: the browser playwright-core drives; fonts-liberation: readable screenshots.
const BROWSER_PACKAGES = ['chromium', 'fonts-liberation'];
// libkrb5-dev, build-essential, pkg-config, python3: code-server's native modules build;
// ripgrep: stands in for the rg binary @vscode/ripgrep would download from GitHub.
const BUILD_PACKAGES = ['libkrb5-dev', 'ripgrep', 'build-essential', 'pkg-config', 'python3'];

function toolsDir() {
  return path.resolve(process.env.FLAMELENS_TOOLS_DIR || path.join(repoRoot, '.vscode-test', 'tools'));
}

/** The code-server the offline launcher starts: FLAMELENS_CODE_SERVER, else the tools folder's. */
function codeServerBinary() {
  return process.env.FLAMELENS_CODE_SERVER || path.join(toolsDir(), 'node_modules', '.bin', 'code-server');
}

function isExecutable(file) {
  try {
    fs.accessSync(file, fs.constants.X_OK);
    return fs.statSync(file).isFile();
  } catch {
    return false;
  }
}

/** First executable called `name` on PATH, like `command -v`. */
function onPath(name) {
  for (const dir of (process.env.PATH || '').split(path.delimiter)) {
    if (dir && isExecutable(path.join(dir, name))) return path.join(dir, name);
  }
  return undefined;
}

/** The browser the launcher drives: FLAMELENS_CHROMIUM as given, else the first Chrome/Chromium on PATH. */
function findBrowser() {
  if (process.env.FLAMELENS_CHROMIUM) return process.env.FLAMELENS_CHROMIUM;
  for (const name of BROWSER_NAMES) {
    const found = onPath(name);
    if (found) return found;
  }
  return undefined;
}

function installedVersion(dir, pkg) {
  try {
    return JSON.parse(fs.readFileSync(path.join(dir, 'node_modules', pkg, 'package.json'), 'utf8')).version;
  } catch {
    return undefined;
  }
}

/**
 * Versions right and the install scripts ran: code-server's postinstall fills lib/vscode/node_modules,
 * and rg there proves the ripgrep step ran (npm may skip scripts; a half-install fails obscurely later).
 */
function toolsComplete(dir) {
  const rg = path.join(dir, 'node_modules', 'code-server', 'lib', 'vscode', 'node_modules', '@vscode', 'ripgrep', 'bin', 'rg');
  return (
    installedVersion(dir, 'code-server') === CODE_SERVER_VERSION &&
    installedVersion(dir, 'playwright-core') === PLAYWRIGHT_VERSION &&
    isExecutable(path.join(dir, 'node_modules', '.bin', 'code-server')) &&
    isExecutable(rg)
  );
}

/** Thrown for a setup step that failed: its message is the one line the user sees. */
class SetupError extends Error {}

function run(command, args, env = {}) {
  const result = spawnSync(command, args, { stdio: 'inherit', env: { ...process.env, ...env } });
  return result.status === 0;
}

/** The Debian packages of `names` that are not installed (dpkg-query prints nothing for unknown ones). */
function missingPackages(names) {
  const result = spawnSync('dpkg-query', ['-W', '-f=${Package} ${Status}\\n', ...names], { encoding: 'utf8' });
  const installed = new Set(
    (result.stdout || '')
      .split('\n')
      .filter((line) => line.endsWith(' install ok installed'))
      .map((line) => line.split(' ')[0].split(':')[0]),
  );
  return names.filter((name) => !installed.has(name));
}

/** apt-get install as root on Debian/Ubuntu; false when this machine cannot (not root, no apt). */
function canInstallPackages() {
  return process.platform === 'linux' && process.getuid?.() === 0 && Boolean(onPath('apt-get') && onPath('dpkg-query'));
}

function installPackages(names) {
  const missing = missingPackages(names);
  if (missing.length === 0) return;
  console.log(`Test setup: apt-get install ${missing.join(' ')}`);
  const env = { DEBIAN_FRONTEND: 'noninteractive' };
  // Another apt run on the machine holds the lock for a while: wait for it rather than fail.
  const lock = ['-o', 'DPkg::Lock::Timeout=300'];
  const ok = run('apt-get', [...lock, 'update', '-qq'], env) && run('apt-get', [...lock, 'install', '-y', '-qq', '--no-install-recommends', ...missing], env);
  if (!ok)
    throw new SetupError(`apt-get could not install ${missing.join(' ')} (see its output above); check the network and apt sources, then run npm test again.`);
}

/** @vscode/ripgrep's postinstall downloads rg from GitHub unless this cached tarball exists. */
function provideRipgrepTarball() {
  const rg = onPath('rg');
  if (!rg) return console.log('Test setup: no rg on PATH, so @vscode/ripgrep will download it from GitHub.');
  const cache = path.join(os.tmpdir(), 'vscode-ripgrep-cache-1.15.11');
  const tarball = path.join(cache, 'ripgrep-v13.0.0-10-x86_64-unknown-linux-musl.tar.gz');
  if (fs.existsSync(tarball) && fs.statSync(tarball).size > 0) return;
  fs.mkdirSync(cache, { recursive: true });
  const partial = `${tarball}.${process.pid}`;
  // -h: store the binary itself when rg on PATH is a symlink.
  if (!run('tar', ['-czhf', partial, '-C', path.dirname(rg), path.basename(rg)]))
    throw new SetupError(`could not pack ${rg} into ${tarball}; check that ${cache} is writable.`);
  fs.renameSync(partial, tarball);
}

function installTools(dir) {
  console.log(`Test setup: installing code-server@${CODE_SERVER_VERSION} and playwright-core@${PLAYWRIGHT_VERSION} into ${dir} (about a minute, once)`);
  provideRipgrepTarball();
  try {
    fs.rmSync(path.join(dir, 'node_modules'), { recursive: true, force: true }); // npm leaves a half-done install as is, scripts unrun
    fs.mkdirSync(dir, { recursive: true });
    const manifest = path.join(dir, 'package.json');
    if (!fs.existsSync(manifest)) fs.writeFileSync(manifest, JSON.stringify({ name: 'flamelens-test-tools', private: true }) + '\n');
  } catch (error) {
    throw new SetupError(`Cannot write the tools folder ${dir} (${error.code || error.message}); set FLAMELENS_TOOLS_DIR to a folder you can write.`);
  }
  const started = Date.now();
  const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
  // unsafe_perm: code-server's postinstall refuses to run as root otherwise;
  // yes: node-pty's install runs `npx node-gyp`, which asks for confirmation otherwise.
  run(npm, ['install', '--prefix', dir, `code-server@${CODE_SERVER_VERSION}`, `playwright-core@${PLAYWRIGHT_VERSION}`, '--no-audit', '--no-fund'], {
    npm_config_unsafe_perm: 'true',
    npm_config_yes: 'true',
  });
  if (!toolsComplete(dir)) {
    throw new SetupError(
      `code-server@${CODE_SERVER_VERSION} did not install completely into ${dir} (see npm's output above); ` +
        `it needs a C/C++ toolchain, python3, pkg-config and Kerberos headers (Debian/Ubuntu: apt-get install ${BUILD_PACKAGES.join(' ')}), then run npm test again.`,
    );
  }
  console.log(`Test setup: tools installed in ${Math.round((Date.now() - started) / 1000)} s`);
}

function setUp({ extensionOnly }) {
  const dir = toolsDir();
  const ownCodeServer = process.env.FLAMELENS_CODE_SERVER;
  const toolsNeeded = !ownCodeServer && !toolsComplete(dir);
  let browser = findBrowser();
  // Paths the user gave are checked before anything is installed.
  const asked = process.env.FLAMELENS_CHROMIUM;
  if (asked && !isExecutable(asked))
    throw new SetupError(`FLAMELENS_CHROMIUM is ${asked}, which is not an executable file; point it at a Chrome or Chromium binary or unset it.`);
  if (ownCodeServer && !isExecutable(ownCodeServer))
    throw new SetupError(
      `FLAMELENS_CODE_SERVER is ${ownCodeServer}, which is not an executable file; point it at code-server ${CODE_SERVER_VERSION} or unset it.`,
    );

  if (canInstallPackages()) {
    installPackages([...(browser ? [] : BROWSER_PACKAGES), ...(toolsNeeded ? BUILD_PACKAGES : [])]);
    browser = findBrowser();
  }
  if (!browser) {
    throw new SetupError(
      `The extension tests need Chrome or Chromium and none is on PATH: install one (Debian/Ubuntu: apt-get install ${BROWSER_PACKAGES.join(' ')}) or set FLAMELENS_CHROMIUM to its path, then run npm test again.`,
    );
  }

  if (toolsNeeded) installTools(dir);
  const shown = (file) => (path.relative(repoRoot, file).startsWith('..') ? file : path.relative(repoRoot, file));
  console.log(`Test setup: code-server ${shown(codeServerBinary())}, browser ${browser}`);

  if (!extensionOnly && fs.existsSync(path.join(__dirname, 'nodeVersions.js'))) {
    if (!require('./nodeVersions.js').ensureNodeVersions())
      throw new SetupError('Some Node versions for the integration tests could not be installed (lines above say which).');
  }
}

module.exports = { CODE_SERVER_VERSION, codeServerBinary, findBrowser, toolsDir, toolsComplete };

if (require.main === module) {
  try {
    setUp({ extensionOnly: process.argv.includes('--extension-only') });
  } catch (error) {
    console.error(error instanceof SetupError ? error.message : error);
    process.exitCode = 1;
  }
}
