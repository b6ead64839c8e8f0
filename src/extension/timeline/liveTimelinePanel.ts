/**
 * The live memory timeline of a recording, in a panel beside the editor while it runs. When the
 * recording is saved, its `.memory.json` opens in the timeline editor where the live panel was,
 * and the live panel closes.
 */
import * as vscode from 'vscode';
import { WebviewPanels } from '../contributions';
import type { ReadonlyEditor } from '../panels/readonlyEditor';
import type { LiveTimeline } from './liveTimeline';
import { TimelineView } from './timelineView';

export class LiveTimelinePanel implements vscode.Disposable {
  private panel: vscode.WebviewPanel | undefined;

  constructor(
    private readonly extensionUri: vscode.Uri,
    /** The editor of saved timelines. */
    private readonly timelineEditor: ReadonlyEditor<TimelineView>,
  ) {}

  /** Opens the live panel of a recording that just started (closing the previous one). */
  show(live: LiveTimeline): void {
    this.panel?.dispose();
    const panel = vscode.window.createWebviewPanel(
      WebviewPanels.liveTimeline,
      `Memory · ${live.label}`,
      { viewColumn: vscode.ViewColumn.Beside, preserveFocus: true },
      { retainContextWhenHidden: true },
    );
    panel.iconPath = vscode.Uri.joinPath(this.extensionUri, 'media', 'flamelens.svg');
    const view = new TimelineView(panel, { kind: 'live', live }, this.extensionUri);
    this.panel = panel;
    panel.onDidDispose(() => {
      view.dispose();
      if (this.panel === panel) this.panel = undefined;
    });
  }

  /** The editor group of the live panel, while there is one: the recording's other views open there. */
  get viewColumn(): vscode.ViewColumn | undefined {
    return this.panel?.viewColumn;
  }

  /** Opens a saved timeline in place of the live panel (in `viewColumn` when given), in front of its group. */
  async openSaved(file: string, viewColumn?: vscode.ViewColumn): Promise<void> {
    const live = this.panel;
    const column = viewColumn ?? live?.viewColumn ?? vscode.ViewColumn.Beside;
    // The live panel goes first: a saved timeline opened in its place and then uncovered by its
    // disposal was seen to stay on its loading text (its page never said it was ready).
    live?.dispose();
    await this.timelineEditor.open(file, { viewColumn: column, preserveFocus: true });
  }

  /** Closes the live panel (its view goes with it). */
  dispose(): void {
    this.panel?.dispose();
  }
}
