/**
 * Worker-thread entry: holds open profiles and answers questions about them, so parsing and
 * model building of big profiles never blocks the extension host. Receives file paths, not bytes.
 */
import { parentPort } from 'node:worker_threads';
import { FlameLensError } from '../errors';
import type { AnalysisRequest, AnalysisResponse } from './analysisProtocol';
import { ProfileAnalysis } from './profileAnalysis';

const open = new Map<number, ProfileAnalysis>();
let nextHandle = 1;

async function handle(request: AnalysisRequest): Promise<unknown> {
  switch (request.kind) {
    case 'open': {
      const analysis = await ProfileAnalysis.open(request.file);
      const handle = nextHandle++;
      open.set(handle, analysis);
      return handle;
    }
    case 'close':
      open.delete(request.handle);
      return null;
    case 'call': {
      const analysis = open.get(request.handle);
      if (!analysis) throw new Error('that profile is closed');
      return (analysis[request.method] as (...args: unknown[]) => unknown)(...request.args);
    }
  }
}

parentPort?.on('message', (request: AnalysisRequest) => {
  handle(request).then(
    (result) => parentPort!.postMessage({ id: request.id, ok: true, result } satisfies AnalysisResponse),
    (error: unknown) =>
      parentPort!.postMessage({
        id: request.id,
        ok: false,
        message: error instanceof Error ? error.message : String(error),
        kind: error instanceof FlameLensError ? error.kind : 'target-failed',
      } satisfies AnalysisResponse),
  );
});
