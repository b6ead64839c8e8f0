/**
 * "FlameLens: Delete Old Recordings…": the recordings in the output folder (each `.cpuprofile`
 * with the timeline and allocation profile saved beside it, and heap snapshots), newest first,
 * in a multi-select list with all but the newest few already ticked; the ticked ones go to the
 * trash after one confirmation (recoverable, as a deletion in the Explorer is).
 */
import * as fs from 'node:fs/promises';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { formatBytes } from '../../format';
import { settings } from '../settings';

/** How many of the newest recordings stay unticked, so a prune never takes the one just made. */
export const newestKept = 5;

/** One recording: its main file and the files saved with it. */
export interface RecordingFiles {
  /** The `.cpuprofile` or `.heapsnapshot`. */
  readonly main: string;
  readonly files: readonly string[];
  readonly bytes: number;
  readonly modified: Date;
}

const mainFile = /\.(cpuprofile|heapsnapshot)$/i;
/** Saved beside a `.cpuprofile`: `x.memory.json`, `x.heapprofile`. */
const besideProfile = ['.memory.json', '.heapprofile'];

/** The recordings in `folder`, newest first (a folder that does not exist has none). */
export async function listRecordings(folder: string): Promise<RecordingFiles[]> {
  const names = await fs.readdir(folder).catch(() => [] as string[]);
  const present = new Set(names);
  const recordings: RecordingFiles[] = [];
  for (const name of names.filter((n) => mainFile.test(n))) {
    const base = name.replace(/\.cpuprofile$/i, '');
    const siblings = name.endsWith('.cpuprofile') ? besideProfile.map((ext) => base + ext).filter((n) => present.has(n)) : [];
    const files = [name, ...siblings].map((n) => path.join(folder, n));
    const stats = await Promise.all(files.map((file) => fs.stat(file).catch(() => undefined)));
    if (!stats[0]?.isFile()) continue;
    recordings.push({
      main: files[0],
      files,
      bytes: stats.reduce((sum, stat) => sum + (stat?.size ?? 0), 0),
      modified: stats[0].mtime,
    });
  }
  return recordings.sort((a, b) => b.modified.getTime() - a.modified.getTime());
}

interface RecordingItem extends vscode.QuickPickItem {
  readonly recording: RecordingFiles;
}

/** Asks once, in a modal dialog, before the ticked recordings go. */
async function confirmInDialog(question: string): Promise<boolean> {
  return (await vscode.window.showWarningMessage(question, { modal: true }, 'Move to Trash')) === 'Move to Trash';
}

/**
 * The command: pick, confirm, move to the trash. Returns the main files deleted. `confirm` is
 * VS Code's modal dialog (which VS Code refuses to show under test: tests pass their own).
 */
export async function deleteOldRecordings(folder = settings.outputDirectory(), confirm = confirmInDialog): Promise<string[]> {
  const recordings = await listRecordings(folder);
  if (recordings.length === 0) {
    void vscode.window.showInformationMessage(`FlameLens: there are no recordings in ${folder}.`);
    return [];
  }
  const items: RecordingItem[] = recordings.map((recording, index) => ({
    label: path.basename(recording.main),
    description: `${formatBytes(recording.bytes)} · ${recording.modified.toLocaleString()}`,
    detail:
      recording.files.length > 1
        ? `with ${recording.files
            .slice(1)
            .map((f) => path.basename(f))
            .join(', ')}`
        : undefined,
    picked: index >= newestKept,
    recording,
  }));
  const picked = await vscode.window.showQuickPick(items, {
    canPickMany: true,
    title: 'FlameLens: Delete Old Recordings',
    placeHolder: `Ticked ones go to the trash; the ${newestKept} newest are not ticked`,
    matchOnDescription: true,
  });
  if (!picked || picked.length === 0) return [];
  const bytes = picked.reduce((sum, item) => sum + item.recording.bytes, 0);
  const count = picked.length === 1 ? '1 recording' : `${picked.length} recordings`;
  if (!(await confirm(`Move ${count} (${formatBytes(bytes)}) to the trash?`))) return [];
  for (const item of picked) {
    for (const file of item.recording.files) await deleteFile(file);
  }
  return picked.map((item) => item.recording.main);
}

/** To the trash where the system has one; deleted where it has none (a remote or web host). */
async function deleteFile(file: string): Promise<void> {
  const uri = vscode.Uri.file(file);
  try {
    await vscode.workspace.fs.delete(uri, { useTrash: true });
  } catch {
    await vscode.workspace.fs.delete(uri, { useTrash: false });
  }
}
