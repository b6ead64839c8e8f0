// The comparison's headline names the holder a user would: a variable or a property.
import * as assert from 'node:assert/strict';
import type { RetainerLineDto } from '../../../../src/protocol/heap/views';
import { namedHolder } from '../../../../webview-ui/src/heap/namedHolder';

const step = (via: string, holder: string): RetainerLineDto => ({ via, holder });

describe('webview heap headline holder', () => {
  it('skips indexes and V8’s own edges for the first variable or property', () => {
    const path = [step('[30]', 'Array'), step('elements', 'Array'), step('context', 'system / Context'), step('auditTrail', 'closure scope')];
    assert.deepEqual(namedHolder(path), step('auditTrail', 'closure scope'));
  });

  it('takes names with $ and _ as variables', () => {
    assert.deepEqual(namedHolder([step('[0]', 'Array'), step('$cache_1', 'Object')]), step('$cache_1', 'Object'));
  });

  it('falls back to the nearest holder when none has a name a user would say', () => {
    const path = [step('[3]', 'Array'), step('__proto__', 'Object'), step('map', 'Object')];
    assert.deepEqual(namedHolder(path), step('[3]', 'Array'));
  });

  it('names nothing for an object held directly by a GC root', () => {
    assert.equal(namedHolder([]), undefined);
  });
});
