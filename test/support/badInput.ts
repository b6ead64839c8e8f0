// Checks what a bad file (or bad input) gets: a FlameLensError of kind bad-input, in one sentence.
import * as assert from 'node:assert/strict';
import { FlameLensError } from '../../src/core/errors';

/** Awaits the rejection of `promise`: bad input, one line, matching `message`. */
export async function assertBadInput(promise: Promise<unknown>, message: RegExp): Promise<void> {
  const error = await promise.then(
    () => assert.fail('expected a failure'),
    (e: unknown) => e,
  );
  assert.ok(error instanceof FlameLensError, `not a FlameLensError: ${error}`);
  assert.equal(error.kind, 'bad-input');
  assert.match(error.message, message);
  assert.ok(!error.message.includes('\n'));
}
