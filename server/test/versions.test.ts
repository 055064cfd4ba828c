/**
 * Versions under hostile or careless use: who may save one and how often, a restore while
 * someone types, and a comparison too large to compute word by word.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { api, createArticle, createPerson, startTestServer, type TestClient, type TestServer } from './helpers.js';

let server: TestServer;
const clients: TestClient[] = [];
afterEach(async () => {
  for (const c of clients.splice(0)) c.destroy();
  await server?.dispose();
});

async function saveVersion(id: string, actor: Parameters<typeof api>[1], name: string) {
  const res = await api(server, actor, 'POST', `/api/articles/${id}/versions`, { name });
  return { status: res.status, retryAfter: res.headers.get('retry-after'), body: (await res.json()) as { n?: number; error?: { code: string } } };
}

describe('saving a version', () => {
  it('needs the right to edit the article now', async () => {
    server = await startTestServer();
    const writer = await createPerson(server, 'writer');
    const editor = await createPerson(server, 'editor');
    const id = await createArticle(server, 'Mine', writer);
    expect((await saveVersion(id, writer, 'draft')).status).toBe(201);

    const submit = await api(server, writer, 'POST', `/api/articles/${id}/transitions`, { action: 'submit' });
    expect(submit.status).toBe(200);
    const refused = await saveVersion(id, writer, 'after submitting');
    expect(refused.status).toBe(403);
    expect(refused.body.error?.code).toBe('forbidden');
    expect((await saveVersion(id, editor, 'in review')).status).toBe(201);

    const list = (await (await api(server, editor, 'GET', `/api/articles/${id}/versions`)).json()) as { versions: { name: string }[] };
    expect(list.versions.map((v) => v.name)).not.toContain('after submitting');
  });

  it('is limited per article per minute, with Retry-After; the server’s own versions are not', async () => {
    server = await startTestServer({ MAX_VERSIONS_PER_MINUTE: '2' });
    const editor = await createPerson(server, 'editor');
    const id = await createArticle(server, 'Busy', editor);
    expect((await saveVersion(id, editor, 'one')).status).toBe(201);
    expect((await saveVersion(id, editor, 'two')).status).toBe(201);
    const third = await saveVersion(id, editor, 'three');
    expect(third.status).toBe(429);
    expect(third.body.error?.code).toBe('rate_limited');
    expect(Number(third.retryAfter)).toBeGreaterThan(0);
    expect(Number(third.retryAfter)).toBeLessThanOrEqual(60);

    // Another article has its own allowance.
    const other = await createArticle(server, 'Quiet', editor);
    expect((await saveVersion(other, editor, 'one')).status).toBe(201);

    // A transition still takes its version.
    const submit = await api(server, editor, 'POST', `/api/articles/${id}/transitions`, { action: 'submit' });
    expect(submit.status).toBe(200);
    const list = (await (await api(server, editor, 'GET', `/api/articles/${id}/versions`)).json()) as { versions: { kind: string; name: string }[] };
    expect(list.versions.map((v) => v.kind)).toEqual(['transition', 'named', 'named']);
  });
});
