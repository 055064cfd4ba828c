/**
 * A real webhook receiver for the browser tests: an HTTP server on 127.0.0.1 (a free port) that
 * answers with `status` (200 unless a test breaks it), records every request, and verifies
 * Standard Webhooks signatures with the `standardwebhooks` library, as a newsroom's site would.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Webhook } from 'standardwebhooks';

export interface ReceivedWebhook {
  headers: Record<string, string>;
  body: string;
}

export interface WebhookReceiver {
  url: string;
  received: ReceivedWebhook[];
  /** The status code the next requests get. */
  status: number;
  /** The payload if the signature is valid for `secret`; throws otherwise. */
  verify(secret: string, message: ReceivedWebhook): unknown;
  close(): Promise<void>;
}

export async function startWebhookReceiver(): Promise<WebhookReceiver> {
  const received: ReceivedWebhook[] = [];
  // Requests arrive only once the URL is known, i.e. after `receiver` below exists.
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const headers: Record<string, string> = {};
      for (const [name, value] of Object.entries(req.headers)) if (typeof value === 'string') headers[name] = value;
      received.push({ headers, body: Buffer.concat(chunks).toString('utf8') });
      res.writeHead(receiver.status, { 'content-type': 'text/plain' }).end('ok');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const receiver: WebhookReceiver = {
    url: `http://127.0.0.1:${port}/hooks/copydesk`,
    received,
    status: 200,
    verify: (secret, message) => new Webhook(secret).verify(message.body, message.headers),
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
  return receiver;
}
