/**
 * Versions under hostile or careless use: who may save one and how often, a restore while
 * someone types, and a comparison too large to compute word by word.
 */
import { afterEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { bodyOf, type PMNode } from '@copydesk/shared';
import { api, connectClient, createArticle, createPerson, startTestServer, synced, waitFor, type Actor, type TestClient, type TestServer } from './helpers.js';

let server: TestServer;
const clients: TestClient[] = [];
afterEach(async () => {
  for (const c of clients.splice(0)) c.destroy();
  await server?.dispose();
});

function client(id: string, actor: Actor): TestClient {
  const c = connectClient(server, id, actor);
  clients.push(c);
  return c;
}

/** Types at the end of the first paragraph, as a caret left there would. */
function type(doc: Y.Doc, s: string): void {
  const body = bodyOf(doc);
  if (body.length === 0) body.insert(0, [new Y.XmlElement('paragraph')]);
  const p = body.get(0) as Y.XmlElement;
  if (p.length === 0) p.insert(0, [new Y.XmlText()]);
  const t = p.get(0) as Y.XmlText;
  t.insert(t.length, s);
}

function textOf(node: PMNode): string {
  return (node.text ?? '') + (node.content ?? []).map(textOf).join(' ');
}

async function saveVersion(id: string, actor: Actor, name: string) {
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

    // Another article has its own allowance; a restore takes two versions of it.
    const other = await createArticle(server, 'Quiet', editor);
    expect((await saveVersion(other, editor, 'one')).status).toBe(201);
    const restore = await api(server, editor, 'POST', `/api/articles/${other}/versions/1/restore`);
    expect(restore.status).toBe(429);
    expect(((await restore.json()) as { error: { code: string } }).error.code).toBe('rate_limited');

    // A transition still takes its version.
    const submit = await api(server, editor, 'POST', `/api/articles/${id}/transitions`, { action: 'submit' });
    expect(submit.status).toBe(200);
    const list = (await (await api(server, editor, 'GET', `/api/articles/${id}/versions`)).json()) as { versions: { kind: string; name: string }[] };
    expect(list.versions.map((v) => v.kind)).toEqual(['transition', 'named', 'named']);
  });
});

describe('restoring while someone types', () => {
  it('keeps every word: in the version saved before the restore, or on top of the restored text', async () => {
    server = await startTestServer();
    const writer = await createPerson(server, 'writer');
    const editor = await createPerson(server, 'editor');
    const id = await createArticle(server, 'Ferry times', writer);
    const typist = client(id, writer);
    const observer = client(id, editor);
    await Promise.all([synced(typist), synced(observer)]);
    type(typist.doc, 'Boats leave every hour.');
    await waitFor(() => bodyOf(observer.doc).toString().includes('every hour'));
    const base = await saveVersion(id, editor, 'Base');
    expect(base.status).toBe(201);

    // Tokens that are no prefix of one another ("k1q" is not in "k12q").
    const typed: string[] = [];
    const timer = setInterval(() => {
      const token = `k${typed.length}q`;
      typed.push(token);
      type(typist.doc, ` ${token}`);
    }, 2);
    try {
      await waitFor(() => typed.length >= 30);
      const restore = await api(server, editor, 'POST', `/api/articles/${id}/versions/${base.body.n}/restore`);
      expect(restore.status).toBe(200);
      const { n, before } = (await restore.json()) as { n: number; before: number };
      expect(before).toBe(n - 1);
      const atRestore = typed.length;
      await waitFor(() => typed.length >= atRestore + 30);
      clearInterval(timer);

      const live = () => bodyOf(observer.doc).toString();
      await waitFor(() => typed.slice(atRestore).every((t) => live().includes(t)), { message: 'words typed after the restore did not all arrive' });
      const saved = (await (await api(server, editor, 'GET', `/api/articles/${id}/versions/${before}`)).json()) as { body: PMNode };
      const kept = textOf(saved.body);
      const missing = typed.filter((t) => !kept.includes(t) && !live().includes(t));
      expect(missing).toEqual([]);
      // It did restore: what the saved version holds is gone from the text now.
      expect(kept).toContain('k0q');
      expect(live()).not.toContain('k0q');
      expect(live()).toContain('Boats leave every hour.');
      const list = (await (await api(server, editor, 'GET', `/api/articles/${id}/versions`)).json()) as { versions: { n: number; name: string; kind: string }[] };
      expect(list.versions.slice(0, 2).map((v) => [v.n, v.kind, v.name])).toEqual([
        [n, 'restore', `Restored version ${base.body.n}`],
        [before, 'named', `Before restoring version ${base.body.n}`],
      ]);
    } finally {
      clearInterval(timer);
    }
  });
});
