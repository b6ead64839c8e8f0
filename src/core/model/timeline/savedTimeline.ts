/**
 * The memory timeline as FlameLens saves it (`<name>.memory.json`) and as the sampler hands
 * it over: the whole session, downsampled when long (see timelineStore.ts). Units are bytes
 * and ms since the recording started.
 *
 * Its shape is the one the timeline view receives, so it is declared once, in the protocol
 * (src/protocol/timeline/views.ts), and the engine uses it under its own names. That direction
 * (the engine importing the protocol, not the reverse) keeps src/protocol free of the engine's
 * node: imports: the webview is type-checked against src/protocol alone.
 */
import type { MemoryTimelineDto } from '../../../protocol/timeline/views';

export type {
  GcKindName as GcKind,
  GcMarkDto as GcMark,
  MemoryCapabilitiesDto as MemoryCapabilities,
  MemorySampleDto as MemorySample,
  MemoryTimelineDto as MemoryTimeline,
} from '../../../protocol/timeline/views';

export interface SavedMemoryTimeline extends MemoryTimelineDto {
  readonly version: 1;
}

export const memoryTimelineVersion = 1;
