/**
 * Fuzzing the real server as an attacker with a writer's account (fast-check, seeded): random and
 * hostile Yjs updates over a raw socket, and arbitrary REST bodies, while two honest editors keep
 * typing. Afterwards the server still answers, no request got a 5xx, and the editors converge
 * on what they typed. CI runs a seeded short run; for a longer one locally:
 *   FUZZ_RUNS=2000 FUZZ_SEED=$RANDOM npx vitest run --project server server/test/fuzz.test.ts
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import * as Y from 'yjs';
import * as encoding from 'lib0/encoding';
import type { WebSocket } from 'ws';
import { bodyOf, MessageType, SyncType } from '@copydesk/shared';
import { api, connectClient, createArticle, createPerson, rawSocket, startTestServer, synced, waitFor, type Actor, type TestClient, type TestServer, paragraph } from './helpers.js';

const RUNS = Number(process.env.FUZZ_RUNS ?? 60);
const SEED = Number(process.env.FUZZ_SEED ?? 20261207);

let server: TestServer;
let writer: Actor;

beforeAll(async () => {
  // A full document refuses the honest editors' words too (they are told: hostile.test.ts);
  // here the attacker must not get that far, so that convergence can be checked.
  server = await startTestServer({ MAX_DOCUMENT_BYTES: String(64 * 1024 * 1024) });
  writer = await createPerson(server, 'writer');
});

afterAll(async () => {
  await server.dispose();
});

function frame(type: number, sub: number | undefined, payload: Uint8Array): Uint8Array {
  const e = encoding.createEncoder();
  encoding.writeVarUint(e, type);
  if (sub !== undefined) encoding.writeVarUint(e, sub);
  encoding.writeVarUint8Array(e, payload);
  return encoding.toUint8Array(e);
}


/** Hostile documents a raw client can write, as one update each. */
const hostileUpdate: fc.Arbitrary<Uint8Array> = fc
  .oneof(
    // Deep trees, one level per insert (as a client can build them).
    fc.integer({ min: 30, max: 3000 }).map((depth) => (d: Y.Doc) => {
      let parent: Y.XmlElement | Y.XmlFragment = bodyOf(d);
      for (let i = 0; i < depth; i++) {
        const el: Y.XmlElement = new Y.XmlElement(i % 2 ? 'listItem' : 'bulletList');
        parent.insert(0, [el]);
        parent = el;
      }
    }),
    // Huge strings in the body and the headline.
    fc.integer({ min: 1, max: 400_000 }).map((n) => (d: Y.Doc) => bodyOf(d).insert(0, [paragraph('w'.repeat(n))])),
    fc.integer({ min: 150, max: 100_000 }).map((n) => (d: Y.Doc) => d.getText('headline').insert(0, 'h'.repeat(n))),
    // Many tiny structs: single characters at scattered positions, from several client ids.
    fc.integer({ min: 100, max: 5000 }).map((n) => (d: Y.Doc) => {
      const t = new Y.XmlText();
      bodyOf(d).insert(0, [new Y.XmlElement('paragraph')]);
      (bodyOf(d).get(0) as Y.XmlElement).insert(0, [t]);
      for (let i = 0; i < n; i++) t.insert((i * 7919) % (t.length + 1), String.fromCharCode(97 + (i % 26)));
    }),
    // Bad names, attributes and marks.
    fc.record({ name: fc.string({ maxLength: 30 }), key: fc.string({ maxLength: 20 }), value: fc.jsonValue({ maxDepth: 3 }) }).map(({ name, key, value }) => (d: Y.Doc) => {
      const el = new Y.XmlElement(name || 'x');
      el.setAttribute(key || 'k', value as string);
      bodyOf(d).insert(0, [el]);
    }),
    fc.record({ mark: fc.string({ maxLength: 20 }), value: fc.jsonValue({ maxDepth: 3 }) }).map(({ mark, value }) => (d: Y.Doc) => {
      const t = new Y.XmlText();
      bodyOf(d).insert(0, [paragraph('')]);
      (bodyOf(d).get(0) as Y.XmlElement).insert(0, [t]);
      t.insert(0, 'marked', { [mark || 'm']: value });
    }),
    // Other parts of the document and other types.
    fc.constantFrom(
      (d: Y.Doc) => d.getMap('meta').set('x', new Y.Doc()),
      (d: Y.Doc) => d.getArray('body2').insert(0, [1, 2, 3]),
      (d: Y.Doc) => bodyOf(d).insert(0, [new Y.XmlText('top-level text')]),
      (d: Y.Doc) => d.getText('dek').insert(0, 'x', { bold: true }),
    ),
  )
  .map((write) => {
    const doc = new Y.Doc();
    doc.transact(() => write(doc));
    return Y.encodeStateAsUpdate(doc);
  });

