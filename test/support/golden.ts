// Golden files: on mismatch, the actual output is written beside the expected as `.actual`.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';

export function assertGolden(actual: string, goldenFile: string): void {
  const expected = fs.existsSync(goldenFile) ? fs.readFileSync(goldenFile, 'utf8') : undefined;
  if (expected === actual) {
    fs.rmSync(`${goldenFile}.actual`, { force: true });
    return;
  }
  fs.writeFileSync(`${goldenFile}.actual`, actual);
  assert.fail(`${goldenFile} differs from the output; see ${goldenFile}.actual (rename it if the change is right).`);
}
