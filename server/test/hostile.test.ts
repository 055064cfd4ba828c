/**
 * Hostile content from a signed-in writer: what used to crash the server or stall it, and the
 * limits that stop it now. Every case ends with the server up and the article still usable.
 * (Findings 1, 3, 5, 6 and 13 of the hostile-input review; the update rules themselves are unit
 * tested in src/collab/update-rules.test.ts.)
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import type { WebSocket } from 'ws';
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import { bodyOf, CloseCode, HEADLINE_MAX, headlineOf, MessageType } from '@copydesk/shared';
import {
  api,
  closeOf,
  connectClient,
  createArticle,
  createPerson,
  rawSocket,
  startTestServer,
  storedLog,
  synced,
  waitFor,
  type Actor,
  type TestClient,
  type TestServer,
  paragraph,
} from './helpers.js';
import { encodeUpdate } from '../src/collab/protocol.js';

let server: TestServer;
let writer: Actor;
const clients: TestClient[] = [];

beforeAll(async () => {
  server = await startTestServer({ MAX_DOCUMENT_BYTES: String(256 * 1024), MAX_ARTICLES_OPEN_PER_PERSON: '4' });
  writer = await createPerson(server, 'writer');
});

afterEach(() => {
  // Each person may have only a few articles open here (MAX_ARTICLES_OPEN_PER_PERSON).
  for (const c of clients.splice(0)) c.destroy();
});

afterAll(async () => {
  await server.dispose();
});

function client(id: string, actor: Actor = writer): TestClient {
  const c = connectClient(server, id, actor);
  clients.push(c);
  return c;
}


/** `depth` blockquotes each inside the last, one level per insert (as a raw client can). */
function nestDeep(doc: Y.Doc, depth: number): void {
  doc.transact(() => {
    let parent: Y.XmlElement | Y.XmlFragment = bodyOf(doc);
    for (let i = 0; i < depth; i++) {
      const el: Y.XmlElement = new Y.XmlElement('blockquote');
      parent.insert(parent.length, [el]);
      parent = el;
    }
    parent.insert(0, [paragraph('at the bottom')]);
  });
}

/** The reasons of permission-denied messages a raw socket receives. */
function deniedReasons(ws: WebSocket): string[] {
  const reasons: string[] = [];
  ws.on('message', (data: Buffer) => {
    const d = decoding.createDecoder(new Uint8Array(data));
    if (decoding.readVarUint(d) !== MessageType.auth) return;
    if (decoding.readVarUint(d) === 0) reasons.push(decoding.readVarString(d));
  });
  return reasons;
}

async function healthy(): Promise<void> {
  const res = await fetch(`${server.url}/healthz`);
  expect(res.status).toBe(200);
}

/** Writes a document straight into the database, as one stored before the update rules existed. */
async function storeLegacy(id: string, doc: Y.Doc): Promise<void> {
  await waitFor(() => server.ctx.collab.rooms.get(id) === undefined, { message: 'the article stayed open' });
  await server.ctx.database.db
    .insertInto('doc_updates')
    .values({ article_id: id, data: Buffer.from(Y.encodeStateAsUpdate(doc)) })
    .execute();
}

