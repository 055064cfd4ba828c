import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { CloseCode, Limits, bodyOf } from '@copydesk/shared';
import { closeOf, connectClient, createArticle, rawSocket, startTestServer, synced, waitFor, type TestClient, type TestServer } from './helpers.js';

let server: TestServer;
let articleId: string;
let a: TestClient;
let b: TestClient;

beforeAll(async () => {
  server = await startTestServer({ MAX_MESSAGES_PER_SECOND: '50', MAX_MESSAGE_BURST: '300' });
  articleId = await createArticle(server, 'Under attack');
  a = connectClient(server, articleId);
  b = connectClient(server, articleId);
  await Promise.all([synced(a), synced(b)]);
});

afterAll(async () => {
  a.destroy();
  b.destroy();
  await server.dispose();
});

let round = 0;
/** The honest clients in the same room still edit together. */
async function roomStillWorks() {
  const word = `still-working-${round++}`;
  const p = new Y.XmlElement('paragraph');
  p.insert(0, [new Y.XmlText(word)]);
  bodyOf(a.doc).push([p]);
  await waitFor(() => bodyOf(b.doc).toString().includes(word), { message: `peer never saw ${word}` });
  const health = await fetch(`${server.url}/healthz`);
  expect(health.status).toBe(200);
}

const pseudoRandom = Uint8Array.from({ length: 64 }, (_, i) => (i * 131 + 7) % 256);

const cases: [string, Uint8Array | string, number][] = [
  ['random bytes', pseudoRandom, CloseCode.malformed],
  ['an empty frame', new Uint8Array(0), CloseCode.malformed],
  ['a truncated varint', Uint8Array.of(0x80), CloseCode.malformed],
  ['a varint that never ends', new Uint8Array(20).fill(0xff), CloseCode.malformed],
  ['an absurd length', Uint8Array.of(0, 2, 0xff, 0xff, 0xff, 0xff, 0x0f, 1, 2, 3), CloseCode.malformed],
  ['an unknown message type', Uint8Array.of(99), CloseCode.malformed],
  ['an unknown sync message', Uint8Array.of(0, 9, 0), CloseCode.malformed],
  ['an update Yjs cannot apply', Uint8Array.of(0, 2, 5, 0xff, 0xff, 0xff, 0xff, 0x0f), CloseCode.malformed],
  ['an update with unknown content', Uint8Array.of(0, 2, 8, 1, 1, 5, 0, 0x0b, 1, 0, 0), CloseCode.malformed],
  ['a malformed state vector', Uint8Array.of(0, 0, 3, 0xff, 0xff, 0xff), CloseCode.malformed],
  ['a malformed awareness update', Uint8Array.of(1, 6, 1, 5, 1, 3, 0x7b, 0x7b), CloseCode.malformed],
  ['a text frame', 'hello', CloseCode.malformed],
];

describe('malformed frames close only the sender', () => {
  it.each(cases)('%s', async (_name, frame, code) => {
    const ws = await rawSocket(server, articleId);
    const closed = closeOf(ws);
    ws.send(frame);
    expect((await closed).code).toBe(code);
    await roomStillWorks();
  });

  it('a frame over the size limit', async () => {
    const ws = await rawSocket(server, articleId);
    const closed = closeOf(ws);
    ws.on('error', () => undefined);
    ws.send(new Uint8Array(Limits.maxMessageBytes + 1024));
    expect((await closed).code).toBe(CloseCode.tooLarge);
    await roomStillWorks();
  });

  it('a flood of messages', async () => {
    const ws = await rawSocket(server, articleId);
    const closed = closeOf(ws);
    for (let i = 0; i < 1000; i++) ws.send(Uint8Array.of(3));
    expect((await closed).code).toBe(CloseCode.rateLimited);
    await roomStillWorks();
  });

  it('an honest client keeps its connection through all of it', () => {
    expect(a.closes).toEqual([]);
    expect(b.closes).toEqual([]);
  });
});
