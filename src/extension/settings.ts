/**
 * FlameLens's settings, read here and only here, when needed (so changes apply without a reload),
 * with the defaults and limits named in core.
 */
import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { settingDefaults, settingLimits, type SettingName } from '../core/settingsDefaults';

/** `true` → boolean, `1000` → number: what a setting holds, not its default's literal type. */
type Widen<T> = T extends boolean ? boolean : T extends number ? number : T extends string ? string : T;

function read<Name extends SettingName>(name: Name): Widen<(typeof settingDefaults)[Name]> {
  return vscode.workspace.getConfiguration('flamelens').get(name, settingDefaults[name] as Widen<(typeof settingDefaults)[Name]>);
}

/** A hand-edited settings.json may hold anything: keep a number the engine gets within the manifest's range. */
function clamped(name: 'memory.sampleInterval' | 'allocations.samplingInterval'): number {
  const value = read(name);
  const { minimum, maximum } = settingLimits[name];
  return Number.isFinite(value) ? Math.min(maximum, Math.max(minimum, value)) : minimum;
}

export const settings = {
  samplingIntervalUs: () => read('samplingInterval'),
  defaultDurationSeconds: () => read('defaultDuration'),
  annotationsEnabled: () => read('annotations.enabled'),
  annotationThresholdPct: () => read('annotations.threshold'),
  /** ms between memory timeline samples. */
  timelineSampleIntervalMs: () => clamped('memory.sampleInterval'),
  /** Average bytes between allocation profile samples. */
  allocationSamplingIntervalBytes: () => clamped('allocations.samplingInterval'),
  /** Where recorded profiles go: the setting, else `.flamelens/` in the workspace, else temp. */
  outputDirectory(): string {
    const configured = read('outputDirectory').trim();
    const workspace = vscode.workspace.workspaceFolders?.[0]?.uri.fsPath;
    if (configured) return path.isAbsolute(configured) || !workspace ? path.resolve(configured) : path.join(workspace, configured);
    return workspace ? path.join(workspace, '.flamelens') : path.join(os.tmpdir(), 'flamelens');
  },
};
