'use strict';
/**
 * B8 target: an order service's work without the network — a fixed number of orders, each
 * creating audit records (the last few thousand kept, the rest garbage) and short-lived line
 * objects, in batches with an event-loop turn between them, as a server handles requests. The
 * allocation rate and GC churn are a server's, which is what memory sampling could disturb.
 *
 * Usage: node [--inspect=127.0.0.1:0] bench/workloads/b8-workload.js [orders]
 *        node [--inspect=127.0.0.1:0] bench/workloads/b8-workload.js idle <seconds>
 * Waits for a line on stdin before it starts (so the benchmark can install its samplers first),
 * prints `B8-WORKLOAD {"workMs":…,"workCpuMs":…,"orders":…,"checksum":…,"maxRssKiB":…}`, then
 * exits when stdin closes. The idle mode does nothing for <seconds> and reports the CPU the
 * process used meanwhile (`B8-IDLE {"ms":…,"cpuUs":…,"mainThreadCpuMs":…}`): with nothing else
 * running, that is what sampling itself costs, free of the noise of a shared machine.
 */
const fs = require('node:fs');
const { performance } = require('node:perf_hooks');

const DEFAULT_ORDERS = 80_000;
const ORDERS_PER_TURN = 100;

class AuditRecord {
  constructor(orderId, index) {
    this.orderId = orderId;
    this.at = 'order ' + orderId + ' #' + index;
    this.note = `order ${orderId} line ${index} checked by pricing`;
    this.tags = ['audit', 'order-' + orderId];
  }
}

const recentAudits = [];

function handleOrder(orderId, records) {
  for (let i = 0; i < records; i++) recentAudits.push(new AuditRecord(orderId, i));
  if (recentAudits.length > 5000) recentAudits.splice(0, recentAudits.length - 5000);
  const lines = [];
  for (let i = 0; i < 200; i++) lines.push({ sku: 'sku-' + ((orderId + i) % 997), qty: i % 7, price: i * 1.5 });
  return lines.reduce((sum, line) => sum + line.qty * line.price, 0) + recentAudits.length;
}

/** CPU time of the main (JavaScript) thread, ms, from /proc (Linux); see b6-workload.js. */
function mainThreadCpuMs() {
  try {
    const stat = fs.readFileSync(`/proc/self/task/${process.pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) * 10;
  } catch {
    return undefined;
  }
}

function work(orders) {
  return new Promise((resolve) => {
    let next = 1;
    let checksum = 0;
    const turn = () => {
      const until = Math.min(orders + 1, next + ORDERS_PER_TURN);
      for (; next < until; next++) checksum = (checksum + Math.floor(handleOrder(next, 20))) % 2147483647;
      if (next <= orders) setImmediate(turn);
      else resolve(checksum);
    };
    turn();
  });
}

async function idle(seconds) {
  await new Promise((resolve) => process.stdin.once('data', resolve));
  const cpu = process.cpuUsage();
  const main = mainThreadCpuMs();
  const started = performance.now();
  await new Promise((resolve) => setTimeout(resolve, seconds * 1000));
  const used = process.cpuUsage(cpu);
  const mainEnded = mainThreadCpuMs();
  const report = { ms: performance.now() - started, cpuUs: used.user + used.system, mainThreadCpuMs: main === undefined ? undefined : mainEnded - main };
  console.log('B8-IDLE ' + JSON.stringify(report));
  process.stdin.resume();
  process.stdin.once('end', () => process.exit(0));
}

async function main() {
  if (process.argv[2] === 'idle') return idle(Number(process.argv[3] ?? 10));
  const orders = Number(process.argv[2] ?? DEFAULT_ORDERS);
  await new Promise((resolve) => process.stdin.once('data', resolve));
  const cpuStarted = mainThreadCpuMs();
  const started = performance.now();
  const checksum = await work(orders);
  const workMs = performance.now() - started;
  const cpuEnded = mainThreadCpuMs();
  const workCpuMs = cpuStarted === undefined || cpuEnded === undefined ? undefined : cpuEnded - cpuStarted;
  console.log('B8-WORKLOAD ' + JSON.stringify({ workMs, workCpuMs, orders, checksum, maxRssKiB: process.resourceUsage().maxRSS }));
  process.stdin.resume();
  process.stdin.once('end', () => process.exit(0));
}

main();
