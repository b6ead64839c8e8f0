// The heap tables' "Show more" row and constructor count.
import * as assert from 'node:assert/strict';
import { constructorCount, showMoreLabel } from '../../../../webview-ui/src/heap/paging';

describe('webview heap table paging', () => {
  it('offers the next page, or what is left when that is less', () => {
    assert.equal(showMoreLabel(1234, 200), 'Show 200 more (1,234 not shown)');
    assert.equal(showMoreLabel(50, 200), 'Show 50 more (50 not shown)');
  });

  it('counts the constructors, saying how many are drawn while some are not', () => {
    assert.equal(constructorCount(200, 1234), 'Showing 200 of 1,234 constructors');
    assert.equal(constructorCount(12, 12), '12 constructors');
    assert.equal(constructorCount(1, 1), '1 constructor');
    assert.equal(constructorCount(0, 0), '0 constructors');
  });
});
