'use strict';
/**
 * The samples of a generated profile: every leaf sampled at least once, heavy-tailed self time,
 * the spec's share of repeated stacks, ~1 ms intervals with jitter and the odd long gap.
 */
const { prng, lowerBound, shuffle } = require('../../lib');

const IDLE_SHARE = 0.15;
const PROGRAM_SHARE = 0.03;
const GC_SHARE = 0.03;

function makeSamples(tree, spec) {
  const random = prng(spec.sampleSeed);
  const { count, parent, fixed } = tree;
  const S = spec.samples;
  // Which samples start a new stack: each one with probability (1 - repetition).
  const starts = new Uint8Array(S);
  starts[0] = 1;
  let runs = 1;
  for (let i = 1; i < S; i++) {
    if (random() >= spec.repetition) {
      starts[i] = 1;
      runs++;
    }
  }

  const isLeaf = new Uint8Array(count).fill(1);
  for (let i = 1; i < count; i++) isLeaf[parent[i]] = 0;
  // Self-time weight: heavy-tailed (log-normal), mostly on leaves.
  const weights = new Float64Array(count);
  let total = 0;
  for (let i = 4; i < count; i++) {
    const g = Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random());
    total += weights[i] = (isLeaf[i] ? 1 : 0.05) * Math.exp(1.6 * g);
    weights[i] = total;
  }
  const picks = [];
  for (let i = 4; i < count; i++) if (isLeaf[i]) picks.push(i);
  if (picks.length > runs) throw new Error(`${picks.length} leaves but only ${runs} stacks: every leaf cannot be sampled`);
  while (picks.length < runs) {
    const u = random();
    if (u < IDLE_SHARE) picks.push(fixed.idle);
    else if (u < IDLE_SHARE + PROGRAM_SHARE) picks.push(fixed.program);
    else if (u < IDLE_SHARE + PROGRAM_SHARE + GC_SHARE) picks.push(fixed.gc);
    else picks.push(lowerBound(weights, random() * total));
  }
  shuffle(picks, random);
  // A new stack should differ from the previous one; swap away the rare equal neighbours.
  for (let i = 1; i < picks.length; i++) {
    if (picks[i] !== picks[i - 1]) continue;
    for (let attempt = 0; attempt < 10; attempt++) {
      const j = 1 + Math.floor(random() * (picks.length - 1));
      if (picks[j] !== picks[i - 1] && picks[j - 1] !== picks[i] && (j + 1 >= picks.length || picks[j + 1] !== picks[i])) {
        [picks[i], picks[j]] = [picks[j], picks[i]];
        break;
      }
    }
  }

  const samples = new Int32Array(S);
  const deltas = new Int32Array(S);
  const hits = new Int32Array(count);
  let at = -1;
  for (let i = 0; i < S; i++) {
    if (starts[i]) at++;
    samples[i] = picks[at];
    hits[picks[at]]++;
    // ~1 ms interval with jitter; now and then a long gap (a blocked main thread).
    const g = Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random());
    deltas[i] = i === 0 ? 1870 : random() < 0.004 ? 2000 + Math.floor(random() * 6000) : Math.max(50, Math.round(1010 + 60 * g));
  }
  let repeated = 0;
  for (let i = 1; i < S; i++) if (samples[i] === samples[i - 1]) repeated++;
  return { samples, deltas, hits, repetition: repeated / (S - 1), runs };
}

module.exports = { makeSamples };
