// A source location in words: in full for titles and tooltips, short for narrow columns.
import * as assert from 'node:assert/strict';
import { locationText, shortLocationText } from '../../../../webview-ui/src/shared/locationText';

describe('webview location text', () => {
  const location = { file: '/home/me/app/src/server.js', line: 7 };

  it('says file:line in full', () => {
    assert.equal(locationText(location), '/home/me/app/src/server.js:7');
  });

  it('keeps the folder and the file name where the column is narrow', () => {
    assert.equal(shortLocationText(location), '…/src/server.js:7');
  });

  it('says nothing for native code, which has no location', () => {
    assert.equal(locationText(undefined), '');
    assert.equal(shortLocationText(undefined), '');
  });
});
