/**
 * The long-lived objects of one window, created once at activation. Creating them is cheap: the
 * analysis and heap workers and every inspector connection start when a command needs them.
 */
import * as vscode from 'vscode';
import { HeapClient } from '../core/analysis/heapClient';
import { AllocationAnnotations } from './annotations/allocationAnnotations';
import { Annotations } from './annotations/annotations';
import { DefaultEditor, type AnnotationOwner } from './defaultEditor';
import { createEditors, registerEditors, type Editors } from './editors';
import type { HeapCommandDeps } from './heap/heapCommands';
import { ProfileLibrary } from './profile/profileLibrary';
import { RecordingController } from './recording/recordingController';
import { LiveTimelinePanel } from './timeline/liveTimelinePanel';
import { onSnapshotRequested } from './timeline/timelineView';

export interface Services {
  readonly context: vscode.ExtensionContext;
  /** Profiles open in the analysis worker; the most recent one is annotated. */
  readonly library: ProfileLibrary;
  readonly recorder: RecordingController;
  /** The CPU profile's annotations in editors. */
  readonly annotations: Annotations;
  readonly editors: Editors;
  /** The live timeline panel of the recording running now. */
  readonly liveTimeline: LiveTimelinePanel;
  /** What the heap snapshot commands need. */
  readonly heap: HeapCommandDeps;
}

/** The heap snapshot commands load their code (and the inspector client) on first use. */
export const heapCommands = () => import('./heap/heapCommands');

export function createServices(context: vscode.ExtensionContext): Services {
  const { extensionUri } = context;
  const library = new ProfileLibrary();
  const recorder = new RecordingController();
  const annotations = new Annotations(library, extensionUri);
  const allocationAnnotations = new AllocationAnnotations();
  // One heap worker (started on first use) for every snapshot view and comparison.
  const heapClient = new HeapClient();
  const editors = createEditors({ extensionUri, library, heap: heapClient, allocationAnnotations });
  const liveTimeline = new LiveTimelinePanel(extensionUri, editors.timeline);
  const defaultEditor = new DefaultEditor(context.globalState, stepAside(annotations));
  let targetOutput: vscode.OutputChannel | undefined;
  const heap: HeapCommandDeps = {
    extensionUri,
    heap: heapClient,
    memento: context.workspaceState,
    log: (text) => (targetOutput ??= vscode.window.createOutputChannel('FlameLens: heap snapshot targets')).append(text),
  };
  context.subscriptions.push(
    library,
    recorder,
    annotations,
    allocationAnnotations,
    liveTimeline,
    ...registerEditors(editors),
    defaultEditor,
    ...Object.values(editors).map((editor) => editor.onDidOpen(({ file, byUser }) => void defaultEditor.opened(file, byUser))),
    { dispose: () => heapClient.dispose() },
    { dispose: () => targetOutput?.dispose() },
    recorder.onDidStartLiveTimeline((live) => liveTimeline.show(live)),
    // A click on the live timeline takes a heap snapshot of the process being recorded.
    onSnapshotRequested(async (request) => (await heapCommands()).takeHeapSnapshotCommand(heap, { label: request.label, address: request.webSocketUrl })),
  );
  return { context, library, recorder, annotations, editors, liveTimeline, heap };
}

/**
 * FlameLens's annotations hidden while the built-in table viewer shows its own, and back after.
 * (Through the toggle, remembering that it was this and not the user that turned them off.)
 */
function stepAside(annotations: Annotations): AnnotationOwner {
  let hidden = false;
  return {
    setSteppedAside(aside) {
      if (aside && !hidden && annotations.isEnabled) {
        annotations.toggle();
        hidden = true;
      } else if (!aside && hidden) {
        hidden = false;
        if (!annotations.isEnabled) annotations.toggle();
      }
    },
  };
}
