/**
 * A connection to a process for taking heap snapshots: resolves what the user picked (a pid, an
 * address, or a program to launch) to an inspector session that stays open across snapshots —
 * V8 numbers objects afresh when a debugger disconnects, so a comparison needs one session.
 */
import * as vscode from 'vscode';
import { FlameLensError } from '../../core/errors';
import { exitGraceMs } from '../../core/inspector/exitGrace';
import type { InspectorSession } from '../../core/inspector/session';
import type { ProfileTarget } from '../recording/profileTarget';

export interface SnapshotTarget {
  readonly label: string;
  readonly session: InspectorSession;
  dispose(): Promise<void>;
}

export async function connectForSnapshots(target: ProfileTarget, log: (text: string) => void): Promise<SnapshotTarget> {
  if (target.command && !vscode.workspace.isTrusted) {
    throw new FlameLensError('bad-input', 'Launching a program needs a trusted workspace. Trust this folder, or pick a process that is already running.');
  }
  return target.command ? launchForSnapshots(target, target.command, log) : attachForSnapshots(target, log);
}

/** Launches the program, lets it run, and ends it after the snapshots. */
async function launchForSnapshots(target: ProfileTarget, command: readonly string[], log: (text: string) => void): Promise<SnapshotTarget> {
  const [{ connectInspector }, { launchWithInspector }] = await Promise.all([import('../../core/inspector/session'), import('../../core/inspector/launch')]);
  const cwd = target.cwd ?? vscode.workspace.workspaceFolders?.[0]?.uri.fsPath;
  // Through launch's own output filter: Node's debugger banner (with the WebSocket URL) never reaches the log.
  const launched = await launchWithInspector(command, { cwd, stdio: 'pipe', onOutput: log });
  const session = await connectInspector(launched.webSocketUrl);
  // FlameLens launches programs paused until a debugger is attached; let this one run.
  await session.send('Runtime.runIfWaitingForDebugger');
  return {
    label: target.label,
    session,
    async dispose() {
      await session.close();
      launched.terminate('SIGTERM');
      setTimeout(() => launched.terminate('SIGKILL'), exitGraceMs).unref();
    },
  };
}

/** Attaches to a running process and leaves it as found: an inspector opened for the snapshots is closed after them. */
async function attachForSnapshots(target: ProfileTarget, log: (text: string) => void): Promise<SnapshotTarget> {
  const [{ connectInspector }, { parseTargetAddress }, { resolveInspectorTarget }, { closeInspectorWeOpened }] = await Promise.all([
    import('../../core/inspector/session'),
    import('../../core/inspector/address'),
    import('../../core/inspector/attach'),
    import('../../core/inspector/closeInspector'),
  ]);
  const address = parseTargetAddress(target.pid !== undefined ? String(target.pid) : (target.address ?? ''));
  const resolved = await resolveInspectorTarget(address, { allowRemote: target.allowRemote });
  const leaveAsFound = async () => {
    const warning = await closeInspectorWeOpened(resolved);
    if (!warning) return;
    log(warning);
    void vscode.window.showWarningMessage(`FlameLens: ${warning}`);
  };
  let session: InspectorSession;
  try {
    session = await connectInspector(resolved.webSocketUrl);
  } catch (error) {
    await leaveAsFound();
    throw error;
  }
  return {
    label: target.label,
    session,
    async dispose() {
      await session.close();
      await leaveAsFound();
    },
  };
}
