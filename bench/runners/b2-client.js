'use strict';
/**
 * B2's capturing client, one capture per process so its peak RSS is its own:
 *   node b2-client.js capture <ws-url> <out>           FlameLens' captureHeapSnapshot to <out>
 *   node b2-client.js capture+progress <ws-url> <out>  the same with an onProgress listener, as the CLI
 *                                                      and the extension run it (V8 then reports progress)
 *   node b2-client.js capture+parse <ws-url> <out>     the same, feeding every chunk to the streaming
 *                                                      heap parser; clock stops when the summary is ready
 *   node b2-client.js parse-file <file>                analyzeHeapSnapshotFile after the fact (for contrast)
 * Prints `B2-CLIENT {"connectMs","captureMs","summaryMs"?,"bytes","maxRssKiB"}`. The engine is
 * loaded from out/ (build first).
 */
const path = require('node:path');
const { performance } = require('node:perf_hooks');
const { ROOT } = require('../lib');

const out = (...parts) => path.join(ROOT, 'out', 'src', 'core', ...parts);

/** The streaming heap parser (src/core/model/heap), or undefined while it is not built yet. */
function heapModel() {
  try {
    return { ...require(out('model', 'heap', 'heapSnapshotParser.js')), ...require(out('model', 'heap', 'heapAnalysis.js')) };
  } catch (error) {
    if (error.code === 'MODULE_NOT_FOUND') return undefined;
    throw error;
  }
}

async function capture(url, file, { parse = false, progress = false } = {}) {
  const { connectInspector } = require(out('inspector', 'session.js'));
  const { captureHeapSnapshot } = require(out('capture', 'heapSnapshot.js'));
  const model = parse ? heapModel() : undefined;
  if (parse && !model) throw new Error('src/core/model/heap is not built');
  const t0 = performance.now();
  const session = await connectInspector(url);
  const t1 = performance.now();
  const parser = model ? new model.HeapSnapshotParser() : undefined;
  const saved = await captureHeapSnapshot(session, {
    out: file,
    onChunk: parser ? (chunk) => parser.write(chunk) : undefined,
    onProgress: progress ? () => undefined : undefined,
  });
  const t2 = performance.now();
  await session.close();
  let summaryMs;
  let summary;
  if (parser) {
    const graph = await parser.end(file);
    summary = await model.analyzeHeapGraph(graph).summary();
    summaryMs = performance.now() - t1;
  }
  return { connectMs: t1 - t0, captureMs: t2 - t1, summaryMs, bytes: saved.bytes, nodes: summary?.nodes };
}

async function parseFile(file) {
  const model = heapModel();
  if (!model) throw new Error('src/core/model/heap is not built');
  const t0 = performance.now();
  const analysis = await model.analyzeHeapSnapshotFile(file);
  const summary = await (typeof analysis?.summary === 'function' ? analysis.summary() : analysis);
  return { summaryMs: performance.now() - t0, nodes: summary?.nodes };
}

async function main([mode, ...args]) {
  const result =
    mode === 'parse-file'
      ? await parseFile(args[0])
      : await capture(args[0], args[1], { parse: mode === 'capture+parse', progress: mode === 'capture+progress' });
  console.log('B2-CLIENT ' + JSON.stringify({ ...result, maxRssKiB: process.resourceUsage().maxRSS }));
}

module.exports = { heapModel };

if (require.main === module) {
  main(process.argv.slice(2)).catch((error) => {
    console.error(error.stack ?? error);
    process.exitCode = 1;
  });
}
