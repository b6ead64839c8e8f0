// The filter that keeps Node's debugger messages out of a launched program's stderr, fed the
// way a pipe delivers text: split anywhere, partial lines, prompts without a newline.
import * as assert from 'node:assert/strict';
import { DebuggerMessageFilter } from '../../src/core/inspector/debuggerMessages';

/** Feeds `chunks` through a fresh filter; resolves with what came out, chunk by chunk. */
async function filtered(chunks: readonly string[], pauseMs = 0): Promise<string[]> {
  const filter = new DebuggerMessageFilter();
  const out: string[] = [];
  filter.on('data', (chunk: Buffer) => out.push(chunk.toString()));
  for (const chunk of chunks) {
    filter.write(Buffer.from(chunk));
    if (pauseMs) await new Promise((resolve) => setTimeout(resolve, pauseMs));
  }
  await new Promise<void>((resolve) => filter.end(resolve));
  return out;
}

describe("launch: Node's debugger messages filter", () => {
  it('drops exactly the messages of Node 20–26, however the pipe splits them', async () => {
    const node = [
      'Debugger listening on ws://127.0.0.1:40819/e8557066-281b-44c2-9294-0b0046f315cc\n',
      'For help, see: https://nodejs.org/en/docs/inspector\n',
      'For help, see: https://nodejs.org/learn/getting-started/debugging\n',
      'Debugger attached.\n',
      'Waiting for the debugger to disconnect...\n',
      'Debugger ending on ws://127.0.0.1:40819/e8557066-281b-44c2-9294-0b0046f315cc\n',
    ].join('');
    const program = 'line one\nDebugger attached. said the program\n  Debugger attached.\nlast\n';
    // The program's lines between two of Node's messages.
    const cut = node.indexOf('\n', 100) + 1;
    const whole = node.slice(0, cut) + program + node.slice(cut);
    for (const size of [1, 3, 7, 64, whole.length]) {
      const chunks = whole.match(new RegExp(`[\\s\\S]{1,${size}}`, 'g'))!;
      assert.equal((await filtered(chunks)).join(''), program, `chunks of ${size}`);
    }
  });

  it('passes a prompt without a newline on at once, and a held look-alike after a moment', async () => {
    const out = await filtered(['Your name? '], 0);
    assert.equal(out[0], 'Your name? ');
    // "Debugger" could start one of Node's messages: held briefly, then passed on unchanged.
    const held = await filtered(['Debugger', ' is my name\n'], 200);
    assert.deepEqual(held.join(''), 'Debugger is my name\n');
  });

  it('keeps a look-alike that does not start a line', async () => {
    assert.equal((await filtered(['prompt: ', 'Debugger attached.\n'])).join(''), 'prompt: Debugger attached.\n');
  });
});
