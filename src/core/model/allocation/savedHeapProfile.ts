/**
 * The .heapprofile file: V8's sampling heap profile ({ head, samples }), what `node --heap-prof`
 * and Chrome DevTools write, plus what FlameLens adds so a saved file stays meaningful after the
 * target is gone:
 * - `$vscode`: each distinct call frame's original location (source-mapped, 1-based), nodes
 *   pointing at it by `locationId` — the same convention as our .cpuprofile files;
 * - `$flamelens`: how it was recorded (the sampling interval, whether garbage is included).
 * Other tools ignore both.
 */
import type { Protocol } from 'devtools-protocol';
import type { VsCodeAnnotations } from '../cpu/savedProfile';

export interface HeapProfileNode {
  readonly id: number;
  readonly callFrame: Protocol.Runtime.CallFrame;
  /** Bytes allocated by this node itself (V8's estimate from the samples). */
  readonly selfSize: number;
  readonly children: readonly HeapProfileNode[];
  readonly locationId?: number;
}

export interface HeapProfileRecording {
  readonly version: 1;
  readonly samplingIntervalBytes?: number;
  /** True when objects that were collected again are counted (bytes allocated, not bytes live). */
  readonly includesCollected?: boolean;
}

export interface SavedHeapProfile {
  readonly head: HeapProfileNode;
  readonly samples: readonly Protocol.HeapProfiler.SamplingHeapProfileSample[];
  readonly $vscode?: VsCodeAnnotations;
  readonly $flamelens?: HeapProfileRecording;
}
