/**
 * Wires the memory views into the extension: the memory timeline editor (`*.memory.json`), the
 * live memory panel of a recording, the allocation profile editor (`*.heapprofile`) and its
 * editor annotations. Returns what the recording flow needs to open a recording's memory files.
 */
import * as vscode from 'vscode';
import { AllocationAnnotations } from '../annotations/allocationAnnotations';
import type { RecordedFiles } from '../recording/memoryRecording';
import type { RecordingController } from '../recording/recordingController';
import { AllocationPanels } from './allocationPanels';
import { MemoryPanels } from './memoryPanels';

export interface MemoryViews {
  /** Opens a recording's memory timeline and allocation profile beside its CPU profile. */
  openRecorded(files: RecordedFiles): Promise<void>;
}

export function registerMemoryViews(context: vscode.ExtensionContext, recorder: RecordingController): MemoryViews {
  const memoryPanels = new MemoryPanels(context.extensionUri);
  const annotations = new AllocationAnnotations();
  const allocationPanels = new AllocationPanels(context.extensionUri, annotations);
  const editorOptions = { webviewOptions: { retainContextWhenHidden: true }, supportsMultipleEditorsPerDocument: false };
  context.subscriptions.push(
    memoryPanels,
    allocationPanels,
    annotations,
    recorder.onDidStartLiveMemory((live) => memoryPanels.showLive(live)),
    vscode.window.registerCustomEditorProvider(MemoryPanels.editorViewType, memoryPanels, editorOptions),
    vscode.window.registerCustomEditorProvider(AllocationPanels.editorViewType, allocationPanels, editorOptions),
  );
  return {
    async openRecorded(files) {
      // The allocation profile first, so the timeline (which replaces the live panel) ends up in front.
      if (files.allocationsFile) await allocationPanels.open(files.allocationsFile);
      if (files.memoryFile) await memoryPanels.openSaved(files.memoryFile);
    },
  };
}
