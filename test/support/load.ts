// Sends orders to a fixture server (leaky-server.js / stable-server.js), the way a load test would.
import * as http from 'node:http';

/** Sends `orders` requests of `recordsPerOrder` records each, `concurrency` at a time. */
export async function sendOrders(port: number, orders: number, recordsPerOrder = 50, concurrency = 4): Promise<void> {
  let sent = 0;
  const worker = async () => {
    while (sent < orders) {
      sent++;
      await getOnce(`http://127.0.0.1:${port}/order?n=${recordsPerOrder}`);
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
}

function getOnce(url: string): Promise<void> {
  return new Promise((resolve, reject) => {
    http
      .get(url, (response) => {
        response.resume();
        response.on('end', () => resolve());
      })
      .on('error', reject);
  });
}

/** The port a fixture server printed as `ready <port>`. */
export function portFrom(readyLine: string): number {
  const port = Number(/ready (\d+)/.exec(readyLine)?.[1]);
  if (!port) throw new Error(`no port in "${readyLine}"`);
  return port;
}
