/**
 * What the server stores and relays of a client's update: the bytes as the client sent them
 * (no re-encoding per transaction), once; a repeat of what the document already holds neither;
 * an update whose dependency has not arrived yet both (every peer then holds it back too, and
 * all converge once the dependency comes).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import type { WebSocket } from 'ws';
import { MessageType, SyncType } from '@copydesk/shared';
import { connectClient, createArticle, rawSocket, startTestServer, storedLog, synced, waitFor, type TestServer } from './helpers.js';

let server: TestServer;

beforeAll(async () => {
  server = await startTestServer();
});

afterAll(async () => {
  await server.dispose();
});

function updateFrame(update: Uint8Array): Uint8Array {
  const e = encoding.createEncoder();
  encoding.writeVarUint(e, MessageType.sync);
  encoding.writeVarUint(e, SyncType.update);
  encoding.writeVarUint8Array(e, update);
  return encoding.toUint8Array(e);
}

/** Collects the Yjs updates (sync step 2 and update messages) a raw socket receives. */
function collectUpdates(ws: WebSocket): Uint8Array[] {
  const received: Uint8Array[] = [];
  ws.on('message', (data: Buffer) => {
    const d = decoding.createDecoder(new Uint8Array(data));
    if (decoding.readVarUint(d) !== MessageType.sync) return;
    const sub = decoding.readVarUint(d);
    if (sub === SyncType.update) received.push(decoding.readVarUint8Array(d));
  });
  return received;
}

/** The update each of `edits` makes to `doc`, in order. */
function recordEdits(doc: Y.Doc, edits: ((doc: Y.Doc) => void)[]): Uint8Array[] {
  const updates: Uint8Array[] = [];
  const grab = (u: Uint8Array) => updates.push(u);
  doc.on('update', grab);
  for (const edit of edits) edit(doc);
  doc.off('update', grab);
  return updates;
}

describe('relaying client updates', () => {
  it('relays and stores an update once, as sent; a repeat is neither relayed nor stored', async () => {
    const articleId = await createArticle(server, 'Relay');
    const before = (await storedLog(server.database, articleId)).logRows;
    const sender = await rawSocket(server, articleId);
    const reader = await rawSocket(server, articleId);
    const got = collectUpdates(reader);
    const [first, second] = recordEdits(new Y.Doc(), [(d) => d.getText('t').insert(0, 'one'), (d) => d.getText('t').insert(3, ' two')]);

    sender.send(updateFrame(first!));
    await waitFor(() => got.length === 1, { message: 'reader never got the update' });
    expect(got[0]).toEqual(first);

    sender.send(updateFrame(first!));
    sender.send(updateFrame(second!));
    await waitFor(() => got.length >= 2, { message: 'reader never got the second update' });
    // The repeat came before the second update: had it been relayed, it would be got[1].
    expect(got.slice(1)).toEqual([second]);
    await waitFor(async () => (await storedLog(server.database, articleId)).logRows === before + 2, {
      message: 'expected exactly two more log rows',
    });
    sender.close();
    reader.close();
  });

  it('relays an update that waits for a missing dependency, and everyone converges when it arrives', async () => {
    const articleId = await createArticle(server, 'Out of order');
    const sender = await rawSocket(server, articleId);
    const peer = connectClient(server, articleId);
    await synced(peer);
    const [first, second] = recordEdits(new Y.Doc(), [(d) => d.getText('t').insert(0, 'abc'), (d) => d.getText('t').insert(3, 'def')]);

    const before = (await storedLog(server.database, articleId)).logRows;
    // The second edit builds on the first; it arrives first, and again: held back once.
    const reader = await rawSocket(server, articleId);
    const got = collectUpdates(reader);
    sender.send(updateFrame(second!));
    sender.send(updateFrame(second!));
    await waitFor(() => peer.doc.store.pendingStructs !== null, { message: 'the peer never got the held-back update' });
    expect(peer.doc.getText('t').toString()).toBe('');
    sender.send(updateFrame(first!));
    await waitFor(() => got.length >= 2, { message: 'the reader never got both updates' });
    expect(got).toEqual([second, first]);
    expect((await storedLog(server.database, articleId)).logRows).toBe(before + 2);
    reader.close();
    await waitFor(() => peer.doc.getText('t').toString() === 'abcdef', { message: 'the peer never converged' });
    sender.close();
    peer.destroy();

    // Both are in the log: a new reader gets the whole text.
    const late = connectClient(server, articleId);
    await synced(late);
    await waitFor(() => late.doc.getText('t').toString() === 'abcdef', { message: 'a late reader missed text' });
    late.destroy();
  });
});
