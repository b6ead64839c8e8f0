/**
 * "FlameLens: Profile Process": pick a running Node process, a script to launch, an npm script
 * or an inspector address; then what to capture and for how long. The last choice comes first.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { isLoopbackHost, parseTargetAddress } from '../../core/inspector/address';
import { settings } from '../settings';
import { processItems, revealItem, type TargetItem } from './processItems';
import type { CaptureChoice } from './recordedFiles';
import { splitCommandLine, type ProfileTarget } from './profileTarget';

export interface RecordingChoice {
  readonly target: ProfileTarget;
  /** 0 records until stopped. */
  readonly durationMs: number;
  /** What to record besides the CPU profile. */
  readonly capture: CaptureChoice;
  /** A heap snapshot instead of a recording. */
  readonly snapshot?: boolean;
}

const lastTargetKey = 'flamelens.lastTarget';
const lastDurationKey = 'flamelens.lastDurationMs';

/** Asks the user what to profile; undefined when they cancel at any step. */
export async function pickRecording(memento: vscode.Memento): Promise<RecordingChoice | undefined> {
  const target = await pickTarget(memento);
  if (!target) return undefined;
  const capture = await pickCaptureKind();
  if (!capture) return undefined;
  if ('snapshot' in capture) return { target, durationMs: 0, capture: {}, snapshot: true };
  const durationMs = await pickDuration(memento);
  if (durationMs === undefined) return undefined;
  await memento.update(lastTargetKey, target);
  await memento.update(lastDurationKey, durationMs);
  return { target, durationMs, capture };
}

/** Asks which process (or program to launch); also used by the heap snapshot commands. */
export async function pickTarget(memento: vscode.Memento, title = 'FlameLens: Profile Process'): Promise<ProfileTarget | undefined> {
  const picker = vscode.window.createQuickPick<TargetItem>();
  picker.title = title;
  picker.placeholder = 'Pick a Node.js process, or start one';
  picker.matchOnDescription = true;
  picker.matchOnDetail = true;
  picker.busy = true;
  const last = memento.get<ProfileTarget>(lastTargetKey);
  const fixed: TargetItem[] = [
    { label: '', kind: vscode.QuickPickItemKind.Separator },
    { label: '$(play) Launch a script…', description: 'node, tsx, ts-node…', pick: launchScript },
    { label: '$(package) Run an npm script…', description: 'from package.json', pick: runNpmScript },
    { label: '$(plug) Connect to an inspector address…', description: 'host:port or ws://…', pick: connectToAddress },
  ];
  const lastItems: TargetItem[] = last ? [{ label: `$(history) ${last.label}`, description: 'last used', pick: async () => last }] : [];
  picker.items = [...lastItems, ...fixed];
  picker.show();
  let editorItems: TargetItem[] = [];
  let userItems: TargetItem[] = [];
  void import('../../core/inspector/nodeProcesses').then(async ({ listNodeProcesses }) => {
    const processes = await listNodeProcesses([process.pid, process.ppid]);
    const folders = (vscode.workspace.workspaceFolders ?? []).map((f) => f.uri.fsPath);
    ({ user: userItems, editor: editorItems } = processItems(processes, folders));
    const reveal = editorItems.length > 0 ? [revealItem(editorItems.length - 1)] : [];
    picker.items = [...lastItems, ...userItems, ...fixed, ...reveal];
    picker.busy = false;
  });
  const chosen = await new Promise<TargetItem | undefined>((resolve) => {
    picker.onDidAccept(() => {
      const item = picker.selectedItems[0];
      if (!item?.revealEditorProcesses) return resolve(item);
      // The editor's own processes join the list (last), and the picker stays open.
      picker.value = '';
      picker.items = [...lastItems, ...userItems, ...fixed, ...editorItems];
      picker.activeItems = editorItems.filter((i) => i.kind !== vscode.QuickPickItemKind.Separator).slice(0, 1);
    });
    picker.onDidHide(() => resolve(undefined));
  });
  picker.dispose();
  return chosen?.pick?.();
}

