'use strict';
/**
 * The extension host's part of showing a profile, in a process of its own (forked by the browser
 * benchmarks) so that its peak RSS — Node + the analysis worker thread, which shares the
 * process — is FlameLens' alone, not Playwright's.
 *
 * It does what src/extension/profile/profileView.ts does, through the same AnalysisClient
 * (out/, worker thread): open the file, post `profile/loaded` with the overview, then
 * `views/data` with flame + top-down roots + bottom-up functions; on `flame/expand`, post
 * `flame/subtree`. Messages for the webview go to the parent over IPC ({ post: message }).
 *
 * IPC in:  { cmd: 'open', file } | { cmd: 'expand', nodeId } | { cmd: 'flame', rootNode? } | { cmd: 'exit' }
 * IPC out: { post, phase, ms } per message for the webview; { opened: { startedAt, phases } };
 *          { flame, ms } for 'flame' (the pruned tree only, nothing posted); { exit: { maxRssKiB } }
 */
const path = require('node:path');
const { performance } = require('node:perf_hooks');
const { ROOT } = require('../lib');

const { AnalysisClient } = require(path.join(ROOT, 'out/src/core/analysis/analysisClient.js'));

const client = new AnalysisClient();
let profile;

const epochNow = () => performance.timeOrigin + performance.now();

async function open(file) {
  const startedAt = epochNow();
  const t0 = performance.now();
  profile = await client.open(file);
  const t1 = performance.now();
  const overview = await profile.call('overview');
  const t2 = performance.now();
  process.send({ post: { type: 'profile/loaded', overview } });
  const [flame, roots, functions] = await Promise.all([profile.call('flame', null), profile.call('treeChildren', null, 0), profile.call('functions', null)]);
  const t3 = performance.now();
  const views = { type: 'views/data', range: null, flame, roots, functions };
  process.send({ post: views });
  process.send({
    opened: {
      startedAt,
      phases: { openMs: t1 - t0, overviewMs: t2 - t1, viewsMs: t3 - t2 },
      flameFrames: countFrames(flame),
      viewsBytes: JSON.stringify(views).length,
    },
  });
}

function countFrames(frame) {
  let count = 0;
  const stack = [frame];
  while (stack.length > 0) {
    const f = stack.pop();
    count++;
    stack.push(...f.children);
  }
  return count;
}

process.on('message', (message) => {
  const work = (async () => {
    switch (message.cmd) {
      case 'open':
        return open(message.file);
      case 'expand': {
        const t0 = performance.now();
        const frame = await profile.call('flame', null, message.nodeId);
        return process.send({ post: { type: 'flame/subtree', frame }, ms: performance.now() - t0 });
      }
      case 'flame': {
        const t0 = performance.now();
        const flame = await profile.call('flame', null, message.rootNode);
        return process.send({ flame, ms: performance.now() - t0, frames: countFrames(flame) });
      }
      case 'exit':
        process.send({ exit: { maxRssKiB: process.resourceUsage().maxRSS } }, () => process.disconnect());
        return undefined;
    }
  })();
  work.catch((error) => {
    process.send({ error: String(error?.stack ?? error) });
  });
});
// A host whose benchmark has gone (ended, or was killed) ends too.
process.on('disconnect', () => {
  client.dispose();
  process.exit(0);
});
process.send({ ready: true });
