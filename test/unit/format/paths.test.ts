// Paths for display; expected texts written by hand.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { formatLocation, formatShortLocation, shortPath } from '../../../src/format';
import { repoRoot } from '../../support/paths';

describe('format: paths', () => {
  it('keeps the folder and the file of a long path', () => {
    assert.equal(shortPath('/work/app/examples/demo-app/src/pricing.ts'), '…/src/pricing.ts');
    assert.equal(shortPath('C:\\work\\app\\src\\pricing.ts'), '…/src/pricing.ts');
    assert.equal(shortPath('https://example.com/assets/js/app.js'), '…/js/app.js');
  });

  it('keeps short paths and Node’s own modules whole', () => {
    assert.equal(shortPath('src/pricing.ts'), 'src/pricing.ts');
    assert.equal(shortPath('pricing.ts'), 'pricing.ts');
    assert.equal(shortPath('node:internal/process/task_queues'), 'node:internal/process/task_queues');
  });

  it('writes file:line, the file alone without a line, nothing without a file', () => {
    assert.equal(formatLocation('/app/a.js', 12), '/app/a.js:12');
    assert.equal(formatLocation('/app/a.js', 0), '/app/a.js');
    assert.equal(formatLocation('/app/a.js'), '/app/a.js');
    assert.equal(formatLocation('', 3), '');
    assert.equal(formatShortLocation('/work/app/src/pricing.ts', 13), '…/src/pricing.ts:13');
  });
});

describe('format: imported everywhere', () => {
  it('uses nothing from Node, the DOM or vscode, so the webviews and the report page can import it', () => {
    const dir = path.join(repoRoot, 'src', 'format');
    const offenders = fs
      .readdirSync(dir)
      .filter((name) => name.endsWith('.ts'))
      .filter((name) => {
        const text = fs.readFileSync(path.join(dir, name), 'utf8');
        return /from\s+['"](node:|vscode|fs|path|url)|require\(|\b(document|window|navigator|process)\./.test(text);
      });
    assert.deepEqual(offenders, []);
  });
});
