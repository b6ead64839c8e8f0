// What the flamegraph's search finds: a frame by its name or by its file and line.
import * as assert from 'node:assert/strict';
import type { FlameFrameDto } from '../../../../src/protocol/shared/views';
import { frameMatches } from '../../../../webview-ui/src/shared/flame/frameText';
import { filterText } from '../../../../webview-ui/src/shared/textFilter';

function frame(name: string, file?: string): FlameFrameDto {
  return { id: 1, name, value: 10, self: 5, location: file ? { file, line: 7 } : undefined, category: 'app', children: [], hidden: 0 };
}

describe('webview flame search', () => {
  it('finds a frame by its name or its file and line, whatever the case', () => {
    assert.equal(frameMatches(frame('handleRequest', '/app/Server.js'), filterText('HANDLE')), true);
    assert.equal(frameMatches(frame('handleRequest', '/app/Server.js'), filterText('server.js:7')), true);
    assert.equal(frameMatches(frame('handleRequest', '/app/Server.js'), filterText('parse')), false);
  });

  it('finds a native frame by its name only', () => {
    assert.equal(frameMatches(frame('(program)'), filterText('program')), true);
    assert.equal(frameMatches(frame('(program)'), filterText(':')), false);
  });
});
