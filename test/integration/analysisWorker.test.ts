// The analysis worker answers the views' questions about a real profile, off the main thread.
import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import { AnalysisClient } from '../../src/core/analysis/analysisClient';
import { materializeFixtureProfile } from '../support/fixtureProfiles';
import { fixtureApps, repoRoot } from '../support/paths';
import { tempDir } from '../support/runCli';

describe('profile analysis worker', function () {
  this.timeout(30_000);
  const checksumTs = path.join(fixtureApps, 'ts-service', 'src', 'checksum.ts');
  let temp: ReturnType<typeof tempDir>;
  let client: AnalysisClient;
  beforeEach(() => {
    temp = tempDir();
    client = new AnalysisClient();
  });
  afterEach(() => {
    client.dispose();
    temp.remove();
  });

  it('opens a profile and answers overview, flame, tree, functions, relations and heat', async () => {
    const profile = await client.open(materializeFixtureProfile('node-20/ts-service.cpu-prof.cpuprofile', temp.dir));
    const overview = await profile.call('overview');
    assert.ok(overview.samples > 100 && overview.timeline.busy.length === 400);
    assert.ok(overview.timeline.busy.some((b) => b > 0.9));

    const flame = await profile.call('flame', null);
    assert.equal(flame.name, 'all');
    assert.match(JSON.stringify(flame), /"name":"checksum"/);

    const roots = await profile.call('treeChildren', null, 0);
    assert.ok(roots.length > 0 && roots.every((r, i) => i === 0 || roots[i - 1].totalMs >= r.totalMs));

    const functions = await profile.call('functions', null);
    const checksum = functions.find((f) => f.name === 'checksum')!;
    assert.equal(checksum.location?.file, checksumTs);

    const relations = await profile.call('relations', null, checksum.key);
    assert.ok(relations.callers.length > 0, 'checksum has a caller');
    // Callers account for all of checksum's time, also the time it ran inlined in its caller.
    const viaCallers = relations.callers.reduce((sum, c) => sum + c.ms, 0);
    assert.ok(viaCallers >= checksum.totalMs * 0.95, `callers ${viaCallers} ms of ${checksum.totalMs} ms`);

    const heat = await profile.call('fileHeat', 0.5);
    const file = heat.find((h) => h.file === checksumTs);
    assert.ok(file && file.lines.length > 0 && file.functions.some((f) => f.name === 'checksum'));

    const firstHalf = await profile.call('functions', { startMs: 0, endMs: overview.durationMs / 2 });
    assert.ok(firstHalf[0].selfMs < checksum.selfMs, 'a time range shows less time');
  });

  it('reports a broken file as bad input', async () => {
    await assert.rejects(
      client.open(path.join(repoRoot, 'test', 'fixtures', 'invalid', 'truncated.cpuprofile')),
      (e: any) => e.kind === 'bad-input' && /truncated/.test(e.message),
    );
  });
});
