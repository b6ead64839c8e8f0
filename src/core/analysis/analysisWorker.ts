/**
 * Worker-thread entry: holds open profiles and answers questions about them, so parsing and
 * model building of big profiles never blocks the extension host. Receives file paths, not bytes.
 */
import type { AnalysisWorkerApi } from './analysisProtocol';
import { ProfileAnalysis } from './profileAnalysis';
import { callMethod, OpenHandles, serveWorker } from './workerHost';

const profiles = new OpenHandles<ProfileAnalysis>('that profile is closed');

serveWorker<AnalysisWorkerApi>({
  open: async ([file]) => profiles.add(await ProfileAnalysis.open(file)),
  close: ([handle]) => {
    profiles.delete(handle);
    return null;
  },
  call: ([handle, method, args]) => callMethod(profiles.get(handle), method, args),
});