/** Any frame at all: hostile updates, mutated ones, random bytes, other message types. */
const hostileFrame: fc.Arbitrary<Uint8Array> = fc.oneof(
  { arbitrary: hostileUpdate.map((u) => frame(MessageType.sync, SyncType.update, u)), weight: 4 },
  {
    arbitrary: fc.tuple(hostileUpdate, fc.nat(), fc.integer({ min: 0, max: 255 })).map(([u, i, b]) => {
      const copy = u.slice();
      if (copy.length > 0) copy[i % copy.length] = b;
      return frame(MessageType.sync, SyncType.update, copy);
    }),
    weight: 2,
  },
  { arbitrary: fc.uint8Array({ maxLength: 300 }), weight: 1 },
  { arbitrary: fc.uint8Array({ maxLength: 300 }).map((b) => frame(MessageType.sync, SyncType.step1, b)), weight: 1 },
  { arbitrary: fc.uint8Array({ maxLength: 300 }).map((b) => frame(MessageType.awareness, undefined, b)), weight: 1 },
);

async function healthz(): Promise<number> {
  const res = await fetch(`${server.url}/healthz`, { signal: AbortSignal.timeout(10_000) });
  return res.status;
}

describe('fuzzing the collaboration endpoint', () => {
  it('hostile frames from a writer never stop the server, and honest editors converge', async () => {
    const id = await createArticle(server, 'Fuzzed', writer);
    const a: TestClient = connectClient(server, id, server.admin);
    const b: TestClient = connectClient(server, id, server.admin);
    await Promise.all([synced(a), synced(b)]);
    let socket: WebSocket | undefined;
    let typed = 0;
    const frames = fc.sample(hostileFrame, { numRuns: RUNS, seed: SEED });
    for (const f of frames) {
      if (!socket || socket.readyState !== socket.OPEN) {
        socket = await rawSocket(server, id, writer);
        socket.on('error', () => undefined);
      }
      socket.send(f);
      // The honest editors type between attacks.
      const by = typed % 2 ? a : b;
      bodyOf(by.doc).push([paragraph(`honest-${typed++}`)]);
      expect(await healthz()).toBe(200);
    }
    socket?.close();
    const all = Array.from({ length: typed }, (_, i) => `honest-${i}`);
    // (The server runs in this process: read each body once per check, not once per word.)
    const holdsAll = (doc: Y.Doc) => {
      const text = bodyOf(doc).toString();
      return all.every((w) => text.includes(w));
    };
    await waitFor(() => holdsAll(a.doc) && holdsAll(b.doc), {
      message: 'the honest editors never converged',
      timeout: 30_000,
      interval: 250,
    });
    expect(bodyOf(a.doc).toString()).toBe(bodyOf(b.doc).toString());
    // What is stored is what they see: a new reader gets the same body.
    const late = connectClient(server, id, server.admin);
    await synced(late);
    await waitFor(() => bodyOf(late.doc).toString() === bodyOf(a.doc).toString(), { message: 'a new reader saw something else', interval: 250 });
    for (const c of [a, b, late]) c.destroy();
  }, 120_000);
});

describe('fuzzing the REST API', () => {
  it('arbitrary bodies never get a 5xx', async () => {
    const id = await createArticle(server, 'REST fuzz', writer);
    const routes: [string, string][] = [
      ['POST', '/api/articles'],
      ['PATCH', `/api/articles/${id}`],
      ['POST', `/api/articles/${id}/transitions`],
      ['POST', `/api/articles/${id}/versions`],
      ['POST', `/api/articles/${id}/comments`],
      ['POST', `/api/articles/${id}/comments/nothread/replies`],
      ['PATCH', `/api/articles/${id}/comments/nothread`],
      ['GET', `/api/articles/${id}/compare?from=1&to=current`],
      ['POST', '/api/me/password'],
      ['POST', '/api/webhooks'],
      ['PATCH', `/api/users/${writer.user.id}`],
    ];
    const body = fc.oneof(
      fc.jsonValue({ maxDepth: 4 }),
      fc.record({ headline: fc.string({ maxLength: 300 }), tags: fc.array(fc.string({ maxLength: 60 })), section: fc.string({ maxLength: 80 }), byline: fc.string({ maxLength: 300 }) }, { requiredKeys: [] }),
      fc.record({ action: fc.string({ maxLength: 20 }), note: fc.string({ maxLength: 3000 }), publishAt: fc.string({ maxLength: 40 }) }, { requiredKeys: [] }),
      fc.record({ body: fc.string({ maxLength: 100 }), anchor: fc.record({ from: fc.base64String({ maxLength: 40 }), to: fc.string({ maxLength: 40 }) }), quote: fc.string() }, { requiredKeys: [] }),
    );
    const failures: string[] = [];
    for (const [[method, path], value] of fc.sample(fc.tuple(fc.constantFrom(...routes), body), { numRuns: RUNS * 3, seed: SEED })) {
      const res = await api(server, writer, method, path, method === 'GET' ? undefined : value);
      if (res.status >= 500) failures.push(`${method} ${path} ${JSON.stringify(value).slice(0, 200)} -> ${res.status}`);
    }
    // Bodies that are not JSON at all.
    for (const raw of ['{', 'null', '[]', '"x"', '\u0000', '{"headline":'.padEnd(5000, '[')]) {
      const res = await fetch(`${server.url}/api/articles/${id}`, { method: 'PATCH', headers: { 'content-type': 'application/json', cookie: writer.cookie, origin: server.origin }, body: raw });
      if (res.status >= 500) failures.push(`PATCH raw ${JSON.stringify(raw.slice(0, 20))} -> ${res.status}`);
    }
    expect(failures).toEqual([]);
    expect(await healthz()).toBe(200);
  }, 120_000);
});
