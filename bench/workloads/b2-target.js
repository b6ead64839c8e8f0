'use strict';
/**
 * B2's target: holds about `<MiB>` of object-dense heap (small objects linking to each other,
 * short strings, a few arrays — the shape of a service's caches), opens its inspector on
 * 127.0.0.1 (random port) and prints `B2-TARGET {"url", "heapUsedMiB", "objects"}`.
 * Then it obeys lines on stdin:
 *   write <file>  → v8.writeHeapSnapshot(file) in-process, prints `B2-WRITTEN {"ms","bytes"}`
 *   quit          → exits
 * The heap is built from a fixed seed, so every run of a size holds the same objects.
 */
const fs = require('node:fs');
const inspector = require('node:inspector');
const readline = require('node:readline');
const v8 = require('node:v8');
const { performance } = require('node:perf_hooks');
const { prng } = require('../lib');

const targetBytes = Number(process.argv[2] || 125) * 2 ** 20;
const random = prng(0xb2);

class Customer {
  constructor(id) {
    this.id = id;
    this.name = 'customer-' + (id % 5000);
    this.orders = [];
  }
}
class Order {
  constructor(id, customer) {
    this.id = id;
    this.customer = customer;
    this.total = Math.floor(random() * 10000) / 100;
    this.lines = [];
  }
}
class OrderLine {
  constructor(sku, quantity) {
    this.sku = sku;
    this.quantity = quantity;
  }
}

const skus = Array.from({ length: 2000 }, (_, i) => 'sku-' + i.toString(36));
const customers = [];
// Reachable from the global object: a module-level const that no closure uses would be collected.
globalThis.b2Customers = customers;
let objects = 0;
for (let id = 0; process.memoryUsage().heapUsed < targetBytes; id++) {
  // Check the heap only now and then: memoryUsage() is not free.
  for (let n = 0; n < 1000; n++, id++) {
    const customer = new Customer(id);
    customers.push(customer);
    const orderCount = 1 + Math.floor(random() * 4);
    for (let o = 0; o < orderCount; o++) {
      const order = new Order(id * 8 + o, customer);
      const lineCount = 1 + Math.floor(random() * 5);
      for (let l = 0; l < lineCount; l++) order.lines.push(new OrderLine(skus[Math.floor(random() * skus.length)], 1 + l));
      customer.orders.push(order);
      objects += 2 + lineCount;
    }
    objects += 2;
  }
}

inspector.open(0, '127.0.0.1', false);
const heapUsedMiB = Math.round((process.memoryUsage().heapUsed / 2 ** 20) * 10) / 10;
console.log(`B2-TARGET ${JSON.stringify({ url: inspector.url(), heapUsedMiB, objects, customers: customers.length })}`);

readline.createInterface({ input: process.stdin }).on('line', (line) => {
  const [command, ...rest] = line.trim().split(' ');
  if (command === 'write') {
    const file = rest.join(' ');
    const started = performance.now();
    v8.writeHeapSnapshot(file);
    const ms = performance.now() - started;
    console.log(`B2-WRITTEN ${JSON.stringify({ ms, bytes: fs.statSync(file).size })}`);
  } else if (command === 'quit') {
    process.exit(0);
  }
});
