import { afterEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { bodyOf, dekOf, headlineOf, readMeta } from '@copydesk/shared';
import { api, connectClient, createArticle, startTestServer, storedLog, upgradeStatus, synced, waitFor, type TestClient, type TestServer, paragraph } from './helpers.js';

let server: TestServer;
const clients: TestClient[] = [];
function client(articleId: string) {
  const c = connectClient(server, articleId);
  clients.push(c);
  return c;
}

afterEach(async () => {
  for (const c of clients.splice(0)) c.destroy();
  await server?.dispose();
});


function bodyStrings(doc: Y.Doc): string[] {
  return bodyOf(doc)
    .toArray()
    .map((n) => (n instanceof Y.XmlElement ? n.toString() : ''));
}

describe('live co-editing', () => {
  it('two clients converge on body, headline and dek', async () => {
    server = await startTestServer();
    const id = await createArticle(server, 'Council meets');
    const a = client(id);
    const b = client(id);
    await Promise.all([synced(a), synced(b)]);
    expect(headlineOf(a.doc).toString()).toBe('Council meets');

    bodyOf(a.doc).insert(0, [paragraph('From A.')]);
    bodyOf(b.doc).insert(0, [paragraph('From B.')]);
    headlineOf(b.doc).insert(headlineOf(b.doc).length, ' tonight');
    dekOf(a.doc).insert(0, 'Budget vote expected — “finally”.');

    await waitFor(() => bodyOf(a.doc).length === 2 && bodyOf(b.doc).length === 2 && dekOf(b.doc).length > 0);
    await waitFor(() => headlineOf(a.doc).toString() === 'Council meets tonight');
    expect(bodyStrings(a.doc)).toEqual(bodyStrings(b.doc));
    expect(readMeta(b.doc)).toEqual({ headline: 'Council meets tonight', dek: 'Budget vote expected — “finally”.' });
  });

  it('a late joiner gets everything, and the article row follows the doc', async () => {
    server = await startTestServer();
    const id = await createArticle(server);
    const a = client(id);
    await synced(a);
    headlineOf(a.doc).insert(0, 'Flood warning');
    for (let i = 0; i < 20; i++) bodyOf(a.doc).push([paragraph(`Paragraph ${i} of the story.`)]);
    const late = client(id);
    await synced(late);
    await waitFor(() => bodyOf(late.doc).length === 20);
    expect(headlineOf(late.doc).toString()).toBe('Flood warning');
    await waitFor(async () => {
      const res = await api(server, server.admin, 'GET', `/api/articles/${id}`);
      const { article } = (await res.json()) as { article: { headline: string; wordCount: number } };
      return article.headline === 'Flood warning' && article.wordCount === 20 * 5;
    });
  });

  it('keeps the content across a server restart', async () => {
    server = await startTestServer();
    const id = await createArticle(server, 'Before restart');
    const a = client(id);
    await synced(a);
    const watcher = client(id);
    await synced(watcher);
    bodyOf(a.doc).insert(0, [paragraph('Déjà vu: 東京 — “quoted”.')]);
    // Peers receive an update only after it is committed, so once the watcher has it, it is on disk.
    await waitFor(() => bodyOf(watcher.doc).length === 1);
    for (const c of clients.splice(0)) c.destroy();
    server = await server.restart();
    const b = client(id);
    await synced(b);
    expect(headlineOf(b.doc).toString()).toBe('Before restart');
    expect(bodyStrings(b.doc)).toEqual(['<paragraph>Déjà vu: 東京 — “quoted”.</paragraph>']);

    // The first reader was answered with the stored snapshot; once the document changes, a new
    // reader must get the change too, not that snapshot.
    bodyOf(b.doc).insert(1, [paragraph('After restart')]);
    const c = client(id);
    await synced(c);
    await waitFor(() => bodyOf(c.doc).length === 2, { message: 'a reader after the restart missed the new paragraph' });
  });

  it('compacts a long history and loads it back to the same content', async () => {
    server = await startTestServer({ COMPACT_AFTER_UPDATES: '200', MAX_MESSAGE_BURST: '10000' });
    const id = await createArticle(server);
    const a = client(id);
    const b = client(id);
    await Promise.all([synced(a), synced(b)]);
    const text = new Y.XmlText();
    bodyOf(a.doc).insert(0, [new Y.XmlElement('paragraph')]);
    (bodyOf(a.doc).get(0) as Y.XmlElement).insert(0, [text]);
    for (let i = 0; i < 3000; i++) {
      text.insert(text.length, String.fromCharCode(97 + (i % 26)));
      if (i % 500 === 0) await new Promise((r) => setTimeout(r, 5));
    }
    await waitFor(() => bodyOf(b.doc).toString() === bodyOf(a.doc).toString(), { timeout: 20_000 });
    const expected = bodyOf(a.doc).toString();
    for (const c of clients.splice(0)) c.destroy();
    await waitFor(() => server.ctx.collab.rooms.size === 0, { message: 'room did not unload' });

    const { logRows, snapshot } = await storedLog(server.database, id);
    expect(snapshot).toBe(true);
    expect(logRows).toBeLessThan(200);

    server = await server.restart();
    const c = client(id);
    await synced(c);
    expect(bodyOf(c.doc).toString()).toBe(expected);
    expect(expected.length).toBeGreaterThan(3000);
  });

  it('serves many rooms independently', async () => {
    server = await startTestServer();
    const ids = await Promise.all([1, 2, 3].map((n) => createArticle(server, `Story ${n}`)));
    const pairs = ids.map((id) => [client(id), client(id)] as const);
    await Promise.all(pairs.flat().map(synced));
    pairs.forEach(([a], n) => bodyOf(a.doc).insert(0, [paragraph(`only in ${n}`)]));
    for (const [n, [, b]] of pairs.entries()) {
      await waitFor(() => bodyOf(b.doc).length === 1);
      expect(bodyStrings(b.doc)).toEqual([`<paragraph>only in ${n}</paragraph>`]);
    }
  });
});

describe('REST', () => {
  it('creates, lists and reads articles, with JSON errors', async () => {
    server = await startTestServer();
    const id = await createArticle(server, 'Budget');
    const list = (await (await api(server, server.admin, 'GET', '/api/articles')).json()) as { articles: { id: string }[] };
    expect(list.articles.map((a) => a.id)).toContain(id);
    const missing = await api(server, server.admin, 'GET', '/api/articles/doesnotexist123');
    expect(missing.status).toBe(404);
    expect(await missing.json()).toEqual({ error: { code: 'not_found', message: 'Article not found.' } });
    const bad = await api(server, server.admin, 'POST', '/api/articles', { headline: 'x'.repeat(1000) });
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { error: { code: string } }).error.code).toBe('bad_request');
    const health = await fetch(`${server.url}/healthz`);
    expect(await health.json()).toMatchObject({ ok: true });
  });

  it('refuses a WebSocket for an article that does not exist', async () => {
    server = await startTestServer();
    expect(await upgradeStatus(server, 'doesnotexist123', server.admin)).toBe(404);
  });
});

describe('limits', () => {
  it('closes a socket with 4503 when the process already holds MAX_DOCUMENTS open, and serves it once one unloads', async () => {
    server = await startTestServer({ MAX_DOCUMENTS: '1' });
    const first = await createArticle(server, 'Open one');
    const second = await createArticle(server, 'Open two');
    const a = client(first);
    await synced(a);
    const b = client(second);
    await waitFor(() => b.closes.some((c) => c.code === 4503));
    expect(b.provider.synced).toBe(false);
    a.destroy();
    await waitFor(() => server.ctx.collab.rooms.size === 0);
    await synced(b);
  });
});
