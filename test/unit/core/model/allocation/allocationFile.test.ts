// Reading and writing .heapprofile files, and their source-mapped locations.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { annotateHeapProfile } from '../../../../../src/core/model/allocation/allocationLocations';
import { computeAllocationHotspots } from '../../../../../src/core/model/allocation/allocationHotspots';
import { buildAllocationModel } from '../../../../../src/core/model/allocation/allocationModel';
import { readHeapProfileFile, writeHeapProfileFile } from '../../../../../src/core/model/allocation/heapProfileFile';
import type { SavedHeapProfile } from '../../../../../src/core/model/allocation/savedHeapProfile';
import { diskScriptSources } from '../../../../../src/core/sources/scriptSources';
import { assertBadInput } from '../../../../support/badInput';
import { fixtureApps } from '../../../../support/paths';
import { tempDir } from '../../../../support/runCli';
import { sampleProfile } from '../../../../support/sampleHeapProfile';

describe('allocation profile files', () => {
  let temp: ReturnType<typeof tempDir>;
  beforeEach(() => (temp = tempDir()));
  afterEach(() => temp.remove());

  it('writes atomically and reads back what it wrote', async () => {
    const file = path.join(temp.dir, 'out', 'server.heapprofile');
    const profile = sampleProfile();
    await writeHeapProfileFile(file, profile);
    assert.deepEqual(fs.readdirSync(path.dirname(file)), ['server.heapprofile']);
    assert.deepEqual(await readHeapProfileFile(file), profile);
  });

  const whole = JSON.stringify(sampleProfile());
  const cases: Array<[string, string, RegExp]> = [
    ['truncated', whole.slice(0, whole.length / 2), /ends in the middle of the allocation profile \(the file is truncated\)/],
    ['empty', '', /is empty/],
    ['not JSON', 'garbage', /is not an allocation profile: it is not JSON/],
    ['a CPU profile', JSON.stringify({ nodes: [{ id: 1 }], startTime: 0, endTime: 1 }), /is a CPU profile, not an allocation profile/],
    ['a heap snapshot', JSON.stringify({ snapshot: {}, nodes: [] }), /is a heap snapshot, not an allocation profile/],
    ['headless', JSON.stringify({ samples: [] }), /has no "head"/],
    ['with a node without selfSize', JSON.stringify({ head: { id: 1, callFrame: {}, children: [] }, samples: [] }), /malformed node/],
    ['with a malformed sample', JSON.stringify({ ...sampleProfile(), samples: [{ nodeId: 1, ordinal: 1 }] }), /malformed sample/],
  ];
  for (const [label, text, message] of cases) {
    it(`rejects a file that is ${label} as bad input with one sentence`, async () => {
      const file = path.join(temp.dir, 'x.heapprofile');
      fs.writeFileSync(file, text);
      await assertBadInput(readHeapProfileFile(file), message);
    });
  }

  it('drops the samples V8 lists under a node missing from the tree, as it does while building the profile', async () => {
    const file = path.join(temp.dir, 'x.heapprofile');
    const profile = sampleProfile();
    fs.writeFileSync(file, JSON.stringify({ ...profile, samples: [...profile.samples, { size: 39408, nodeId: 999, ordinal: 2 }] }));
    assert.deepEqual((await readHeapProfileFile(file)).samples, profile.samples);
  });

  it('maps call frames to the original TypeScript through source maps on disk', async () => {
    const script = path.join(fixtureApps, 'ts-service', 'dist', 'checksum.js');
    const profile: SavedHeapProfile = {
      head: {
        id: 1,
        callFrame: { functionName: '(root)', scriptId: '0', url: '', lineNumber: -1, columnNumber: -1 },
        selfSize: 0,
        children: [
          {
            id: 2,
            callFrame: { functionName: 'checksum', scriptId: '7', url: pathToFileURL(script).href, lineNumber: 3, columnNumber: 17 },
            selfSize: 4096,
            children: [],
          },
        ],
      },
      samples: [],
    };
    const annotated = await annotateHeapProfile(profile, diskScriptSources(), { rootPath: fixtureApps });
    assert.equal(profile.head.children[0].locationId, undefined, 'the input is not touched');
    assert.ok(annotated.$vscode && annotated.head.children[0].locationId !== undefined);
    const [checksum] = computeAllocationHotspots(buildAllocationModel(annotated)).functions;
    assert.equal(checksum.name, 'checksum');
    assert.equal(checksum.file, path.join(fixtureApps, 'ts-service', 'src', 'checksum.ts'));
    assert.equal(checksum.line, 7);
    assert.equal(await annotateHeapProfile(annotated, diskScriptSources()), annotated, 'annotated once');
  });
});
