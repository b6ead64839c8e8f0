/**
 * The running Node processes as the picker lists them: the user's programs in the workspace
 * first, then their other programs, each named by its script (`server.js`, `tsx src/index.ts`)
 * with its folder and pid; the editor's own processes (extension hosts, tsserver, language
 * servers) behind one "Show VS Code's own processes" item, since nobody profiles those by choice.
 */
import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { NodeProcess } from '../../core/inspector/nodeProcesses';
import { classifyProcess, type ProcessKind } from '../../core/inspector/processKinds';
import type { ProfileTarget } from './profileTarget';

export type TargetItem = vscode.QuickPickItem & {
  pick?: () => Promise<ProfileTarget | undefined>;
  /** Picking it shows the editor's own processes instead of closing the picker. */
  revealEditorProcesses?: boolean;
};

/** The process items: the user's, and the editor's own (shown on request). */
export function processItems(processes: readonly NodeProcess[], folders: readonly string[]): { user: TargetItem[]; editor: TargetItem[] } {
  const classified = processes.map((p) => ({ p, kind: classifyProcess({ pid: p.pid, argv: p.argv, cwd: p.cwd }, folders) }));
  // Newest first within a group: a higher pid is usually the program started last.
  classified.sort((a, b) => b.p.pid - a.p.pid);
  const of = (group: ProcessKind['group']) => classified.filter((c) => c.kind.group === group).map((c) => processItem(c.p, c.kind, folders));
  const workspace = of('workspace');
  const other = of('other');
  const user: TargetItem[] = [
    ...(workspace.length > 0 ? [separator('In this workspace'), ...workspace] : []),
    ...(other.length > 0 ? [separator(workspace.length > 0 ? 'Other Node.js processes' : 'Running Node.js processes'), ...other] : []),
  ];
  const editor = of('editor');
  return { user, editor: editor.length > 0 ? [separator("VS Code's own processes"), ...editor] : [] };
}

/** The item that shows the editor's own processes, when there are any. */
export function revealItem(count: number): TargetItem {
  return { label: `$(eye) Show VS Code's own processes (${count})`, description: 'extension hosts, tsserver, language servers', revealEditorProcesses: true };
}

function processItem(p: NodeProcess, kind: ProcessKind, folders: readonly string[]): TargetItem {
  const where = kind.folder ? displayFolder(kind.folder, folders) : undefined;
  return {
    // The script is the label, so it is never cut; the folder and pid follow; the whole command line is the detail.
    label: `$(server-process) ${kind.name}`,
    description: [where, `pid ${p.pid}`, p.inspectorFlag ? 'inspector open' : undefined].filter(Boolean).join(' · '),
    detail: p.commandLine,
    pick: async () => ({ label: `pid ${p.pid}`, pid: p.pid }),
  };
}

/** A workspace folder by its name (`app/src`), a folder under home as `~/…`, anything else whole. */
export function displayFolder(folder: string, workspaceFolders: readonly string[], home = os.homedir()): string {
  for (const root of workspaceFolders) {
    const relative = path.relative(root, folder);
    if (relative === '') return path.basename(root);
    if (!relative.startsWith('..') && !path.isAbsolute(relative)) return `${path.basename(root)}/${relative}`;
  }
  const underHome = path.relative(home, folder);
  if (home && underHome && !underHome.startsWith('..') && !path.isAbsolute(underHome)) return `~/${underHome}`;
  return folder;
}

function separator(label: string): TargetItem {
  return { label, kind: vscode.QuickPickItemKind.Separator };
}
