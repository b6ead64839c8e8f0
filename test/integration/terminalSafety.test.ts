// Profiles and snapshots are data anyone may have written: what the CLI prints from them must
// never carry terminal control sequences (clear the screen, set the title, write the clipboard
// with OSC 52). Checked on the bytes the real CLI writes.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { runCli, tempDir, type CliResult } from '../support/runCli';
import { writeSnapshot, type EdgeSpec, type NodeSpec } from '../support/snapshotBuilder';

/** Writes the clipboard ("hi" in base64), rings the bell; then clears the screen and sets the title. */
const clipboard = '\x1b]52;c;aGk=\x07';
const hostileName = `evil${clipboard}\x1b[2J\x1b]0;pwned\x07\x9b31m\u202e`;
const hostileUrl = `file:///tmp/evil${clipboard}\r\x7f.js`;

/** Every character the terminal could act on: C0 (but line feed and tab), DEL, C1, bidi overrides. */
function controlCharacters(text: string): string[] {
  return [...text].filter((c) => {
    const code = c.codePointAt(0)!;
    return (
      (code < 0x20 && c !== '\n' && c !== '\t') || (code >= 0x7f && code <= 0x9f) || (code >= 0x202a && code <= 0x202e) || (code >= 0x2066 && code <= 0x2069)
    );
  });
}

function assertPrintable(result: CliResult): void {
  for (const [stream, text] of [
    ['stdout', result.stdout],
    ['stderr', result.stderr],
  ] as const) {
    const found = controlCharacters(text).map((c) => `U+${c.codePointAt(0)!.toString(16).padStart(4, '0')}`);
    assert.deepEqual(found, [], `${stream} carries control characters:\n${JSON.stringify(text)}`);
  }
}

/** A profile whose one hot function has a hostile name and URL: 10 samples of it, 1 ms apart. */
function hostileProfile(): object {
  const frame = (functionName: string, url: string, scriptId: string) => ({ functionName, scriptId, url, lineNumber: 0, columnNumber: 0 });
  return {
    nodes: [
      { id: 1, callFrame: frame('(root)', '', '0'), hitCount: 0, children: [2] },
      { id: 2, callFrame: frame(hostileName, hostileUrl, '7'), hitCount: 10 },
    ],
    startTime: 0,
    endTime: 10_000,
    samples: Array(10).fill(2),
    timeDeltas: Array(10).fill(1000),
  };
}

describe('what the CLI prints from hostile files', function () {
  this.timeout(60_000);
  let temp: ReturnType<typeof tempDir>;
  beforeEach(() => (temp = tempDir()));
  afterEach(() => temp.remove());

  it('report: escapes control characters in function names and URLs, and still names them', async () => {
    const file = path.join(temp.dir, 'hostile.cpuprofile');
    fs.writeFileSync(file, JSON.stringify(hostileProfile()));
    const result = await runCli(['report', file]);
    assert.equal(result.code, 0, result.stderr);
    assertPrintable(result);
    // Visible, so the user sees what the profile holds.
    assert.ok(result.stdout.includes('evil\\x1b]52;c;aGk=\\x07\\x1b[2J'), result.stdout);
  });

  it('heap: escapes control characters in class names', async () => {
    const nodes: NodeSpec[] = [
      { type: 'synthetic', name: '', size: 0 },
      { type: 'object', name: hostileName, size: 100 },
    ];
    const edges: EdgeSpec[] = [{ from: 0, to: 1, type: 'property', name: 'x' }];
    const file = writeSnapshot(temp.dir, 'hostile.heapsnapshot', nodes, edges);
    const result = await runCli(['heap', file]);
    assert.equal(result.code, 0, result.stderr);
    assertPrintable(result);
    assert.ok(result.stdout.includes('evil\\x1b]52;c;aGk=\\x07'), result.stdout);
  });

  it('error messages that echo a file name escape it too', async () => {
    const missing = path.join(temp.dir, `missing${clipboard}.cpuprofile`);
    const result = await runCli(['report', missing]);
    assert.equal(result.code, 2, result.stderr);
    assertPrintable(result);
    assert.match(result.stderr, /missing\\x1b\]52;c;aGk=\\x07\.cpuprofile/);
  });

  it('error messages that echo what was typed escape it too', async () => {
    const result = await runCli(['attach', `\x1b]0;pwned\x07:9229`]);
    assert.equal(result.code, 2, result.stderr);
    assertPrintable(result);
    assert.match(result.stderr, /\\x1b\]0;pwned\\x07/);
  });
});
