// Shared by the extension suites: the API, fixture paths, waiting for editors and webviews.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { FlameLensApi } from '../../../src/extension/extension';
import { fixtureApps, repoRoot } from '../../support/paths';

export const tsService = path.join(fixtureApps, 'ts-service');
export const checksumTs = path.join(tsService, 'src', 'checksum.ts');
export const checksumHotLine =
  fs
    .readFileSync(checksumTs, 'utf8')
    .split('\n')
    .findIndex((l) => l.includes('HOT-LINE')) + 1;
/** Under out/ (untracked): tests never overwrite the committed pictures in docs/images. */
export const screenshotDir = path.join(repoRoot, 'out', 'screenshots');

export async function flameLens(): Promise<FlameLensApi> {
  const extension = vscode.extensions.getExtension<FlameLensApi>('flamelens.flamelens');
  assert.ok(extension, 'FlameLens is not installed in this extension host');
  return extension.activate();
}

/** Polls `probe` until it returns something truthy. */
export async function eventually<T>(probe: () => T | undefined | Promise<T | undefined>, what: string, timeoutMs = 20_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: T | undefined;
  while (Date.now() < deadline) {
    last = await probe();
    if (last) return last;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`timed out waiting for ${what}`);
}

export async function closeAllEditors(): Promise<void> {
  await vscode.commands.executeCommand('workbench.action.closeAllEditors');
}

export async function setTheme(name: string): Promise<void> {
  await vscode.workspace.getConfiguration('workbench').update('colorTheme', name, vscode.ConfigurationTarget.Global);
  await new Promise((resolve) => setTimeout(resolve, 1500)); // let the webview restyle
}
