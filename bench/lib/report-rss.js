'use strict';
/**
 * Preloaded with `node -r bench/lib/report-rss.js` into a process the benchmark cannot otherwise
 * measure (the flamelens CLI: Node gives no child rusage, and /usr/bin/time would fold in
 * the profiled grandchild). At exit it writes its own peak RSS to stderr as
 * `BENCH-RSS {"maxRssKiB":…}`. `-r` on the command line is not inherited by the programs the
 * CLI launches, so only the CLI itself reports.
 */
const fs = require('node:fs');

process.on('exit', () => {
  fs.writeSync(2, `\nBENCH-RSS ${JSON.stringify({ maxRssKiB: process.resourceUsage().maxRSS })}\n`);
});
