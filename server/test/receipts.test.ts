/**
 * Save receipts: the editor's "Saving…" / "All changes saved" comes from the server telling a
 * client how many of its updates are stored. "Saved" must mean a crash cannot take it back.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import { WebSocket } from 'ws';
import * as decoding from 'lib0/decoding';
import { MessageType, SAVE_RECEIPTS_PARAMS, SaveReceipts, bodyOf } from '@copydesk/shared';
import {
  api,
  authedWebSocket,
  createArticle,
  createPerson,
  createTestDatabase,
  rawSocket,
  spawnServer,
  startTestServer,
  waitFor,
  type Actor,
  type Target,
  type TestDatabase,
  type TestServer,
} from './helpers.js';
import { encodeSyncStep1, encodeUpdate } from '../src/collab/protocol.js';

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

/** The editor's client: a stock provider with the shared SaveReceipts, as use-article-editor.ts builds it. */
function editorClient(target: Target, articleId: string, actor: Actor) {
  const doc = new Y.Doc();
  const seen: number[] = [];
  const receipts = new SaveReceipts((state) => seen.push(state.unsaved));
  const provider = new WebsocketProvider(target.wsUrl, articleId, doc, {
    WebSocketPolyfill: receipts.socketClass(authedWebSocket(target, actor)),
    params: { ...SAVE_RECEIPTS_PARAMS },
    disableBc: true,
    maxBackoffTime: 200,
  });
  receipts.listen(provider);
  const client = {
    doc,
    provider,
    receipts,
    seen,
    type(text: string) {
      const p = new Y.XmlElement('paragraph');
      p.insert(0, [new Y.XmlText(text)]);
      bodyOf(doc).push([p]);
    },
    text: () => bodyOf(doc).toString(),
    destroy() {
      provider.destroy();
      doc.destroy();
    },
  };
  cleanups.push(() => client.destroy());
  return client;
}

/** Every message type a raw socket receives. */
function messageTypes(ws: WebSocket): number[] {
  const types: number[] = [];
  ws.on('message', (data: Buffer) => types.push(decoding.readVarUint(decoding.createDecoder(new Uint8Array(data)))));
  return types;
}

describe('save receipts', () => {
  it('says "saved" only once the edit is stored: a kill -9 right then loses nothing', async () => {
    const db: TestDatabase = await createTestDatabase();
    cleanups.push(() => db.remove());
    // Commits at least 50 ms apart: a receipt sent before its commit would be caught here.
    const first = await spawnServer(db.url, { GROUP_COMMIT_MS: '50' });
    cleanups.push(() => first.kill());
    const id = await createArticle(first, 'Receipts');
    const writer = editorClient(first, id, first.admin);
    await waitFor(() => writer.provider.synced && writer.receipts.unsaved === 0);

    writer.type('Polls close at eight.');
    expect(writer.receipts.unsaved).toBe(1);
    await waitFor(() => writer.receipts.unsaved === 0, { interval: 1 });
    writer.type('Counting starts at nine.');
    await waitFor(() => writer.receipts.unsaved === 0, { interval: 1 });
    await first.kill('SIGKILL');
    writer.destroy();
    expect(writer.seen).toContain(1);

    const second = await spawnServer(db.url);
    cleanups.push(() => second.kill());
    const reader = editorClient(second, id, second.admin);
    await waitFor(() => reader.provider.synced);
    expect(reader.text()).toContain('Polls close at eight.');
    expect(reader.text()).toContain('Counting starts at nine.');
  });

  it('counts many quick edits, and a repeat, until every one is stored', async () => {
    const server: TestServer = await startTestServer();
    cleanups.push(() => server.dispose());
    const id = await createArticle(server, 'Burst');
    const writer = editorClient(server, id, server.admin);
    await waitFor(() => writer.provider.synced && writer.receipts.unsaved === 0);
    for (let i = 0; i < 50; i++) writer.type(`Line ${i}.`);
    expect(writer.receipts.unsaved).toBe(50);
    // A repeat of what the server has needs no storing; it is confirmed in turn.
    (writer.provider.ws as unknown as WebSocket).send(encodeUpdate(Y.encodeStateAsUpdate(writer.doc)));
    await waitFor(() => writer.receipts.unsaved === 0);
    expect(Math.max(...writer.seen)).toBeGreaterThanOrEqual(50);
  });

  it('never confirms what a read-only writer typed', async () => {
    const server: TestServer = await startTestServer();
    cleanups.push(() => server.dispose());
    const writer = await createPerson(server, 'writer');
    const id = await createArticle(server, 'Submitted', writer);
    const submitted = await api(server, writer, 'POST', `/api/articles/${id}/transitions`, { action: 'submit' });
    expect(submitted.status).toBe(200);
    const client = editorClient(server, id, writer);
    // Its answer to the server's sync request holds nothing new: confirmed, not refused.
    await waitFor(() => client.provider.synced && client.receipts.unsaved === 0 && client.seen.includes(1));
    expect(client.receipts.state.refused).toBeUndefined();
    client.type('Typed after submitting.');
    // Refused (permission denied, with the server's reason): not saved, and the editor says why.
    await waitFor(() => client.receipts.state.refused !== undefined);
    expect(client.receipts.state).toEqual({ unsaved: 1, refused: 'This article is read-only for you.' });
    const probe = editorClient(server, id, server.admin);
    await waitFor(() => probe.provider.synced);
    expect(probe.text()).not.toContain('Typed after submitting.');
    expect(client.receipts.unsaved).toBe(1);
  });

  it('is not sent to clients that did not ask (stock y-websocket clients log unknown types)', async () => {
    const server: TestServer = await startTestServer();
    cleanups.push(() => server.dispose());
    const id = await createArticle(server, 'Stock');
    const watcher = editorClient(server, id, server.admin);
    await waitFor(() => watcher.provider.synced);
    const stock = await rawSocket(server, id);
    cleanups.push(() => stock.close());
    const types = messageTypes(stock);
    const other = new Y.Doc();
    other.getText('headline').insert(0, 'stock client edit');
    stock.send(encodeUpdate(Y.encodeStateAsUpdate(other)));
    await waitFor(() => watcher.doc.getText('headline').toString().includes('stock client edit'));
    // A sync request after the update: its answer comes after anything the update caused.
    stock.send(encodeSyncStep1(Y.encodeStateVector(other)));
    await waitFor(() => types.includes(MessageType.sync));
    expect(types).not.toContain(MessageType.saved);
  });
});
