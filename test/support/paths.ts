// Locations of the repository, the built CLI and the fixtures, wherever the clone lives.
import * as path from 'node:path';

export const repoRoot = path.resolve(__dirname, '..', '..', '..');
export const cliPath = path.join(repoRoot, 'bin', 'flamelens.js');
export const fixtureApps = path.join(repoRoot, 'test', 'fixtures', 'apps');
export const fixtureProfiles = path.join(repoRoot, 'test', 'fixtures', 'profiles');
export const nodeModulesBin = path.join(repoRoot, 'node_modules', '.bin');
