/**
 * The baseline of `npm run bench -- events-load`: node:http, read the body, JSON.parse it, answer
 * 202 with the count, as the events API answers. No framework, no validation, no database: what
 * is left of the engine's time is theirs. Run with `fork`; sends `{ port }` when listening.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';

const server = http.createServer((request, response) => {
  const chunks: Buffer[] = [];
  request.on('data', (chunk: Buffer) => chunks.push(chunk));
  request.on('end', () => {
    let events = 0;
    try {
      events = (JSON.parse(Buffer.concat(chunks).toString('utf8')) as { events: unknown[] }).events.length;
    } catch {
      response.writeHead(400).end();
      return;
    }
    const answer = JSON.stringify({ accepted: events, duplicates: 0 });
    response.writeHead(202, { 'content-type': 'application/json; charset=utf-8' }).end(answer);
  });
});
server.keepAliveTimeout = 5_000;
server.listen(0, '127.0.0.1', () => process.send?.({ port: (server.address() as AddressInfo).port }));
process.on('message', (message) => {
  if (message === 'stop') {
    server.closeAllConnections();
    server.close(() => process.exit(0));
  }
});