describe('a body nested thousands of levels deep', () => {
  it('is refused from a writer, who is told why; nothing is stored and the server stays up', async () => {
    const id = await createArticle(server, 'Deep', writer);
    const ws = await rawSocket(server, id, writer);
    const denied = deniedReasons(ws);
    const before = await storedLog(server.database, id);
    const doc = new Y.Doc();
    nestDeep(doc, 8_000);
    ws.send(encodeUpdate(Y.encodeStateAsUpdate(doc)));
    await waitFor(() => denied.length > 0, { message: 'the writer was never told' });
    expect(denied[0]).toMatch(/nested more than 32 levels/);
    expect(await storedLog(server.database, id)).toEqual(before);
    ws.close();
    // The metadata save that used to overflow the stack runs a second after an edit.
    const editor = client(id, server.admin);
    await synced(editor);
    bodyOf(editor.doc).insert(0, [paragraph('An ordinary edit.')]);
    await new Promise((r) => setTimeout(r, 1500));
    await healthy();
  });

  it('stored before the limit existed: opening, saving its metadata, versions, publishing and restoring all work', async () => {
    const id = await createArticle(server, 'Legacy deep');
    const doc = new Y.Doc();
    headlineOf(doc).insert(0, 'Legacy deep');
    bodyOf(doc).insert(0, [paragraph('A normal first paragraph.')]);
    nestDeep(doc, 8_000);
    await storeLegacy(id, doc);

    const admin = client(id, server.admin);
    await synced(admin);
    bodyOf(admin.doc).insert(0, [paragraph('Typed on top.')]);
    // The metadata save (a timer) reads the whole body: it used to take the process down.
    await waitFor(async () => {
      const res = await api(server, server.admin, 'GET', `/api/articles/${id}`);
      return ((await res.json()) as { article: { wordCount: number } }).article.wordCount >= 7;
    });
    await healthy();

    const saved = await api(server, server.admin, 'POST', `/api/articles/${id}/versions`, { name: 'deep' });
    expect(saved.status).toBe(201);
    const { versions } = (await (await api(server, server.admin, 'GET', `/api/articles/${id}/versions`)).json()) as { versions: { n: number }[] };
    const n = versions[0]!.n;
    expect((await api(server, server.admin, 'GET', `/api/articles/${id}/versions/${n}`)).status).toBe(200);
    expect((await api(server, server.admin, 'GET', `/api/articles/${id}/compare?from=${n}&to=current`)).status).toBe(200);
    await api(server, server.admin, 'PATCH', `/api/articles/${id}`, { section: 'Archive' });
    for (const action of ['submit', 'approve', 'publish']) {
      const res = await api(server, server.admin, 'POST', `/api/articles/${id}/transitions`, { action });
      expect(res.status, `${action}: ${await res.clone().text()}`).toBe(200);
    }
    const { article } = (await (await api(server, server.admin, 'GET', `/api/articles/${id}`)).json()) as { article: { slug: string } };
    const pub = await fetch(`${server.url}/api/public/articles/${article.slug}`);
    expect(pub.status).toBe(200);
    expect(await pub.text()).toContain('at the bottom');
    expect((await api(server, server.admin, 'POST', `/api/articles/${id}/versions/${n}/restore`)).status).toBe(200);
    await healthy();
  });
});

describe('size limits', () => {
  it('refuses a change that would make the article larger than MAX_DOCUMENT_BYTES, and tells the writer', async () => {
    const id = await createArticle(server, 'Big', writer);
    const watcher = client(id, server.admin);
    await synced(watcher);
    const ws = await rawSocket(server, id, writer);
    const denied = deniedReasons(ws);
    const before = await storedLog(server.database, id);
    const doc = new Y.Doc();
    bodyOf(doc).insert(0, [paragraph('x'.repeat(300 * 1024))]);
    ws.send(encodeUpdate(Y.encodeStateAsUpdate(doc)));
    await waitFor(() => denied.length > 0, { message: 'the writer was never told' });
    expect(denied[0]).toMatch(/larger than 256 KB/);
    expect(await storedLog(server.database, id)).toEqual(before);
    expect(bodyOf(watcher.doc).toString()).not.toContain('xxxx');
    ws.close();
    await healthy();
  });

  it(`keeps a headline to ${HEADLINE_MAX} characters: a longer one is refused, and one stored before is cut in every list`, async () => {
    const id = await createArticle(server, 'Short', writer);
    const ws = await rawSocket(server, id, writer);
    const denied = deniedReasons(ws);
    const doc = new Y.Doc();
    headlineOf(doc).insert(0, 'H'.repeat(100_000));
    ws.send(encodeUpdate(Y.encodeStateAsUpdate(doc)));
    await waitFor(() => denied.length > 0, { message: 'the writer was never told' });
    expect(denied[0]).toMatch(/at most 200 characters/);
    ws.close();

    // No headline of its own: two first inserts into an empty headline are ordered by client id.
    const legacy = await createArticle(server);
    const old = new Y.Doc();
    headlineOf(old).insert(0, 'L'.repeat(100_000));
    await storeLegacy(legacy, old);
    const opener = client(legacy, server.admin);
    await synced(opener);
    bodyOf(opener.doc).insert(0, [paragraph('edit')]);
    await waitFor(async () => {
      const res = await api(server, server.admin, 'GET', `/api/articles/${legacy}`);
      return ((await res.json()) as { article: { headline: string } }).article.headline === 'L'.repeat(HEADLINE_MAX);
    });
    const list = await api(server, server.admin, 'GET', '/api/articles');
    const { articles } = (await list.json()) as { articles: { id: string; headline: string }[] };
    expect(articles.find((a) => a.id === legacy)!.headline.length).toBe(HEADLINE_MAX);
  });
});

