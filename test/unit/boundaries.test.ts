// The architecture's rules, checked: the engine never imports vscode, and only the
// inspector facade talks to chrome-remote-interface.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { repoRoot } from '../support/paths';

function sourceFiles(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    return entry.isDirectory() ? sourceFiles(full) : /\.(ts|js)$/.test(entry.name) ? [full] : [];
  });
}

const importsOf = (file: string, module: string) => new RegExp(`(from\\s+|require\\(|import\\s*\\(?)\\s*['"]${module}['"]`).test(fs.readFileSync(file, 'utf8'));

describe('architecture boundaries', () => {
  it('keeps vscode out of src/core, src/protocol and webview-ui', () => {
    const offenders = ['src/core', 'src/protocol', 'webview-ui'].flatMap((d) => sourceFiles(path.join(repoRoot, d))).filter((f) => importsOf(f, 'vscode'));
    assert.deepEqual(offenders, []);
  });

  it('imports chrome-remote-interface only in src/core/inspector/session.ts', () => {
    const offenders = [...sourceFiles(path.join(repoRoot, 'src')), ...sourceFiles(path.join(repoRoot, 'webview-ui'))]
      .filter((f) => importsOf(f, 'chrome-remote-interface'))
      .map((f) => path.relative(repoRoot, f));
    assert.deepEqual(offenders, [path.join('src', 'core', 'inspector', 'session.ts')]);
  });
});
