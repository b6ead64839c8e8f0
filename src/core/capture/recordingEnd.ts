/**
 * What the user is told when the program ended during a recording rather than being stopped:
 * how long it had been recorded and what was kept, in one sentence the CLI and VS Code share.
 */
import { formatDuration } from '../../format';

/** What `recordingEndNote` needs of a recording. */
export interface RecordingEnd {
  readonly endedBy: 'stop' | 'program-ended';
  readonly endSignal?: string;
  /** The saved profile's times (µs), to say how long was recorded. */
  readonly profile: { readonly startTime: number; readonly endTime: number };
}

/**
 * "The process was ended by SIGTERM after 12.3 s of recording; its profile up to then is kept."
 * Undefined when the recording was stopped (nothing was cut short).
 */
export function recordingEndNote(recording: RecordingEnd, who: 'process' | 'program', kept = 'its profile up to then is kept'): string | undefined {
  if (recording.endedBy !== 'program-ended') return undefined;
  const recordedMs = Math.max(0, (recording.profile.endTime - recording.profile.startTime) / 1000);
  const how = recording.endSignal ? `was ended by ${recording.endSignal}` : 'ended';
  return `The ${who} ${how} after ${formatDuration(recordedMs)} of recording; ${kept}.`;
}
