/** `flamelens heap <file.heapsnapshot>`: what a snapshot holds, per constructor. */
import { badInput } from '../../core/errors';
import { analyzeHeapSnapshotFile } from '../../core/model/heap/heapAnalysis';
import { formatHeapSummary, heapSummaryJson } from '../../core/report/heapText';
import { commonFlags, parseFlags, positiveCount } from '../options';
import { writeJsonFile, type Console } from '../outputs';

export const heapUsage = `flamelens heap <file.heapsnapshot> [--json <summary.json>] [--top <n>]

Summarises a heap snapshot (from "flamelens snapshot", Chrome DevTools or v8.writeHeapSnapshot):
count, shallow and retained size per constructor, largest retained size first.`;

export async function heap(args: string[], console: Console): Promise<void> {
  const { values, positionals } = parseFlags('heap', args, { json: { type: 'string' }, top: { type: 'string' }, ...commonFlags });
  if (values.help) return console.out(heapUsage);
  if (positionals.length !== 1) throw badInput('Name one .heapsnapshot file. Example: flamelens heap before.heapsnapshot --top 20');
  const top = values.top === undefined ? 20 : positiveCount('--top', values.top);
  const analysis = await analyzeHeapSnapshotFile(positionals[0]);
  try {
    if (values.json) {
      await writeJsonFile(values.json, heapSummaryJson(analysis.summary()));
      console.info(`Summary saved to ${values.json}`);
    }
    console.out(formatHeapSummary(analysis.summary(top)));
  } finally {
    analysis.dispose();
  }
}
