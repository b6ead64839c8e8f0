/**
 * The next steps a failure page offers as a button (`failure/action`, answered by every view's
 * channel): open another file in its FlameLens view, record again, show the program's output.
 */
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { FailureAction } from '../../protocol/shared/messages';
import { Commands, CustomEditors } from '../contributions';

/** The files FlameLens shows, for the open dialog. */
const filters = {
  'FlameLens files': ['cpuprofile', 'heapsnapshot', 'heapprofile', 'json'],
  'CPU profiles': ['cpuprofile'],
  'Heap snapshots': ['heapsnapshot'],
  'Allocation profiles': ['heapprofile'],
  'Memory timelines': ['json'],
};

export async function runFailureAction(action: FailureAction): Promise<void> {
  switch (action) {
    case 'openAnotherFile':
      return openAnotherFile();
    case 'recordAgain':
      await vscode.commands.executeCommand(Commands.profileProcess);
      return;
    case 'showOutput':
      // The recording's output channel is named "FlameLens"; VS Code shows the Output panel with the last one used.
      await vscode.commands.executeCommand('workbench.action.output.toggleOutput');
      return;
  }
}

/** Asks for a file and opens it in the FlameLens view for its kind. */
async function openAnotherFile(): Promise<void> {
  const picked = await vscode.window.showOpenDialog({ canSelectMany: false, filters, title: 'Open a profile, heap snapshot or memory timeline' });
  const uri = picked?.[0];
  if (!uri) return;
  const editor = Object.values(CustomEditors).find(({ filenamePattern }) => path.basename(uri.fsPath).endsWith(filenamePattern.slice(1)));
  await vscode.commands.executeCommand('vscode.openWith', uri, editor?.viewType ?? 'default');
}
