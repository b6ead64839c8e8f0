/**
 * FlameLens as the editor a user gets for profiles. VS Code ships a "Table Visualizer"
 * (ms-vscode.vscode-js-profile-table) that claims *.cpuprofile, *.heapprofile and *.heapsnapshot
 * with the same "default" priority as ours. VS Code breaks such a tie in favour of the longer file
 * pattern, so package.json's patterns start with `**` + `/` (the same files): a double-click opens
 * FlameLens. VS Code still says "multiple default editors" until the user settles it, so the choice
 * is the user's: FlameLens offers once (remembered across workspaces) to write it into
 * `workbench.editorAssociations`, which ends the question for good.
 *
 * Only one set of source annotations shows at a time: the viewer opened last owns them. When
 * FlameLens opens a profile, the table viewer's CodeLenses are cleared with its own command; while
 * a table viewer tab is open, FlameLens's annotations step aside.
 */
import * as vscode from 'vscode';
import { CustomEditors } from './contributions';

/** The built-in viewer's extension, its view types' prefix and the command that clears its CodeLenses. */
export const TableVisualizer = {
  extensionId: 'ms-vscode.vscode-js-profile-table',
  viewTypePrefix: 'jsProfileVisualizer.',
  clearCodeLenses: 'extension.jsProfileVisualizer.table.clearCodeLenses',
} as const;

/** The files both viewers claim, and FlameLens's editor for each. */
export const contestedPatterns: Readonly<Record<string, string>> = {
  '*.cpuprofile': CustomEditors.profile.viewType,
  '*.heapprofile': CustomEditors.allocation.viewType,
  '*.heapsnapshot': CustomEditors.heapSnapshot.viewType,
};

export const OfferAnswers = { makeDefault: 'Make FlameLens the default', notNow: 'Not now' } as const;
const offeredKey = 'flamelens.defaultEditorOffered';

/** Hides and shows FlameLens's own source annotations (while the table viewer shows its own). */
export interface AnnotationOwner {
  setSteppedAside(aside: boolean): void;
}

export class DefaultEditor implements vscode.Disposable {
  private readonly disposables: vscode.Disposable[] = [];
  private tablesOpen = false;

  constructor(
    private readonly globalState: vscode.Memento,
    private readonly annotations: AnnotationOwner,
  ) {
    this.disposables.push(vscode.window.tabGroups.onDidChangeTabs(() => this.tabsChanged()));
    this.tabsChanged();
  }

  /** A FlameLens editor opened `file`; `byUser` when the user opened it (not FlameLens after a recording). */
  async opened(file: string, byUser: boolean): Promise<void> {
    await clearTableLenses();
    if (byUser && isContested(file)) await this.offerOnce();
  }

  /** True when every contested pattern opens in FlameLens. */
  static isDefault(): boolean {
    const associations = vscode.workspace.getConfiguration('workbench').get<Record<string, string>>('editorAssociations') ?? {};
    return Object.entries(contestedPatterns).every(([pattern, viewType]) => associations[pattern] === viewType);
  }

  /** Writes FlameLens into `workbench.editorAssociations` (user settings), keeping the user's other entries. */
  static async makeDefault(): Promise<void> {
    const config = vscode.workspace.getConfiguration('workbench');
    const current = config.inspect<Record<string, string>>('editorAssociations')?.globalValue ?? {};
    await config.update('editorAssociations', { ...current, ...contestedPatterns }, vscode.ConfigurationTarget.Global);
  }

  dispose(): void {
    this.disposables.forEach((d) => d.dispose());
  }

  private async offerOnce(): Promise<void> {
    if (this.globalState.get<boolean>(offeredKey) || !vscode.extensions.getExtension(TableVisualizer.extensionId) || DefaultEditor.isDefault()) return;
    await this.globalState.update(offeredKey, true);
    const answer = await vscode.window.showInformationMessage(
      'Open .cpuprofile, .heapprofile and .heapsnapshot files in FlameLens by default? VS Code’s built-in Table Visualizer claims them too.',
      OfferAnswers.makeDefault,
      OfferAnswers.notNow,
    );
    if (answer !== OfferAnswers.makeDefault) return;
    await DefaultEditor.makeDefault();
    await reopenTablesInFlameLens();
  }

  private tabsChanged(): void {
    const tables = tableTabs().length > 0;
    if (tables === this.tablesOpen) return;
    this.tablesOpen = tables;
    this.annotations.setSteppedAside(tables);
    // The table viewer keeps its CodeLenses after its tab closes: FlameLens's come back alone.
    if (!tables) void clearTableLenses();
    else void this.offerOnce();
  }
}

/** The table viewer's tabs open now. */
function tableTabs(): Array<{ tab: vscode.Tab; input: vscode.TabInputCustom }> {
  return vscode.window.tabGroups.all.flatMap((group) =>
    group.tabs.flatMap((tab) =>
      tab.input instanceof vscode.TabInputCustom && tab.input.viewType.startsWith(TableVisualizer.viewTypePrefix) ? [{ tab, input: tab.input }] : [],
    ),
  );
}

/** After the user made FlameLens the default, the table viewers open now show the same files in FlameLens. */
async function reopenTablesInFlameLens(): Promise<void> {
  for (const { tab, input } of tableTabs()) {
    const viewType = Object.entries(contestedPatterns).find(([pattern]) => input.uri.path.endsWith(pattern.slice(1)))?.[1];
    if (!viewType) continue;
    await vscode.commands.executeCommand('vscode.openWith', input.uri, viewType, { viewColumn: tab.group.viewColumn });
    await vscode.window.tabGroups.close(tab);
  }
}

/** Clears the table viewer's CodeLenses, when it is running (its command exists only then). */
async function clearTableLenses(): Promise<void> {
  const commands = await vscode.commands.getCommands(true);
  if (commands.includes(TableVisualizer.clearCodeLenses)) await vscode.commands.executeCommand(TableVisualizer.clearCodeLenses);
}

function isContested(file: string): boolean {
  return Object.keys(contestedPatterns).some((pattern) => file.endsWith(pattern.slice(1)));
}
