'use strict';
/**
 * B1: one run of one tool on one snapshot, in a fresh `node --max-old-space-size=16384` process
 * (b1-runners.js), watched: its peak RSS from /proc, a timeout, and a stop when the machine runs
 * low on memory (others share it). Resolves to the runner's result or why it failed.
 */
const fs = require('node:fs');
const path = require('node:path');
const { spawn } = require('node:child_process');
const { BENCH_DIR } = require('../lib');

const RUNNER = path.join(BENCH_DIR, 'runners', 'b1-runners.js');
const HEAP_FLAG = '--max-old-space-size=16384';
const TIMEOUT_MS = 10 * 60_000;
/** Stop a run when the machine has less than this available (other processes share it). */
const MIN_AVAILABLE_MIB = 1024;

function procStatusKiB(pid, field) {
  try {
    const match = fs.readFileSync(`/proc/${pid}/status`, 'utf8').match(new RegExp(`^${field}:\\s+(\\d+) kB`, 'm'));
    return match ? Number(match[1]) : 0;
  } catch {
    return 0;
  }
}
function availableMiB() {
  try {
    return Number(fs.readFileSync('/proc/meminfo', 'utf8').match(/^MemAvailable:\s+(\d+) kB/m)[1]) / 1024;
  } catch {
    return Infinity;
  }
}

/** Why a run failed, in a few words, from its exit and stderr. */
function crashReason(code, signal, stderr, stoppedFor) {
  if (stoppedFor) return stoppedFor;
  const text = stderr || '';
  const panic = text.match(/panicked at [^\n]*\n([^\n]+)/);
  if (panic) return `WASM panic: ${panic[1].trim().slice(0, 140)}`;
  if (/JavaScript heap out of memory|Reached heap limit/.test(text)) return 'JS heap out of memory';
  if (/Invalid string length/.test(text)) return 'RangeError: Invalid string length';
  if (/Array buffer allocation failed|Cannot create a Buffer larger than|ERR_FS_FILE_TOO_LARGE/.test(text))
    return (text.match(/(RangeError[^\n]*|Error \[ERR_FS_FILE_TOO_LARGE\][^\n]*)/) || ['buffer allocation failed'])[0].slice(0, 140);
  if (/RuntimeError: ([^\n]+)/.test(text)) return `WASM ${text.match(/RuntimeError: ([^\n]+)/)[0].slice(0, 140)}`;
  if (signal === 'SIGKILL') return 'killed by SIGKILL (likely the kernel OOM killer)';
  if (signal) return `killed by ${signal}`;
  const lines = text
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l && !l.startsWith('at '));
  return `exit ${code}: ${(lines.find((l) => /Error/.test(l)) || lines[lines.length - 1] || 'no output').slice(0, 160)}`;
}

function runTool(tool, file) {
  return new Promise((resolve) => {
    const started = process.hrtime.bigint();
    const child = spawn(process.execPath, [HEAP_FLAG, RUNNER, tool, file], { cwd: BENCH_DIR, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    let stoppedFor;
    let hwmKiB = 0;
    child.stdout.setEncoding('utf8').on('data', (chunk) => (stdout += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk) => (stderr = (stderr + chunk).slice(-20000)));
    const stop = (reason) => {
      if (stoppedFor) return;
      stoppedFor = reason;
      child.kill('SIGKILL');
    };
    const watch = setInterval(() => {
      hwmKiB = Math.max(hwmKiB, procStatusKiB(child.pid, 'VmHWM'));
      const available = availableMiB();
      if (available < MIN_AVAILABLE_MIB)
        stop(`stopped: machine down to ${available.toFixed(0)} MiB available at ${(procStatusKiB(child.pid, 'VmRSS') / 1024).toFixed(0)} MiB RSS`);
    }, 250);
    const timer = setTimeout(() => stop('timeout'), TIMEOUT_MS);
    child.once('close', (code, signal) => {
      clearInterval(watch);
      clearTimeout(timer);
      const processMs = Number(process.hrtime.bigint() - started) / 1e6;
      const line = stdout.split('\n').find((l) => l.startsWith('B1-CHILD '));
      if (code === 0 && line && !stoppedFor) {
        resolve({ ok: true, processMs, ...JSON.parse(line.slice('B1-CHILD '.length)) });
      } else {
        resolve({
          ok: false,
          processMs,
          failure: stoppedFor === 'timeout' ? 'timeout' : `crashed (${crashReason(code, signal, stderr, stoppedFor)})`,
          peakRssMiB: hwmKiB / 1024,
        });
      }
    });
  });
}

module.exports = { runTool, HEAP_FLAG, TIMEOUT_MS };
