// A small allocation profile whose answers are known, shared by the allocation unit tests.
import type { Protocol } from 'devtools-protocol';
import type { HeapProfileNode, SavedHeapProfile } from '../../src/core/model/allocation/savedHeapProfile';

const app = 'file:///srv/app/server.js';

/**
 *  (root)
 *   ├ main                     0
 *   │  ├ handleOrder        1000
 *   │  │  └ AuditRecord     3000
 *   │  └ walk                100
 *   │     └ walk             200
 *   │        └ AuditRecord   500
 *   └ (V8 API)                50
 */
export function sampleProfile(): SavedHeapProfile {
  let nextId = 1;
  const node = (functionName: string, url: string, lineNumber: number, selfSize: number, children: HeapProfileNode[] = []): HeapProfileNode => {
    const callFrame: Protocol.Runtime.CallFrame = { functionName, scriptId: url ? '42' : '0', url, lineNumber, columnNumber: 0 };
    return { id: nextId++, callFrame, selfSize, children };
  };
  const head = node('(root)', '', -1, 0, [
    node('main', app, 0, 0, [
      node('handleOrder', app, 9, 1000, [node('AuditRecord', app, 2, 3000)]),
      node('walk', app, 19, 100, [node('walk', app, 19, 200, [node('AuditRecord', app, 2, 500)])]),
    ]),
    node('(V8 API)', '', -1, 50),
  ]);
  return { head, samples: [{ size: 64, nodeId: 4, ordinal: 1 }] };
}
