/** FlameLens settings, read when needed (so changes apply without a reload). */
import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';

function config() {
  return vscode.workspace.getConfiguration('flamelens');
}

export const settings = {
  samplingIntervalUs: () => config().get<number>('samplingInterval', 1000),
  defaultDurationSeconds: () => config().get<number>('defaultDuration', 0),
  annotationsEnabled: () => config().get<boolean>('annotations.enabled', true),
  annotationThresholdPct: () => config().get<number>('annotations.threshold', 0.5),
  /** Where recorded profiles go: the setting, else `.flamelens/` in the workspace, else temp. */
  outputDirectory(): string {
    const configured = config().get<string>('outputDirectory', '').trim();
    const workspace = vscode.workspace.workspaceFolders?.[0]?.uri.fsPath;
    if (configured) return path.isAbsolute(configured) || !workspace ? path.resolve(configured) : path.join(workspace, configured);
    return workspace ? path.join(workspace, '.flamelens') : path.join(os.tmpdir(), 'flamelens');
  },
};
