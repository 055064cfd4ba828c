/** GET /metrics: off by default, bearer-token only when on, and the numbers follow what happens. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CloseCode, bodyOf } from '@copydesk/shared';
import {
  api,
  closeOf,
  connectClient,
  createArticle,
  createPerson,
  rawSocket,
  startTestServer,
  synced,
  waitFor,
  type TestClient,
  type TestServer,
  paragraph,
} from './helpers.js';

const TOKEN = 'a-metrics-token-long-enough';

let server: TestServer;
const clients: TestClient[] = [];
beforeAll(async () => {
  server = await startTestServer({ METRICS_TOKEN: TOKEN, WEBHOOK_ALLOW_PRIVATE: 'true', WEBHOOK_RETRY_SCHEDULE: '0,3600' });
});
afterAll(async () => {
  for (const c of clients) c.destroy();
  await server.dispose();
});

async function scrape(target: { url: string } = server, token = TOKEN): Promise<string> {
  const res = await fetch(`${target.url}/metrics`, { headers: { authorization: `Bearer ${token}` } });
  expect(res.status).toBe(200);
  return res.text();
}

/** The value of a sample line, e.g. `copydesk_refused_updates_total{reason="read-only"}`; 0 when absent. */
function sample(text: string, series: string): number {
  const line = text.split('\n').find((l) => l.startsWith(`${series} `));
  return line ? Number(line.slice(series.length + 1)) : 0;
}


describe('metrics', () => {
  it('answers only a scraper with the token', async () => {
    expect((await fetch(`${server.url}/metrics`)).status).toBe(401);
    const wrong = await fetch(`${server.url}/metrics`, { headers: { authorization: 'Bearer not-the-token-at-all' } });
    expect(wrong.status).toBe(401);
    expect(wrong.headers.get('www-authenticate')).toMatch(/^Bearer/);
    // A session is no substitute for the token.
    expect((await api(server, server.admin, 'GET', '/metrics')).status).toBe(401);

    const res = await fetch(`${server.url}/metrics`, { headers: { authorization: `Bearer ${TOKEN}` } });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/plain/);
    const text = await res.text();
    for (const name of [
      'copydesk_websocket_connections',
      'copydesk_open_documents',
      'copydesk_edits_accepted_total',
      'copydesk_commit_latency_seconds',
      'copydesk_refused_updates_total',
      'copydesk_webhook_backlog',
      'nodejs_eventloop_lag_seconds',
      'nodejs_eventloop_lag_p99_seconds',
      'process_resident_memory_bytes',
    ]) {
      expect(text).toContain(`# TYPE ${name} `);
    }
  });

  it('counts connections, documents, edits and their commits', async () => {
    const before = await scrape();
    const id = await createArticle(server, 'Counted');
    const client = connectClient(server, id);
    clients.push(client);
    await synced(client);
    bodyOf(client.doc).insert(0, [paragraph('An edit.')]);
    const committed = (text: string) => sample(text, 'copydesk_commit_latency_seconds_count');
    const after = await waitFor(async () => {
      const text = await scrape();
      return committed(text) > committed(before) ? text : '';
    });
    expect(sample(after, 'copydesk_edits_accepted_total')).toBeGreaterThan(sample(before, 'copydesk_edits_accepted_total'));
    expect(sample(after, 'copydesk_websocket_connections')).toBe(1);
    expect(sample(after, 'copydesk_open_documents')).toBe(1);
  });

  it('counts refused updates by reason', async () => {
    const writer = await createPerson(server, 'writer');
    const id = await createArticle(server, 'Submitted', writer);
    expect((await api(server, writer, 'POST', `/api/articles/${id}/transitions`, { action: 'submit' })).status).toBe(200);
    const readOnly = connectClient(server, id, writer);
    clients.push(readOnly);
    await synced(readOnly);
    bodyOf(readOnly.doc).insert(0, [paragraph('Typed after submitting.')]);
    await waitFor(async () => sample(await scrape(), 'copydesk_refused_updates_total{reason="read-only"}') >= 1);

    const ws = await rawSocket(server, id);
    const closed = closeOf(ws);
    ws.send(Uint8Array.of(99));
    expect((await closed).code).toBe(CloseCode.malformed);
    expect(sample(await scrape(), 'copydesk_refused_updates_total{reason="malformed"}')).toBe(1);
  });

  it('reports the webhook backlog', async () => {
    // A receiver that is not there: the delivery fails and waits an hour for its retry.
    const res = await api(server, server.admin, 'POST', '/api/webhooks', { url: 'http://127.0.0.1:9/hook', events: ['article.published'] });
    expect(res.status).toBe(201);
    await server.ctx.database.db.transaction().execute((trx) => server.ctx.deliveries.enqueue(trx, 'article.published', null, { test: true }));
    expect(sample(await scrape(), 'copydesk_webhook_backlog')).toBe(1);
  });

  it('is not there without a token', async () => {
    const plain = await startTestServer();
    try {
      expect((await fetch(`${plain.url}/metrics`)).status).toBe(404);
      expect((await fetch(`${plain.url}/metrics`, { headers: { authorization: `Bearer ${TOKEN}` } })).status).toBe(404);
    } finally {
      await plain.dispose();
    }
  });
});
