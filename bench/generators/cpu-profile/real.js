'use strict';
/** The real input: a `node --cpu-prof` recording of the B6 workload. */
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { BENCH_DIR, run } = require('../../lib');

/** A real profile: node --cpu-prof of the B6 workload, fewer rounds. */
async function recordReal(file, spec) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'flamelens-b3-real-'));
  try {
    await run(process.execPath, [
      '--cpu-prof',
      '--cpu-prof-interval',
      String(spec.intervalUs),
      '--cpu-prof-dir',
      dir,
      path.join(BENCH_DIR, 'workloads', 'b6-workload.js'),
      String(spec.workloadRounds),
    ]);
    const written = fs.readdirSync(dir).find((f) => f.endsWith('.cpuprofile'));
    fs.copyFileSync(path.join(dir, written), file);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
  const profile = JSON.parse(fs.readFileSync(file, 'utf8'));
  let repeated = 0;
  for (let i = 1; i < profile.samples.length; i++) if (profile.samples[i] === profile.samples[i - 1]) repeated++;
  return {
    nodes: profile.nodes.length,
    samples: profile.samples.length,
    repetition: repeated / Math.max(1, profile.samples.length - 1),
    durationS: (profile.endTime - profile.startTime) / 1e6,
  };
}

module.exports = { recordReal };
