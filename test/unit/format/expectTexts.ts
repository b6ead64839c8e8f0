// Formatter tests are tables: each input with the text a reader should see, written by hand.
import * as assert from 'node:assert/strict';

export function expectTexts<T>(format: (value: T) => string, cases: ReadonlyArray<readonly [T, string]>): void {
  for (const [value, expected] of cases) assert.equal(format(value), expected, `${format.name}(${JSON.stringify(value)})`);
}
