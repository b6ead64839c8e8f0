// Issue 8: the committed V8 profiles of the attribution fixtures, one folder per Node version
// (test/fixtures/profiles/node-XX/<shape>.cpuprofile, captured by
// test/fixtures/apps/attribution/capture-profiles.js), read by the real `flamelens report`.
// They hold only V8's data, so the engine attributes them from the fixture sources on disk.
// Beside each, <shape>.truth.json: the answer by construction and a raw cross-check of it.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { attributionProblems } from '../support/attributionChecks';
import { attributionShapes, functionTruth, type ShapeTruth } from '../support/attributionTruth';
import { fixtureProfileText, materializeFixtureProfile } from '../support/fixtureProfiles';
import { fixtureProfiles, repoRoot } from '../support/paths';
import { rawShare } from '../support/rawShare';
import { readJson, runCli, tempDir } from '../support/runCli';

interface TruthFile {
  shape: string;
  node: string;
  expected: {
    name: string;
    file: string;
    startLine: number;
    endLine: number;
    hotLines: number[];
    minSelfPct: number;
    inseparableFrom?: string[];
  };
  rawCheck: { generated: any; ownPct: number; inlinedPct: number };
}

const versionDirs = fs.readdirSync(fixtureProfiles).filter((d) => /^node-\d+$/.test(d));
const sourceTruths = new Map(attributionShapes().map((t) => [t.id, t]));

describe('attribution of the committed profiles of each Node version (issue 8)', function () {
  this.timeout(30_000);
  let temp: ReturnType<typeof tempDir>;
  beforeEach(() => (temp = tempDir()));
  afterEach(() => temp.remove());

  for (const dir of versionDirs) {
    const major = Number(dir.slice('node-'.length));
    const truthFiles = fs.readdirSync(path.join(fixtureProfiles, dir)).filter((f) => f.endsWith('.truth.json'));
    for (const truthFile of truthFiles) {
      const shape = truthFile.slice(0, -'.truth.json'.length);
      const profileName = path.join(dir, `${shape}.cpuprofile`);
      const answer: TruthFile = readJson(path.join(fixtureProfiles, dir, truthFile));

      it(`${dir}/${shape}: the committed answer is the fixture's and the raw samples agree`, () => {
        const fromSource = sourceTruths.get(shape);
        assert.ok(fromSource, `no fixture shape ${shape}`);
        const { name, file, startLine, endLine, hotLines, minSelfPct } = answer.expected;
        assert.deepEqual(
          { name, file, startLine, endLine, hotLines, minSelfPct },
          {
            name: fromSource.hot.name,
            file: path.relative(repoRoot, fromSource.hot.file).split(path.sep).join('/'),
            startLine: fromSource.hot.startLine,
            endLine: fromSource.hot.endLine,
            hotLines: fromSource.hot.hotLines,
            minSelfPct: fromSource.minSelfPct,
          },
          'the fixture changed since the profile was captured: capture it again',
        );
        // Recounted from the committed samples: the construction's share is really there.
        const share = rawShare(JSON.parse(fixtureProfileText(profileName)), {
          ...answer.rawCheck.generated,
          programUrlPrefix: answer.rawCheck.generated.programUrlPrefix.replace('file:///FLAMELENS_REPO', pathToFileURL(repoRoot).href),
        });
        assert.deepEqual({ ownPct: share.ownPct, inlinedPct: share.inlinedPct }, { ownPct: answer.rawCheck.ownPct, inlinedPct: answer.rawCheck.inlinedPct });
        if (!answer.expected.inseparableFrom) {
          assert.ok(share.ownPct + share.inlinedPct >= minSelfPct, `raw share ${share.ownPct} + ${share.inlinedPct} % < ${minSelfPct} %`);
        }
      });

      it(`${dir}/${shape}: report names ${answer.expected.name} on its own lines, no figure above 100 %`, async () => {
        const truth = truthOf(answer);
        const file = materializeFixtureProfile(profileName, temp.dir);
        const json = path.join(temp.dir, 'summary.json');
        const result = await runCli(['report', file, '--json', json]);
        assert.equal(result.code, 0, result.stderr);
        const problems = attributionProblems(readJson(json), truth, major);
        assert.deepEqual(problems, [], `${dir}/${shape} (${answer.node}):\n  ${problems.join('\n  ')}`);
      });
    }
  }
});

/** The committed answer as the checks take it (files resolved in this clone). */
function truthOf(answer: TruthFile): ShapeTruth {
  const source = sourceTruths.get(answer.shape)!;
  const file = path.join(repoRoot, answer.expected.file);
  const inseparable = answer.expected.inseparableFrom;
  return {
    ...source,
    hot: functionTruth(file, answer.expected.name),
    // The committed answer says, for this version's profile, whether the raw samples can separate them.
    inseparableFrom: inseparable ? source.inseparableFrom : undefined,
  };
}
