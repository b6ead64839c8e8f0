/**
 * Launcher for machines that can download VS Code (not these: no route to Microsoft's update
 * server — use offline.ts there). Runs the same suite through @vscode/test-electron.
 * The webview bridge is offline-only: there is no playwright-driven browser here, so webview
 * assertions are skipped through bridgeAvailable() in the tests.
 *
 * Env: FLAMELENS_TEST_WORKSPACE (folder to open), FLAMELENS_VSCODE_VERSION (default: stable).
 */
import * as path from 'node:path';
import { runTests } from '@vscode/test-electron';
import { repoRoot } from '../../support/paths';

async function main(): Promise<void> {
  const workspace = path.resolve(process.env.FLAMELENS_TEST_WORKSPACE || path.join(repoRoot, 'test', 'extension', 'workspace'));
  const code = await runTests({
    version: process.env.FLAMELENS_VSCODE_VERSION || undefined,
    extensionDevelopmentPath: repoRoot,
    extensionTestsPath: path.join(repoRoot, 'out', 'test', 'extension', 'suite', 'index.js'),
    launchArgs: [workspace, '--disable-extensions', '--disable-workspace-trust'],
  });
  process.exit(code);
}

main().catch((err) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
