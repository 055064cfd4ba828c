/** What the deliveries page shows of each attempt: numbers that run on across redeliveries, and the receiver's answer. */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import type { Delivery } from '@copydesk/shared';
import { api, startTestServer, waitFor, type TestServer } from './helpers.js';

// One attempt per schedule: each redeliver makes exactly one more.
const ENV = { WEBHOOK_ALLOW_PRIVATE: 'true', WEBHOOK_RETRY_SCHEDULE: '0', WEBHOOK_TIMEOUT_SECONDS: '10' };

let server: TestServer;
let receiver: Server | undefined;
afterEach(async () => {
  await new Promise((r) => (receiver ? receiver.close(r) : r(undefined)));
  receiver = undefined;
  await server?.dispose();
});

/** A receiver that answers each request with the next of `answers` (status and body). */
async function receiverAnswering(answers: { status: number; body: string }[]): Promise<string> {
  receiver = createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      const next = answers.shift() ?? { status: 204, body: '' };
      res.writeHead(next.status, { 'content-type': 'text/html; charset=utf-8' });
      res.end(next.body);
    });
  });
  await new Promise<void>((r) => receiver!.listen(0, '127.0.0.1', r));
  return `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hook`;
}

async function deliveries(endpointId: string): Promise<Delivery[]> {
  const res = await api(server, server.admin, 'GET', `/api/webhooks/${endpointId}/deliveries`);
  expect(res.status).toBe(200);
  return ((await res.json()) as { deliveries: Delivery[] }).deliveries;
}

describe('webhook attempts', () => {
  it('numbers attempts on across redeliveries and keeps the first kilobyte of each answer as text', async () => {
    server = await startTestServer(ENV);
    const long = `<script>alert("x")</script>${'é'.repeat(1200)}`;
    const url = await receiverAnswering([
      { status: 500, body: long },
      { status: 503, body: 'Down for maintenance' },
      { status: 200, body: '' },
    ]);
    const created = await api(server, server.admin, 'POST', '/api/webhooks', { url, events: ['article.published'] });
    expect(created.status).toBe(201);
    const endpointId = ((await created.json()) as { endpoint: { id: string } }).endpoint.id;
    const { deliveries: outbox, database, worker } = server.ctx;
    await database.db.transaction().execute((trx) => outbox.enqueue(trx, 'article.published', null, { test: true }));
    worker.wake();

    const failed = await waitFor(async () => (await deliveries(endpointId)).find((d) => d.status === 'failed'), { message: 'first attempt never failed' });
    for (let i = 0; i < 2; i++) {
      expect((await api(server, server.admin, 'POST', `/api/deliveries/${failed!.id}/redeliver`)).status).toBe(200);
      worker.wake();
      await waitFor(async () => (await deliveries(endpointId))[0]!.history.length === i + 2, { message: `redelivery ${i + 1} never ran` });
    }
    await waitFor(async () => (await deliveries(endpointId))[0]!.status === 'delivered');
    const [delivery] = await deliveries(endpointId);
    expect(delivery!.history.map((a) => a.attempt)).toEqual([1, 2, 3]);
    expect(delivery!.attempts).toBe(3);
    expect(delivery!.history.map((a) => a.statusCode)).toEqual([500, 503, 200]);

    // Stored as the text it was (escaping is the page's job), cut at 1 KB: 27 ASCII bytes and
    // then two-byte characters, so 498 whole ones and half of the next, which decodes as U+FFFD.
    const first = delivery!.history[0]!.responseBody!;
    expect(first.startsWith('<script>alert("x")</script>')).toBe(true);
    expect(Buffer.byteLength(first.replace(/\uFFFD$/, ''))).toBeLessThanOrEqual(1024);
    expect(first).toBe(`<script>alert("x")</script>${'é'.repeat(498)}\uFFFD`);
    expect(delivery!.history[1]!.responseBody).toBe('Down for maintenance');
    expect(delivery!.history[2]!.responseBody).toBeNull();
  });
});
