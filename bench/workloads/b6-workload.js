'use strict';
/**
 * B6 target: a fixed amount of deterministic, CPU-bound JavaScript (~10 s plain on the
 * reference machine). It is NOT time-based: the same work every run, so any slowdown under a
 * profiler is overhead. The mix — object allocation, string building, floating-point math,
 * sorting with a comparator — spreads samples over several functions and call depths, the
 * way a real program's stacks look to a sampling profiler.
 *
 * Usage: node bench/workloads/b6-workload.js [rounds]
 * Prints one line: `B6-WORKLOAD {"workMs":…,"workCpuMs":…,"rounds":…,"checksum":…,"maxRssKiB":…}`.
 * workMs is measured around the work only, so a profiler's start-up and the writing of its
 * profile are not counted; the checksum proves every run did the same work.
 */
const fs = require('node:fs');
const { performance } = require('node:perf_hooks');

/** Calibrated for ~10 s on a 2-core CI-class machine with Node 20. */
const DEFAULT_ROUNDS = 870;

function prng(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

class Particle {
  constructor(x, y, vx, vy, mass) {
    this.x = x;
    this.y = y;
    this.vx = vx;
    this.vy = vy;
    this.mass = mass;
  }
}

/** Allocation + math: a short-lived swarm of objects stepped through a force field. */
function simulate(random) {
  const particles = [];
  for (let i = 0; i < 3000; i++) particles.push(new Particle(random() * 100, random() * 100, random() - 0.5, random() - 0.5, 1 + random()));
  let energy = 0;
  for (let step = 0; step < 12; step++) energy += stepParticles(particles, step);
  return energy;
}

function stepParticles(particles, step) {
  let energy = 0;
  for (const p of particles) {
    const r = Math.sqrt(p.x * p.x + p.y * p.y) + 1;
    const force = Math.sin(r * 0.1 + step) / r;
    p.vx += force * p.x * 0.01;
    p.vy += force * p.y * 0.01;
    p.x += p.vx;
    p.y += p.vy;
    energy += 0.5 * p.mass * (p.vx * p.vx + p.vy * p.vy);
  }
  return energy;
}

/** String building and hashing: templates, concatenation, join, charCodeAt. */
function buildStrings(random) {
  const parts = [];
  for (let i = 0; i < 2500; i++) {
    const id = Math.floor(random() * 1e6);
    parts.push(`item-${id.toString(36)}:${(random() * 1000).toFixed(2)}`);
  }
  let text = '';
  for (let i = 0; i < parts.length; i += 50) text += parts.slice(i, i + 50).join('|') + '\n';
  return hashString(text);
}

function hashString(text) {
  let h = 2166136261;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 16777619);
  return h >>> 0;
}

/** Sorting records with a two-key comparator (a frequent hot spot in real programs). */
function sortRecords(random) {
  const records = [];
  for (let i = 0; i < 6000; i++) records.push({ group: Math.floor(random() * 50), name: 'n' + Math.floor(random() * 1e5), value: random() });
  records.sort(compareRecords);
  let sum = 0;
  for (let i = 0; i < records.length; i += 97) sum += records[i].value * (i + 1);
  return sum;
}

function compareRecords(a, b) {
  return a.group - b.group || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0);
}

/** A map/reduce over a Map of counters: hashing, boxing and iteration. */
function countWords(random) {
  const counts = new Map();
  for (let i = 0; i < 20000; i++) {
    const word = 'w' + Math.floor(Math.pow(random(), 3) * 2000);
    counts.set(word, (counts.get(word) ?? 0) + 1);
  }
  let best = 0;
  for (const value of counts.values()) if (value > best) best = value;
  return best + counts.size;
}

function round(index) {
  const random = prng(0xb6 + index);
  return simulate(random) + buildStrings(random) + sortRecords(random) + countWords(random);
}

/**
 * CPU time of this process's main (JavaScript) thread, in ms, from /proc (Linux; 10 ms ticks,
 * fine over ~10 s). Unlike elapsed time it does not grow when other processes on a shared
 * machine take the CPU away, yet it does include what a profiler makes the main thread do
 * (signal handling, stack walks, inspector messages); the profiler's own threads are not in it.
 */
function mainThreadCpuMs() {
  try {
    const stat = fs.readFileSync(`/proc/self/task/${process.pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) * 10; // utime + stime, in ticks of 1/100 s
  } catch {
    return undefined;
  }
}

function main() {
  const rounds = Number(process.argv[2] ?? DEFAULT_ROUNDS);
  const cpuStarted = mainThreadCpuMs();
  const started = performance.now();
  let checksum = 0;
  for (let i = 0; i < rounds; i++) checksum = (checksum + Math.floor(round(i) * 1000)) % 2147483647;
  const workMs = performance.now() - started;
  const cpuEnded = mainThreadCpuMs();
  const workCpuMs = cpuStarted === undefined || cpuEnded === undefined ? undefined : cpuEnded - cpuStarted;
  const report = { workMs, workCpuMs, rounds, checksum, maxRssKiB: process.resourceUsage().maxRSS };
  console.log('B6-WORKLOAD ' + JSON.stringify(report));
}

main();