describe('content the article cannot hold', () => {
  it.each<[string, (doc: Y.Doc) => void]>([
    ['a figure', (d) => bodyOf(d).insert(0, [new Y.XmlElement('figure')])],
    ['text directly in a blockquote', (d) => {
      const q = new Y.XmlElement('blockquote');
      q.insert(0, [new Y.XmlText('loose text')]);
      bodyOf(d).insert(0, [q]);
    }],
    ['a javascript: link', (d) => {
      const t = new Y.XmlText();
      const p = new Y.XmlElement('paragraph');
      p.insert(0, [t]);
      bodyOf(d).insert(0, [p]);
      t.insert(0, 'click', { link: { href: 'javascript:alert(1)' } });
    }],
  ])('%s from a raw Yjs client closes its socket (4422); nothing is stored or relayed', async (_name, write) => {
    const id = await createArticle(server, 'Strict', writer);
    const watcher = client(id, server.admin);
    await synced(watcher);
    const ws = await rawSocket(server, id, writer);
    const closed = closeOf(ws);
    const before = await storedLog(server.database, id);
    const doc = new Y.Doc();
    write(doc);
    ws.send(encodeUpdate(Y.encodeStateAsUpdate(doc)));
    expect((await closed).code).toBe(CloseCode.refused);
    expect(await storedLog(server.database, id)).toEqual(before);
    bodyOf(watcher.doc).insert(0, [paragraph('still editing')]);
    const late = client(id, server.admin);
    await synced(late);
    await waitFor(() => bodyOf(late.doc).toString().includes('still editing'));
    expect(bodyOf(late.doc).toString()).not.toMatch(/figure|loose text|javascript/);
  });
});

/** An awareness message for `states` (client id -> JSON text), as a raw client can send it. */
function awarenessFrame(states: [number, string][]): Uint8Array {
  const update = encoding.createEncoder();
  encoding.writeVarUint(update, states.length);
  for (const [id, json] of states) {
    encoding.writeVarUint(update, id);
    encoding.writeVarUint(update, 1);
    encoding.writeVarString(update, json);
  }
  const e = encoding.createEncoder();
  encoding.writeVarUint(e, MessageType.awareness);
  encoding.writeVarUint8Array(e, encoding.toUint8Array(update));
  return encoding.toUint8Array(e);
}

describe('presence', () => {
  it('an awareness state over the limit closes the socket; one connection shows a few carets, not a thousand', async () => {
    const id = await createArticle(server, 'Presence', writer);
    const watcher = client(id, server.admin);
    await synced(watcher);
    const big = await rawSocket(server, id, writer);
    const closed = closeOf(big);
    big.send(awarenessFrame([[4242, JSON.stringify({ cursor: 'x'.repeat(20_000) })]]));
    expect((await closed).code).toBe(CloseCode.malformed);

    const many = await rawSocket(server, id, writer);
    many.send(awarenessFrame(Array.from({ length: 1000 }, (_, i): [number, string] => [10_000 + i, '{"cursor":null}'])));
    await waitFor(() => watcher.provider.awareness.getStates().size > 1, { message: 'no caret arrived' });
    await new Promise((r) => setTimeout(r, 200));
    const fromWriter = [...watcher.provider.awareness.getStates().values()].filter((s) => (s as { user?: { id?: string } }).user?.id === writer.user.id);
    expect(fromWriter.length).toBe(4);
    many.close();
  });
});

describe('rooms per person', () => {
  it('one writer cannot open more articles than MAX_ARTICLES_OPEN_PER_PERSON; others still can', async () => {
    const writer = await createPerson(server, 'writer');
    const ids = await Promise.all([1, 2, 3, 4, 5].map((i) => createArticle(server, `Room ${i}`, writer)));
    const sockets = await Promise.all(ids.slice(0, 4).map((id) => rawSocket(server, id, writer)));
    const extra = await rawSocket(server, ids[4]!, writer);
    expect((await closeOf(extra)).code).toBe(CloseCode.tooManyOpen);
    // A second tab on an article already open is fine, and so is another person.
    const again = await rawSocket(server, ids[0]!, writer);
    const colleague = client(ids[4]!, server.admin);
    await synced(colleague);
    for (const s of [...sockets, again]) s.close();
    await waitFor(async () => {
      const ws = await rawSocket(server, ids[4]!, writer);
      const open = await Promise.race([closeOf(ws).then(() => false), new Promise<boolean>((r) => setTimeout(() => r(true), 300))]);
      ws.close();
      return open;
    }, { message: 'the writer could not open an article after closing the others' });
  });
});

