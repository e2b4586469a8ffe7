import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll } from 'vitest';

export interface Received {
  headers: Record<string, string>;
  body: string;
  path: string;
}

/** How the receiver answers its n-th request (0-based); by default 204. */
export type Answer = (request: Received, n: number, response: ServerResponse) => void;

/**
 * A real HTTP receiver for webhooks on a loopback port, recording every request it gets and
 * answering as told. Closed (hanging connections too) after the file's tests.
 */
export async function startReceiver(answer: Answer = (_r, _n, res) => res.writeHead(204).end()) {
  const received: Received[] = [];
  const server = createServer((req: IncomingMessage, res) => {
    let body = '';
    req.on('data', (chunk: Buffer) => (body += chunk.toString()));
    req.on('end', () => {
      const request: Received = { headers: req.headers as Record<string, string>, body, path: req.url ?? '' };
      received.push(request);
      answer(request, received.length - 1, res);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  afterAll(() => {
    server.closeAllConnections();
    return new Promise<void>((resolve) => server.close(() => resolve()));
  });
  const port = (server.address() as AddressInfo).port;
  return { server, received, port, url: `http://127.0.0.1:${port}/hook` };
}
