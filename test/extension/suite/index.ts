/**
 * VS Code's extensionTestsPath entry point (both launchers): runs mocha over every
 * out/test/extension/suite/**\/*.test.js inside the extension host. The spec output goes through
 * the extension host's console, which the launchers relay; the last line is the plain
 * `N passed, N failed` summary CI reads.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import Mocha from 'mocha';

function findTests(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return findTests(full);
    return entry.name.endsWith('.test.js') ? [full] : [];
  });
}

export function run(): Promise<void> {
  // No colours: the output ends up in CI logs through a console relay.
  const mocha = new Mocha({ ui: 'bdd', reporter: 'spec', color: false, timeout: 60_000 });
  const grep = process.env.FLAMELENS_TEST_GREP;
  if (grep) mocha.grep(grep);
  for (const file of findTests(__dirname).sort()) mocha.addFile(file);

  return new Promise((resolve, reject) => {
    try {
      const runner = mocha.run((failures) => {
        const passed = runner.stats?.passes ?? 0;
        console.log(`${passed} passed, ${failures} failed`);
        if (failures > 0) {
          const err = new Error(`${failures} extension test(s) failed`);
          err.stack = err.message; // mocha has shown where; VS Code would print our stack too
          reject(err);
        } else resolve();
      });
    } catch (err) {
      console.error(err);
      reject(err);
    }
  });
}
