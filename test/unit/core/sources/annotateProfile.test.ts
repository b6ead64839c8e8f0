// Saved profiles gain source-mapped locations from the files on disk; js-debug's are kept.
import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import { buildCpuModel } from '../../../../src/core/model/cpu/cpuModel';
import { computeHotspots } from '../../../../src/core/model/cpu/hotspots';
import { annotateProfile } from '../../../../src/core/sources/annotateProfile';
import { diskScriptSources } from '../../../../src/core/sources/scriptSources';
import { loadFixtureProfile } from '../../../support/fixtureProfiles';
import { fixtureApps } from '../../../support/paths';

const checksumTs = path.join(fixtureApps, 'ts-service', 'src', 'checksum.ts');

describe('annotating saved profiles', () => {
  it('maps a node --cpu-prof profile of compiled TypeScript to .ts functions and lines', async () => {
    const raw = loadFixtureProfile('node-20/ts-service.cpu-prof.cpuprofile');
    const before = JSON.stringify(raw);
    const annotated = await annotateProfile(raw, diskScriptSources(), { rootPath: fixtureApps });
    assert.equal(JSON.stringify(raw), before, 'the input profile must not change');
    assert.ok(annotated.$vscode && annotated.$flamelens);
    const checksumLocation = annotated.$vscode.locations.find((l) => l.callFrame.functionName === 'checksum');
    assert.deepEqual(
      [checksumLocation?.locations[0].source.path, checksumLocation?.locations[0].lineNumber, checksumLocation?.locations[0].relativePath],
      [checksumTs, 7, path.join('ts-service', 'src', 'checksum.ts')],
    );
    const hot = computeHotspots(buildCpuModel(annotated));
    assert.equal(hot.functions[0].file, checksumTs);
    assert.equal(hot.lines[0].file, checksumTs);
  });

  it('keeps the locations of a profile that already has a $vscode block (js-debug)', async () => {
    const ours = loadFixtureProfile('node-20/ts-service.flamelens.cpuprofile');
    // What js-debug writes: $vscode only, pointing somewhere we could not compute ourselves.
    const jsDebug = {
      ...ours,
      $flamelens: undefined,
      $vscode: {
        rootPath: '/elsewhere',
        locations: ours.$vscode!.locations.map((l) => ({
          ...l,
          locations: l.locations.map((s) => ({ ...s, source: { ...s.source, path: `/elsewhere/${s.source.name}` } })),
        })),
      },
    };
    const annotated = await annotateProfile(jsDebug, diskScriptSources());
    const model = buildCpuModel(annotated);
    const checksum = model.locations.find((l) => l.functionName === 'checksum');
    assert.equal(checksum?.original?.file, '/elsewhere/checksum.ts');
    assert.equal(annotated.$vscode, jsDebug.$vscode);
  });
});
