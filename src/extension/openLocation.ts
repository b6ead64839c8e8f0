/** Opens a source line in an editor: beside a view without taking the focus from it, or for a hover link. */
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';

export async function openSourceLine(file: string, line: number, options: { beside?: boolean } = {}): Promise<boolean> {
  if (!path.isAbsolute(file) || !fs.existsSync(file)) {
    void vscode.window.showWarningMessage(`FlameLens: ${file} is not on this machine, so it cannot be opened.`);
    return false;
  }
  const position = new vscode.Position(Math.max(0, line - 1), 0);
  await vscode.window.showTextDocument(vscode.Uri.file(file), {
    selection: new vscode.Range(position, position),
    viewColumn: options.beside ? vscode.ViewColumn.Beside : undefined,
    preserveFocus: options.beside,
    preview: true,
  });
  return true;
}

/** "flamelens.openLocation", from hover links: the arguments are checked like any other untrusted input. */
export async function openLocationCommand(file: unknown, line: unknown): Promise<void> {
  if (typeof file === 'string' && path.isAbsolute(file) && typeof line === 'number' && Number.isInteger(line) && line > 0) {
    await openSourceLine(file, line);
  }
}
