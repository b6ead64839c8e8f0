/**
 * The custom editors, one row per kind of file: the view that shows it (its view type and file
 * pattern are in contributions.ts and package.json). Every row is the same read-only editor.
 */
import type * as vscode from 'vscode';
import type { HeapClient } from '../core/analysis/heapClient';
import type { AllocationAnnotations } from './annotations/allocationAnnotations';
import { CustomEditors, type EditorKind } from './contributions';
import { AllocationView } from './allocation/allocationView';
import { HeapSnapshotView } from './heap/heapSnapshotView';
import { ReadonlyEditor } from './panels/readonlyEditor';
import { ProfileView } from './profile/profileView';
import { TimelineView } from './timeline/timelineView';
import type { ProfileLibrary } from './profile/profileLibrary';

/** What the views need from the rest of the extension. */
export interface EditorDeps {
  readonly extensionUri: vscode.Uri;
  /** Profiles open in the analysis worker (opening one points the annotations at it). */
  readonly library: ProfileLibrary;
  /** The heap worker every snapshot view shares. */
  readonly heap: HeapClient;
  /** The editor annotations of the allocation profile opened last. */
  readonly allocationAnnotations: AllocationAnnotations;
}

export type Editors = ReturnType<typeof createEditors>;

export function createEditors(deps: EditorDeps) {
  const { extensionUri } = deps;
  return {
    profile: editor('profile', (panel, file) => new ProfileView(panel, deps.library.openProfile(file), extensionUri)),
    heapSnapshot: editor('heapSnapshot', (panel, file) => new HeapSnapshotView(panel, deps.heap, file, extensionUri)),
    timeline: editor('timeline', (panel, file) => new TimelineView(panel, { kind: 'file', file }, extensionUri)),
    allocation: editor('allocation', (panel, file) => new AllocationView(panel, file, extensionUri, (opened) => deps.allocationAnnotations.show(opened))),
  } satisfies Record<EditorKind, ReadonlyEditor<vscode.Disposable>>;
}

/** Registers every editor; what it returns also closes their views. */
export function registerEditors(editors: Editors): vscode.Disposable[] {
  return Object.values(editors).flatMap((editor) => [editor, editor.register()]);
}

function editor<View extends vscode.Disposable>(kind: EditorKind, create: (panel: vscode.WebviewPanel, file: string) => View): ReadonlyEditor<View> {
  return new ReadonlyEditor({ viewType: CustomEditors[kind].viewType, create });
}
