/**
 * The heap snapshot commands: take one, compare two or three, and find a leak (baseline, load,
 * snapshot, more load, snapshot, compare — all in one inspector session).
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { HeapClient } from '../../core/analysis/heapClient';
import { FlameLensError } from '../../core/errors';
import { CustomEditors } from '../contributions';
import { showHeapComparison, type HeapComparisonView } from './heapComparisonView';
import { profileFileName, type ProfileTarget } from '../recording/profileTarget';
import { settings } from '../settings';
import { takeSnapshotWithProgress } from './takeSnapshot';
import { connectForSnapshots, type SnapshotTarget } from './snapshotTarget';

export interface HeapCommandDeps {
  readonly extensionUri: vscode.Uri;
  readonly heap: HeapClient;
  readonly memento: vscode.Memento;
  log(text: string): void;
}

export interface FindLeakOptions {
  readonly target?: ProfileTarget;
  /** Snapshots to take: 3 (baseline, after load, after more load) or 2. */
  readonly snapshots?: 2 | 3;
  /**
   * Called after snapshot `taken` (1-based) while the user puts load on the program; resolves
   * true to take the next one, false to compare what there is. Defaults to asking in a notification.
   */
  waitForLoad?(taken: number): Promise<boolean>;
}

/** "FlameLens: Take Heap Snapshot": saves one and opens it in the heap view. */
export async function takeHeapSnapshotCommand(deps: HeapCommandDeps, target?: ProfileTarget): Promise<string | undefined> {
  target ??= await pickSnapshotTarget(deps, 'FlameLens: Take Heap Snapshot');
  if (!target) return undefined;
  const connection = await connectForSnapshots(target, deps.log);
  try {
    const file = await takeSnapshotWithProgress(connection, snapshotFile(connection, 'snapshot'), `Heap snapshot of ${connection.label}`);
    await vscode.commands.executeCommand('vscode.openWith', vscode.Uri.file(file), CustomEditors.heapSnapshot.viewType);
    return file;
  } finally {
    await connection.dispose();
  }
}

/** "FlameLens: Find Memory Leak": snapshots with pauses for load in between, then the comparison. */
export async function findMemoryLeakCommand(deps: HeapCommandDeps, options: FindLeakOptions = {}): Promise<HeapComparisonView | undefined> {
  const target = options.target ?? (await pickSnapshotTarget(deps, 'FlameLens: Find Memory Leak'));
  if (!target) return undefined;
  const wanted = options.snapshots ?? 3;
  const waitForLoad = options.waitForLoad ?? askForLoad;
  const names = ['baseline', 'after-load', 'after-more-load'];
  const connection = await connectForSnapshots(target, deps.log);
  const files: string[] = [];
  try {
    for (let n = 1; n <= wanted; n++) {
      files.push(
        await takeSnapshotWithProgress(
          connection,
          snapshotFile(connection, `${n}-${names[n - 1]}`),
          `Heap snapshot ${n} of ${wanted} (${names[n - 1].replace(/-/g, ' ')})`,
        ),
      );
      if (n < wanted && !(await waitForLoad(n))) break;
    }
  } finally {
    await connection.dispose();
  }
  if (files.length < 2) throw new FlameLensError('cancelled', 'The leak search was stopped after the baseline; the snapshot is saved in the output folder.');
  return showHeapComparison(deps, files);
}

/** "FlameLens: Compare Heap Snapshots…": pick two or three files of one process. */
export async function compareHeapSnapshotsCommand(deps: HeapCommandDeps, files?: readonly string[]): Promise<HeapComparisonView | undefined> {
  if (!files) {
    const picked = await vscode.window.showOpenDialog({
      title: 'Pick 2 or 3 heap snapshots of one process (oldest is the baseline)',
      canSelectMany: true,
      defaultUri: vscode.Uri.file(settings.outputDirectory()),
      filters: { 'Heap snapshots': ['heapsnapshot'] },
      openLabel: 'Compare',
    });
    if (!picked) return undefined;
    files = picked.map((uri) => uri.fsPath).sort((a, b) => fs.statSync(a).mtimeMs - fs.statSync(b).mtimeMs);
  }
  return showHeapComparison(deps, files);
}

async function pickSnapshotTarget(deps: HeapCommandDeps, title: string): Promise<ProfileTarget | undefined> {
  const { pickTarget } = await import('../recording/targetPicker');
  return pickTarget(deps.memento, title);
}

function snapshotFile(connection: SnapshotTarget, suffix: string): string {
  const base = profileFileName(connection.label, new Date()).replace(/\.cpuprofile$/, '');
  return path.join(settings.outputDirectory(), `${base}-${suffix}.heapsnapshot`);
}

async function askForLoad(taken: number): Promise<boolean> {
  const next = taken + 1;
  const message =
    taken === 1
      ? 'Baseline taken. Now put load on the program (run your load test, repeat the suspect action), then take snapshot 2.'
      : 'Snapshot 2 taken. Put the same load on it once more, then take snapshot 3 — objects from the first round that are still alive then are the leak.';
  const take = `Take Snapshot ${next}`;
  const compare = 'Compare Now';
  const choice = await vscode.window.showInformationMessage(message, take, ...(taken >= 2 ? [compare] : []));
  if (choice === take) return true;
  if (choice === compare) return false;
  throw new FlameLensError('cancelled', 'The leak search was stopped; the snapshots taken are in the output folder.');
}
