// Escaping what the terminal would act on: every code point is checked against the set a
// terminal treats as control (C0, DEL, C1, bidi embeddings/overrides/isolates, LS/PS), written
// out here from the standards rather than taken from the code under test.
import * as assert from 'node:assert/strict';
import type { HeapDiffDto, HeapSummaryDto } from '../../../../src/protocol/heap/views';
import { formatHeapDiff, formatHeapSummary } from '../../../../src/core/report/heapText';
import { terminalField, terminalOutput } from '../../../../src/core/report/terminalText';

function isControl(code: number): boolean {
  return (
    code < 0x20 ||
    (code >= 0x7f && code <= 0x9f) ||
    code === 0x2028 ||
    code === 0x2029 ||
    (code >= 0x202a && code <= 0x202e) ||
    (code >= 0x2066 && code <= 0x2069)
  );
}

function expectedEscape(code: number): string {
  return code <= 0xff ? `\\x${code.toString(16).padStart(2, '0')}` : `\\u${code.toString(16).padStart(4, '0')}`;
}

/** No character a terminal acts on, except those in `allowed`. */
function assertNoControl(text: string, allowed: string[] = []): void {
  const found = [...text].filter((c) => isControl(c.codePointAt(0)!) && !allowed.includes(c));
  assert.deepEqual(found, [], JSON.stringify(text));
}

describe('terminal text', () => {
  it('escapes every control character of the Basic Multilingual Plane in a field, and nothing else', () => {
    for (let code = 0; code <= 0xffff; code++) {
      if (code >= 0xd800 && code <= 0xdfff) continue; // surrogates are halves of other characters
      const character = String.fromCharCode(code);
      const escaped = terminalField(`a${character}b`);
      assert.equal(escaped, `a${isControl(code) ? expectedEscape(code) : character}b`, `U+${code.toString(16)}`);
    }
  });

  it('keeps line feeds and tabs in output it builds, and escapes carriage returns', () => {
    assert.equal(terminalOutput('a\tb\nc\rd\x1b[2Je'), 'a\tb\nc\\x0dd\\x1b[2Je');
    assert.equal(terminalField('a\tb\nc'), 'a\\x09b\\x0ac');
  });

  it('escapes OSC 52 (clipboard), title and screen-clearing sequences whole', () => {
    const text = terminalOutput('f\x1b]52;c;aGk=\x07 \x1b]0;title\x1b\\ \x9b2J');
    assertNoControl(text);
    assert.equal(text, 'f\\x1b]52;c;aGk=\\x07 \\x1b]0;title\\x1b\\ \\x9b2J');
  });

  it('keeps other text as it is (accents, CJK, emoji)', () => {
    const text = 'café 名前 🔥 µs · →';
    assert.equal(terminalField(text), text);
    assert.equal(terminalOutput(text), text);
  });

  it('the heap texts escape class names, files, snapshot names and retainer steps', () => {
    const evil = 'Evil\x1b]52;c;aGk=\x07\n';
    const summary: HeapSummaryDto = {
      title: `snap${evil}`,
      nodes: 1,
      totalSize: 10,
      constructors: [{ classId: 1, name: evil, count: 1, shallowSize: 10, retainedSize: 10, location: { file: `/tmp/${evil}.js`, line: 3 } }],
    };
    const summaryText = formatHeapSummary(summary);
    assertNoControl(summaryText, ['\n']);
    assert.equal(summaryText.split('\n').length, 4, 'a newline in a name does not make a new line');
    const diff = {
      snapshots: [`a${evil}`, 'b'],
      totalSizes: [1, 2],
      constructors: [],
      growth: [{ name: evil, countDelta: 1, sizeDelta: 1, retainerPath: [`x${evil}`, 'y'], location: { file: `/${evil}`, line: 1 } }],
    } as unknown as HeapDiffDto;
    const diffText = formatHeapDiff(diff, 10);
    assertNoControl(diffText, ['\n']);
    assert.equal(diffText.split('\n').length, 5, diffText);
  });
});
