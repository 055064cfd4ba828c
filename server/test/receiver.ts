/**
 * A real local HTTP webhook receiver for tests: answers each request as scripted ('200', '500',
 * '410', 'timeout', 'hold', …), records what arrived, and verifies signatures with the
 * standardwebhooks library the way a newsroom's site would.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Webhook } from 'standardwebhooks';

export interface Received {
  headers: Record<string, string>;
  body: string;
  answeredWith: string;
}

export interface Receiver {
  url: string;
  port: number;
  received: Received[];
  /** Responses for the next requests, in order; afterwards `fallback`. */
  script: string[];
  fallback: string;
  /** Answers the requests scripted 'hold' (kept open until now) with `status`. */
  release(status?: number): void;
  verify(secret: string, r: Received): unknown;
  close(): Promise<void>;
}

export async function startReceiver(port = 0, script: string[] = [], fallback = '200'): Promise<Receiver> {
  const received: Received[] = [];
  const hanging = new Set<() => void>();
  const held: ((status: number) => void)[] = [];
  const receiver = { received, script, fallback } as Receiver;
  const server: Server = createServer((req, res) => {
    let body = '';
    req.on('data', (c: Buffer) => (body += c.toString()));
    req.on('end', () => {
      const answer = receiver.script.shift() ?? receiver.fallback;
      const headers: Record<string, string> = {};
      for (const [k, v] of Object.entries(req.headers)) if (typeof v === 'string') headers[k] = v;
      received.push({ headers, body, answeredWith: answer });
      if (answer === 'timeout') {
        // Never answer; the sender must give up on its own.
        hanging.add(() => res.destroy());
        return;
      }
      if (answer === 'hold') {
        // Kept open until the test calls release().
        const destroy = () => res.destroy();
        hanging.add(destroy);
        held.push((status) => {
          hanging.delete(destroy);
          res.writeHead(status, { 'content-type': 'text/plain' });
          res.end('ok');
        });
        return;
      }
      res.writeHead(Number(answer), { 'content-type': 'text/plain' });
      res.end('ok');
    });
  });
  await new Promise<void>((r) => server.listen(port, '127.0.0.1', () => r()));
  receiver.port = (server.address() as AddressInfo).port;
  receiver.url = `http://127.0.0.1:${receiver.port}/hooks/copydesk`;
  receiver.release = (status = 200) => {
    for (const answer of held.splice(0)) answer(status);
  };
  receiver.verify = (secret, r) => new Webhook(secret).verify(r.body, r.headers);
  receiver.close = () =>
    new Promise<void>((r) => {
      for (const h of hanging) h();
      server.closeAllConnections();
      server.close(() => r());
    });
  return receiver;
}
