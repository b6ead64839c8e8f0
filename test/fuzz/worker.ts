// A child process that runs fuzz cases in order and reports each one before and after it runs,
// so the parent can tell which case hung or crashed the process (and kill it).
import { runCase } from './cases';
import { loadSeeds } from './seeds';
import type { Format } from './seeds';

export interface WorkerJob {
  readonly cases: ReadonlyArray<{ readonly format: Format; readonly index: number }>;
  readonly runSeed: number;
  readonly root: string;
}

export type WorkerMessage =
  { readonly type: 'start'; readonly at: number } | { readonly type: 'done'; readonly at: number; readonly result: import('./cases').CaseResult };

process.once('message', (job: WorkerJob) => {
  void (async () => {
    await loadSeeds();
    for (let at = 0; at < job.cases.length; at++) {
      const { format, index } = job.cases[at];
      process.send!({ type: 'start', at } satisfies WorkerMessage);
      const result = await runCase(format, index, job.runSeed, job.root);
      await new Promise<void>((resolve) => process.send!({ type: 'done', at, result } satisfies WorkerMessage, () => resolve()));
    }
    process.disconnect();
  })();
});
