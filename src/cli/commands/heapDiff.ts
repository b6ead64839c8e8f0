/** `flamelens heap-diff <before> <after> [<final>]`: what grew between snapshots, and what holds it. */
import { badInput } from '../../core/errors';
import { analyzeHeapSnapshotFile, type HeapAnalysis } from '../../core/model/heap/heapAnalysis';
import { compareSnapshots } from '../../core/model/heap/heapDiff';
import { formatHeapDiff, heapDiffJson } from '../../core/report/heapText';
import { commonFlags, parseFlags, positiveCount } from '../options';
import { writeJsonFile, type Console } from '../outputs';

export const heapDiffUsage = `flamelens heap-diff <before.heapsnapshot> <after.heapsnapshot> [<final.heapsnapshot>] [--json <diff.json>] [--top <n>]

Compares snapshots of one process. Lists the objects that are new since the first snapshot and
still alive in the last (with three: allocated between the first two and still alive in the
third), each counted under the top-most new object that holds it, most bytes first, with the
chain of references that keeps one of them alive.`;

export async function heapDiff(args: string[], console: Console): Promise<void> {
  const { values, positionals } = parseFlags('heap-diff', args, { json: { type: 'string' }, top: { type: 'string' }, ...commonFlags });
  if (values.help) return console.out(heapDiffUsage);
  if (positionals.length < 2 || positionals.length > 3) {
    throw badInput('Name two or three .heapsnapshot files of the same process. Example: flamelens heap-diff before.heapsnapshot after.heapsnapshot');
  }
  const top = values.top === undefined ? 10 : positiveCount('--top', values.top);
  const analyses: HeapAnalysis[] = [];
  try {
    for (const file of positionals) analyses.push(await analyzeHeapSnapshotFile(file));
    const diff = compareSnapshots(analyses, { top: Math.max(top, 50) });
    if (values.json) {
      await writeJsonFile(values.json, heapDiffJson(diff));
      console.info(`Comparison saved to ${values.json}`);
    }
    console.out(formatHeapDiff(diff, top));
  } finally {
    analyses.forEach((a) => a.dispose());
  }
}
