// The search and filter boxes: a row stays when the text is in its name or its file.
import * as assert from 'node:assert/strict';
import { filterText, matchesNameOrFile } from '../../../../webview-ui/src/shared/textFilter';

describe('webview text filter', () => {
  const checksum = { name: 'computeChecksum', location: { file: '/app/src/Checksum.ts', line: 12 } };
  const native = { name: '(garbage collector)' };

  it('ignores case and the spaces around what was typed', () => {
    assert.equal(filterText('  CheckSum '), 'checksum');
  });

  it('finds a row by its function name or by its file', () => {
    assert.equal(matchesNameOrFile(checksum, filterText('compute')), true);
    assert.equal(matchesNameOrFile(checksum, filterText('src/checksum')), true);
    assert.equal(matchesNameOrFile(checksum, filterText('parse')), false);
  });

  it('finds a row without a source only by its name', () => {
    assert.equal(matchesNameOrFile(native, filterText('garbage')), true);
    assert.equal(matchesNameOrFile(native, filterText('.ts')), false);
  });

  it('keeps every row while the box is empty', () => {
    assert.equal(matchesNameOrFile(native, filterText('   ')), true);
  });
});
