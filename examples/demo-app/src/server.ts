// The demo service: an HTTP server on 127.0.0.1 and, for the demo, its own load generator.
// It serves orders for DEMO_SECONDS (default 3) and then shuts down by itself.
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import { handleOrder, sampleOrder } from './orders';

const server = http.createServer((request, response) => {
  let body = '';
  request.on('data', (chunk) => (body += chunk));
  request.on('end', () => {
    try {
      response.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(handleOrder(body)));
    } catch {
      response.writeHead(400).end();
    }
  });
});

async function generateLoad(port: number, until: number): Promise<number> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: 8 });
  let sent = 0;
  const worker = async () => {
    while (Date.now() < until) {
      await new Promise<void>((resolve, reject) => {
        const request = http.request({ port, host: '127.0.0.1', method: 'POST', path: '/orders', agent }, (response) => {
          response.resume().on('end', resolve);
        });
        request.on('error', reject);
        request.end(sampleOrder(sent++));
      });
    }
  };
  await Promise.all(Array.from({ length: 8 }, worker));
  agent.destroy();
  return sent;
}

server.listen(0, '127.0.0.1', async () => {
  const { port } = server.address() as AddressInfo;
  const seconds = Number(process.env.DEMO_SECONDS ?? 3);
  console.log(`demo service on http://127.0.0.1:${port}, serving load for ${seconds} s`);
  const served = await generateLoad(port, Date.now() + seconds * 1000);
  console.log(`served ${served} orders`);
  server.close();
});
