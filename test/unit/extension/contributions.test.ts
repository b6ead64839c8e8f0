// package.json and the code name the same ids and the same setting defaults: VS Code reads the
// manifest, the extension reads src/extension/contributions.ts and src/core/settingsDefaults.ts,
// and a mismatch would be a command that does nothing or a setting whose default differs by where it is read.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { settingDefaults, settingLimits } from '../../../src/core/settingsDefaults';
import { Commands, ContextKeys, CustomEditors } from '../../../src/extension/contributions';
import { repoRoot } from '../../support/paths';

interface Manifest {
  activationEvents?: string[];
  contributes: {
    commands: Array<{ command: string; enablement?: string }>;
    menus?: Record<string, Array<{ command: string; when?: string }>>;
    keybindings?: Array<{ command: string; when?: string }>;
    customEditors: Array<{ viewType: string; selector: Array<{ filenamePattern: string }> }>;
    configuration: { properties: Record<string, { default: unknown; minimum?: number; maximum?: number }> };
  };
}

const manifest = JSON.parse(fs.readFileSync(path.join(repoRoot, 'package.json'), 'utf8')) as Manifest;
const { contributes } = manifest;
const sorted = (values: Iterable<string>) => [...values].sort();

describe('package.json contributions', () => {
  it('reads the ids from a file that does not need VS Code (so this test can import it)', () => {
    const source = fs.readFileSync(path.join(repoRoot, 'src', 'extension', 'contributions.ts'), 'utf8');
    assert.doesNotMatch(source, /from\s+['"]vscode['"]|require\(\s*['"]vscode['"]|^import\s/m);
  });

  it('contributes exactly the commands the extension registers', () => {
    assert.deepEqual(sorted(contributes.commands.map((c) => c.command)), sorted(Object.values(Commands)));
  });

  it('names only known commands in menus and keybindings', () => {
    const known = new Set<string>(Object.values(Commands));
    const used = [...Object.values(contributes.menus ?? {}).flat(), ...(contributes.keybindings ?? [])].map((entry) => entry.command);
    assert.ok(used.length > 0, 'the menus name some commands');
    assert.deepEqual(
      used.filter((id) => !known.has(id)),
      [],
    );
  });

  it('uses only the context keys the extension sets in when and enablement clauses', () => {
    const clauses = [
      ...contributes.commands.map((c) => c.enablement),
      ...Object.values(contributes.menus ?? {})
        .flat()
        .map((m) => m.when),
      ...(contributes.keybindings ?? []).map((k) => k.when),
    ].filter((clause): clause is string => clause !== undefined);
    const keys = clauses.flatMap((clause) => clause.match(/flamelens\.[\w.]+/g) ?? []);
    assert.ok(keys.length > 0, 'some clauses use FlameLens context keys');
    const known = new Set<string>(Object.values(ContextKeys));
    assert.deepEqual(
      keys.filter((key) => !known.has(key)),
      [],
    );
  });

  it('contributes one custom editor per kind of file, each activating the extension', () => {
    const contributed = contributes.customEditors.map((e) => `${e.viewType} ${e.selector.map((s) => s.filenamePattern).join(',')}`);
    const declared = Object.values(CustomEditors).map((e) => `${e.viewType} ${e.filenamePattern}`);
    assert.deepEqual(sorted(contributed), sorted(declared));
    const events = new Set(manifest.activationEvents ?? []);
    assert.deepEqual(
      Object.values(CustomEditors)
        .filter((e) => !events.has(`onCustomEditor:${e.viewType}`))
        .map((e) => e.viewType),
      [],
    );
  });

  it('declares the settings with the defaults the code reads them with', () => {
    const properties = contributes.configuration.properties;
    assert.deepEqual(sorted(Object.keys(properties)), sorted(Object.keys(settingDefaults).map((name) => `flamelens.${name}`)));
    for (const [name, value] of Object.entries(settingDefaults)) {
      assert.equal(properties[`flamelens.${name}`].default, value, `default of flamelens.${name}`);
    }
  });

  it('declares the settings with the limits the code keeps them in', () => {
    const properties = contributes.configuration.properties;
    for (const [name, declared] of Object.entries(properties)) {
      const limits: { minimum?: number; maximum?: number } = settingLimits[name.replace(/^flamelens\./, '') as keyof typeof settingLimits] ?? {};
      assert.deepEqual({ minimum: declared.minimum, maximum: declared.maximum }, { minimum: limits.minimum, maximum: limits.maximum }, `limits of ${name}`);
    }
  });
});
