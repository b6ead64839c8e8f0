/**
 * What src/core/report/htmlReport.ts embeds in the page (#flamelens-data), in the profile view's
 * own DTOs: the recording's figures, the hottest functions and lines, and the flamegraph. Types
 * only (Node tests import them); test/unit/report/htmlReport.test.ts checks at compile time that
 * what htmlReport.ts embeds is this, so the two cannot drift apart.
 */
import type { FlameFrameDto } from '../../../src/protocol/shared/views';
import type { FunctionRowDto, ProfileOverviewDto } from '../../../src/protocol/profile/views';

export interface ReportData {
  /** What was profiled, e.g. "node server.js" or a file name. */
  readonly title: string;
  /** ISO date of the recording. */
  readonly recordedAt: string;
  readonly recording: Pick<ProfileOverviewDto, 'durationMs' | 'samples' | 'intervalUs' | 'byCategory'>;
  /** By self time; `location` is absent for native code. */
  readonly hotFunctions: ReadonlyArray<Omit<FunctionRowDto, 'key'>>;
  readonly hotLines: ReadonlyArray<ReportLineRow>;
  readonly flame: FlameFrameDto;
}

export type ReportRecording = ReportData['recording'];
export type ReportLineRow = Pick<FunctionRowDto, 'location' | 'selfMs' | 'selfPct'>;
