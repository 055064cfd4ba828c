/**
 * What the server stores and relays of a client's update: the bytes as the client sent them
 * (no re-encoding per transaction), once; a repeat of what the document already holds neither;
 * an update whose dependency has not arrived yet neither (what it adds cannot be checked until
 * then): the sender is asked for its state instead, and its answer brings both in order.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import * as decoding from 'lib0/decoding';
import type { WebSocket } from 'ws';
import { MessageType, SyncType } from '@copydesk/shared';
import { connectClient, createArticle, rawSocket, startTestServer, storedLog, synced, waitFor, type TestServer } from './helpers.js';
import { encodeUpdate } from '../src/collab/protocol.js';

let server: TestServer;

beforeAll(async () => {
  server = await startTestServer();
});

afterAll(async () => {
  await server.dispose();
});

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

/** Collects the sync requests (step 1) a raw socket receives. */
function collectSyncRequests(ws: WebSocket): Uint8Array[] {
  const received: Uint8Array[] = [];
  ws.on('message', (data: Buffer) => {
    const d = decoding.createDecoder(new Uint8Array(data));
    if (decoding.readVarUint(d) !== MessageType.sync) return;
    if (decoding.readVarUint(d) === SyncType.step1) received.push(decoding.readVarUint8Array(d));
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
    const [first, second] = recordEdits(new Y.Doc(), [(d) => d.getText('headline').insert(0, 'one'), (d) => d.getText('headline').insert(3, ' two')]);

    sender.send(encodeUpdate(first!));
    await waitFor(() => got.length === 1, { message: 'reader never got the update' });
    expect(got[0]).toEqual(first);

    sender.send(encodeUpdate(first!));
    sender.send(encodeUpdate(second!));
    await waitFor(() => got.length >= 2, { message: 'reader never got the second update' });
    // The repeat came before the second update: had it been relayed, it would be got[1].
    expect(got.slice(1)).toEqual([second]);
    await waitFor(async () => (await storedLog(server.database, articleId)).logRows === before + 2, {
      message: 'expected exactly two more log rows',
    });
    sender.close();
    reader.close();
  });

  it('does not store or relay an update that builds on changes the server lacks: it asks the sender for its state', async () => {
    const articleId = await createArticle(server, 'Out of order');
    const sender = await rawSocket(server, articleId);
    const asked = collectSyncRequests(sender);
    const peer = connectClient(server, articleId);
    await synced(peer);
    const [first, second] = recordEdits(new Y.Doc(), [(d) => d.getText('headline').insert(0, 'abc'), (d) => d.getText('headline').insert(3, 'def')]);

    const before = (await storedLog(server.database, articleId)).logRows;
    const reader = await rawSocket(server, articleId);
    const got = collectUpdates(reader);
    const requestsBefore = asked.length;
    // The second edit builds on the first and arrives first: Yjs would hold it back, unchecked.
    sender.send(encodeUpdate(second!));
    await waitFor(() => asked.length > requestsBefore, { message: 'the sender was never asked for its state' });
    expect((await storedLog(server.database, articleId)).logRows).toBe(before);
    // Its answer to that request carries both, in order (here: the two updates merged).
    sender.send(encodeUpdate(Y.mergeUpdates([first!, second!])));
    await waitFor(() => got.length >= 1, { message: 'the reader never got the answer' });
    expect(peer.doc.store.pendingStructs).toBeNull();
    await waitFor(() => peer.doc.getText('headline').toString().includes('abcdef'), { message: 'the peer never converged' });
    expect((await storedLog(server.database, articleId)).logRows).toBe(before + 1);
    reader.close();
    sender.close();
    peer.destroy();

    const late = connectClient(server, articleId);
    await synced(late);
    await waitFor(() => late.doc.getText('headline').toString().includes('abcdef'), { message: 'a late reader missed text' });
    late.destroy();
  });
});
