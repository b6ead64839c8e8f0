/**
 * The standalone HTML report: one file that opens offline from file://, with d3,
 * d3-flame-graph and the data inlined. (Browser-side code lives in media/report/.)
 */
import type { FlameFrame } from '../model/flame/flameTree';
import type { CpuSummary } from './jsonSummary';

export interface HtmlReportInput {
  /** What was profiled, e.g. "node server.js" or a file name. */
  readonly title: string;
  /** ISO date of the recording. */
  readonly recordedAt: string;
  readonly summary: CpuSummary;
  readonly flame: FlameFrame;
}

/** Renders the report as a complete HTML document. */
export function renderHtmlReport(input: HtmlReportInput): string {
  throw new Error('not implemented yet: ' + input.title);
}
