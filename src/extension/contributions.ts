/**
 * Every id FlameLens gives VS Code, named once (as js-debug's contributionUtils does): commands,
 * custom editors, webview panels and context keys. package.json must use the same ids, and a unit
 * test checks that it does — so this file never imports vscode. The ids are public (keybindings,
 * settings.json, other extensions use them): they never change.
 */
export const Commands = {
  profileProcess: 'flamelens.profileProcess',
  stopProfiling: 'flamelens.stopProfiling',
  cancelProfiling: 'flamelens.cancelProfiling',
  openProfile: 'flamelens.openProfile',
  showFlamegraph: 'flamelens.showFlamegraph',
  toggleAnnotations: 'flamelens.toggleAnnotations',
  showFunction: 'flamelens.showFunction',
  openLocation: 'flamelens.openLocation',
  takeHeapSnapshot: 'flamelens.takeHeapSnapshot',
  findMemoryLeak: 'flamelens.findMemoryLeak',
  compareHeapSnapshots: 'flamelens.compareHeapSnapshots',
  deleteOldRecordings: 'flamelens.deleteOldRecordings',
} as const;

export type CommandId = (typeof Commands)[keyof typeof Commands];

/**
 * The read-only custom editors, by the kind of file they show. The patterns VS Code's built-in
 * table viewer also claims start with `**` + `/`: VS Code gives a tie between two default editors
 * to the longer pattern (see defaultEditor.ts).
 */
export const CustomEditors = {
  profile: { viewType: 'flamelens.cpuProfile', filenamePattern: '**/*.cpuprofile' },
  heapSnapshot: { viewType: 'flamelens.heapSnapshot', filenamePattern: '**/*.heapsnapshot' },
  timeline: { viewType: 'flamelens.memoryTimeline', filenamePattern: '*.memory.json' },
  allocation: { viewType: 'flamelens.heapProfile', filenamePattern: '**/*.heapprofile' },
} as const;

export type EditorKind = keyof typeof CustomEditors;

/** Webview panels that are not editors of a file (not in package.json). */
export const WebviewPanels = {
  liveTimeline: 'flamelens.liveMemory',
  heapComparison: 'flamelens.heapComparison',
} as const;

/** Context keys for `when` clauses in package.json. */
export const ContextKeys = {
  recording: 'flamelens.recording',
  hasProfile: 'flamelens.hasProfile',
} as const;

/** Status bar items (users can hide them by id). */
export const StatusBarItems = {
  recording: 'flamelens.recording',
} as const;
