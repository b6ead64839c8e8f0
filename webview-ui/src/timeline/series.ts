// The five memory series the timeline draws, in the user's words, with the CSS class that
// gives each its theme colour (timeline.css).
import type { MemorySampleDto } from '../../../src/protocol/timeline/views';

export type SeriesKey = 'heapUsed' | 'heapTotal' | 'rss' | 'external' | 'arrayBuffers';

export interface Series {
  readonly key: SeriesKey;
  readonly label: string;
  /** What it is, for the legend button's tooltip. */
  readonly description: string;
}

export const memorySeries: readonly Series[] = [
  { key: 'heapUsed', label: 'Heap used', description: 'JavaScript objects on the V8 heap (live and not yet collected)' },
  { key: 'heapTotal', label: 'Heap total', description: 'Memory V8 has reserved for its heap' },
  { key: 'rss', label: 'RSS', description: 'Resident set size: all memory the process holds in RAM' },
  { key: 'external', label: 'External', description: 'Memory of C++ objects bound to JavaScript objects (Buffers included)' },
  { key: 'arrayBuffers', label: 'Array buffers', description: 'ArrayBuffers and SharedArrayBuffers, Buffers included' },
];

export function valueOf(sample: MemorySampleDto, key: SeriesKey): number {
  return sample[key];
}
