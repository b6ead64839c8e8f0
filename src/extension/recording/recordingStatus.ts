/**
 * What the user sees while a recording runs: a status bar item on the warning background
 * ("$(record) Recording pid 4242 · 12 s — click to stop") and a notification whose main button
 * stops and saves. Discarding is never one click away from saving: it asks first.
 */
import * as vscode from 'vscode';
import { formatClock } from '../../format';
import { Commands } from '../contributions';

/** The answers of the notification and the discard question. */
export const RecordingActions = {
  stopAndSave: 'Stop and save',
  discard: 'Discard…',
  confirmDiscard: 'Discard recording',
  keepRecording: 'Keep recording',
} as const;

export interface ShownRecording {
  readonly label: string;
  /** 0: until the user stops it. */
  readonly durationMs: number;
  /** True while this recording is the one running. */
  isRunning(): boolean;
  stop(): void;
  discard(): void;
}

/**
 * Asks before throwing a recording away; true when the user confirmed. A second notification,
 * not a modal dialog: the recording goes on while the question waits (and VS Code refuses modal
 * dialogs in extension tests).
 */
export async function confirmDiscard(label: string): Promise<boolean> {
  const answer = await vscode.window.showWarningMessage(
    `Discard the recording of ${label}? Nothing recorded so far will be saved.`,
    RecordingActions.confirmDiscard,
    RecordingActions.keepRecording,
  );
  return answer === RecordingActions.confirmDiscard;
}

/** The status bar text: what is recorded, for how long so far, and what a click does. */
export function statusText(label: string, elapsedMs: number, durationMs: number): string {
  const limit = durationMs > 0 ? ` of ${formatClock(durationMs)}` : '';
  return `$(record) Recording ${label} · ${formatClock(elapsedMs)}${limit} — click to stop`;
}

/** Shows the recording until it ends: the status bar item ticks every second. */
export function showRecording(statusBar: vscode.StatusBarItem, recording: ShownRecording): void {
  const started = Date.now();
  statusBar.backgroundColor = new vscode.ThemeColor('statusBarItem.warningBackground');
  statusBar.tooltip = `FlameLens is recording ${recording.label}. Click to stop and save the profile.`;
  const tick = () => {
    if (!recording.isRunning()) return clearInterval(timer);
    statusBar.text = statusText(recording.label, Date.now() - started, recording.durationMs);
  };
  const timer = setInterval(tick, 1000);
  tick();
  statusBar.show();
  if (recording.durationMs > 0) showTimedProgress(recording);
  else void askToStop(recording);
}

/**
 * A recording until stopped: the notification's main button saves. (A message with buttons can
 * outlive the recording in the notification list; its buttons then do nothing.)
 */
async function askToStop(recording: ShownRecording): Promise<void> {
  const answer = await vscode.window.showInformationMessage(
    `FlameLens is recording ${recording.label} until you stop it.`,
    RecordingActions.stopAndSave,
    RecordingActions.discard,
  );
  if (!recording.isRunning()) return;
  if (answer === RecordingActions.stopAndSave) return recording.stop();
  if (answer === RecordingActions.discard) {
    const discard = await confirmDiscard(recording.label);
    if (!recording.isRunning()) return;
    if (discard) recording.discard();
    else void askToStop(recording); // kept: the buttons come back
  }
}

/**
 * A recording of a set length ends by itself and is saved: a progress notification (it closes
 * itself at the end) counts down, with links to stop early or to discard (which asks first).
 */
function showTimedProgress(recording: ShownRecording): void {
  const ended = new Promise<void>((resolve) => {
    const check = setInterval(() => !recording.isRunning() && (clearInterval(check), resolve()), 250);
  });
  const discardArgs = encodeURIComponent(JSON.stringify([{ confirm: true }]));
  void vscode.window.withProgress(
    { location: vscode.ProgressLocation.Notification, title: `FlameLens is recording ${recording.label} for ${formatClock(recording.durationMs)}` },
    async (progress) => {
      progress.report({
        message: `[Stop now and save](command:${Commands.stopProfiling}) · [Discard…](command:${Commands.cancelProfiling}?${discardArgs})`,
      });
      await ended;
    },
  );
}
