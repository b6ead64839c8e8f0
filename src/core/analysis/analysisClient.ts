/**
 * The extension host's side of the analysis worker: one worker for all open profiles, typed
 * questions about each (the methods of ProfileAnalysis named in AnalysisMethod).
 */
import * as path from 'node:path';
import type { AnalysisMethod, AnalysisWorkerApi } from './analysisProtocol';
import type { ProfileAnalysis } from './profileAnalysis';
import { openFile, OpenFile, WorkerClient } from './workerClient';

/** One profile open in the worker. */
export type OpenProfile = OpenFile<ProfileAnalysis, AnalysisMethod>;

export class AnalysisClient {
  private readonly worker = new WorkerClient<AnalysisWorkerApi>({
    // Next to this file both in out/ (tsc) and dist/ (webpack, where it is its own bundle).
    file: path.join(__dirname, 'analysisWorker.js'),
    crashed: (error) => `The profile analysis stopped unexpectedly (${error.message}); open the profile again.`,
    exited: 'The profile analysis stopped unexpectedly; open the profile again.',
  });

  /** Opens a profile in the worker; the result answers questions about it. */
  open(file: string): Promise<OpenProfile> {
    return openFile<ProfileAnalysis, AnalysisMethod>(this.worker, file);
  }

  dispose(): void {
    this.worker.dispose();
  }
}
