/** The delivery worker against endpoints that change under it (publishing.test.ts covers delivery itself). */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { api, startTestServer, waitFor, type TestServer } from './helpers.js';
import { startReceiver, type Receiver } from './receiver.js';

const ENV = { WEBHOOK_ALLOW_PRIVATE: 'true', WEBHOOK_RETRY_SCHEDULE: '0,1', WEBHOOK_TIMEOUT_SECONDS: '10' };

let server: TestServer;
let receiver: Receiver | undefined;
afterEach(async () => {
  await receiver?.close();
  receiver = undefined;
  await server?.dispose();
});

async function endpoint(url: string): Promise<string> {
  const res = await api(server, server.admin, 'POST', '/api/webhooks', { url, events: ['article.published'] });
  expect(res.status).toBe(201);
  return ((await res.json()) as { endpoint: { id: string } }).endpoint.id;
}

/** Puts one article.published event in the outbox, as a publish would, and wakes the worker. */
async function announce(): Promise<void> {
  const { deliveries, database, worker } = server.ctx;
  await database.db.transaction().execute((trx) => deliveries.enqueue(trx, 'article.published', null, { test: true }));
  worker.wake();
}

async function rows(table: 'webhook_deliveries' | 'webhook_attempts'): Promise<number> {
  const { n } = await server.ctx.database.db
    .selectFrom(table)
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(n);
}

describe('the delivery worker', () => {
  it('drops the answer for an endpoint deleted while its delivery was in flight, quietly', async () => {
    server = await startTestServer(ENV);
    const error = vi.spyOn(server.ctx.log, 'error');
    const debug = vi.spyOn(server.ctx.log, 'debug');
    receiver = await startReceiver(0, ['hold']);
    const id = await endpoint(receiver.url);
    await announce();
    await waitFor(() => receiver!.received.length === 1);

    expect((await api(server, server.admin, 'DELETE', `/api/webhooks/${id}`)).status).toBe(200);
    receiver.release(200);
    await waitFor(() => debug.mock.calls.length > 0 || error.mock.calls.length > 0, { message: 'the worker never finished the attempt' });
    expect(error).not.toHaveBeenCalled();
    expect(JSON.stringify(debug.mock.calls[0])).toMatch(/gone/);
    expect(await rows('webhook_deliveries')).toBe(0);
    expect(await rows('webhook_attempts')).toBe(0);

    // The worker goes on delivering to the endpoints that remain.
    receiver.fallback = '200';
    const next = await endpoint(receiver.url);
    await announce();
    await waitFor(() => receiver!.received.length === 2);
    await waitFor(async () => {
      const res = await api(server, server.admin, 'GET', `/api/webhooks/${next}/deliveries`);
      return ((await res.json()) as { deliveries: { status: string }[] }).deliveries[0]?.status === 'delivered';
    });
    expect(error).not.toHaveBeenCalled();
  });
});