async function launchScript(): Promise<ProfileTarget | undefined> {
  const folder = vscode.workspace.workspaceFolders?.[0]?.uri.fsPath;
  const active = vscode.window.activeTextEditor?.document.uri.fsPath;
  const relative = active && folder ? path.relative(folder, active) : active;
  const suggestion = !relative ? 'node ' : /\.(c|m)?ts$/.test(relative) ? `npx tsx ${relative}` : `node ${relative}`;
  const text = await vscode.window.showInputBox({
    title: 'Launch a script to profile',
    prompt: `Command line, run in ${folder ?? 'the current folder'}. The inspector opens on 127.0.0.1 with a random port.`,
    value: suggestion,
    validateInput: (value) => (splitCommandLine(value).length === 0 ? 'Type a command, e.g. node server.js' : undefined),
  });
  if (!text) return undefined;
  return { label: text.trim(), command: splitCommandLine(text), cwd: folder };
}

async function runNpmScript(): Promise<ProfileTarget | undefined> {
  const folders = vscode.workspace.workspaceFolders ?? [];
  const items = folders.flatMap((folder) => {
    try {
      const manifest = JSON.parse(fs.readFileSync(path.join(folder.uri.fsPath, 'package.json'), 'utf8')) as { scripts?: Record<string, string> };
      return Object.entries(manifest.scripts ?? {}).map(([name, script]) => ({
        label: name,
        description: script,
        detail: folders.length > 1 ? folder.name : undefined,
        cwd: folder.uri.fsPath,
      }));
    } catch {
      return [];
    }
  });
  if (items.length === 0) {
    void vscode.window.showWarningMessage('FlameLens: no package.json with scripts in this workspace.');
    return undefined;
  }
  const picked = await vscode.window.showQuickPick(items, { title: 'Run an npm script to profile' });
  return picked && { label: `npm run ${picked.label}`, command: ['npm', 'run', picked.label], cwd: picked.cwd };
}

async function connectToAddress(): Promise<ProfileTarget | undefined> {
  const text = await vscode.window.showInputBox({
    title: 'Connect to an inspector',
    prompt: 'host:port or ws://… of a process started with --inspect',
    placeHolder: '127.0.0.1:9229',
    validateInput: (value) => {
      try {
        const address = parseTargetAddress(value);
        return address.kind === 'pid' ? 'Type an address; pick processes by pid from the list' : undefined;
      } catch (error) {
        return (error as Error).message;
      }
    },
  });
  if (!text) return undefined;
  const address = parseTargetAddress(text);
  const host = address.kind === 'pid' ? '127.0.0.1' : address.host;
  if (!isLoopbackHost(host)) {
    const answer = await vscode.window.showWarningMessage(
      `Connect to the inspector at ${host}? The inspector protocol is unencrypted and gives full control of that process. Only do this on a network you trust.`,
      { modal: true },
      'Connect',
    );
    if (answer !== 'Connect') return undefined;
    return { label: text.trim(), address: text.trim(), allowRemote: true };
  }
  return { label: text.trim(), address: text.trim() };
}

async function pickCaptureKind(): Promise<CaptureChoice | { snapshot: true } | undefined> {
  const picked = await vscode.window.showQuickPick(
    [
      { label: '$(flame) CPU profile', description: 'where the time goes, by function and line', picked: true, capture: {} },
      { label: '$(pulse) CPU + memory timeline', description: 'also heap, RSS, GC and event-loop delay, live; leak trend', capture: { memory: true } },
      {
        label: '$(database) CPU + memory timeline + allocations',
        description: 'also bytes allocated per function',
        capture: { memory: true, allocations: true },
      },
      { label: '$(file-binary) Heap snapshot', description: 'every object on the heap now, with what keeps it alive', capture: { snapshot: true as const } },
    ],
    { title: 'What to capture' },
  );
  return picked?.capture;
}

async function pickDuration(memento: vscode.Memento): Promise<number | undefined> {
  const configured = settings.defaultDurationSeconds() * 1000;
  const last = memento.get<number>(lastDurationKey) ?? configured;
  const options = [0, 5000, 10000, 30000, 60000];
  const items = options.map((ms) => ({ label: ms === 0 ? 'Until I stop it' : `${ms / 1000} seconds`, ms }));
  items.sort((a, b) => (a.ms === last ? -1 : b.ms === last ? 1 : 0));
  const picked = await vscode.window.showQuickPick([...items, { label: 'Custom…', ms: -1 }], { title: 'How long to record' });
  if (!picked) return undefined;
  if (picked.ms >= 0) return picked.ms;
  const text = await vscode.window.showInputBox({
    title: 'Seconds to record',
    validateInput: (value) => (Number(value) > 0 ? undefined : 'A positive number of seconds'),
  });
  return text ? Number(text) * 1000 : undefined;
}
