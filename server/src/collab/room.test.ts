/**
 * The room's metadata saves: headline, dek and word count follow the document about a second
 * after an edit; edits that change none of them still mark the article as edited, but at most
 * once per touch interval, and once more when the room unloads. Runs on a real SQLite file.
 */
import { afterEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { bodyOf } from '@copydesk/shared';
import { openDatabase, type Database } from '../db/database.js';
import { SqliteDocStore } from '../db/sqlite-doc-store.js';
import { createLogger } from '../logger.js';
import { tempDir } from '../../test/temp.js';
import type { ArticleMeta } from '../articles/repo.js';
import { localFanout } from './fanout.js';
import { handleMessage } from './messages.js';
import { Room } from './room.js';
import { UpdateWriter } from './update-writer.js';

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

async function room(touchMs: number, saved?: ArticleMeta): Promise<{ room: Room; writer: UpdateWriter; saves: ArticleMeta[] }> {
  const tmp = tempDir();
  const database: Database = await openDatabase({ kind: 'sqlite', path: `${tmp.dir}/db.sqlite` });
  cleanups.push(() => tmp.remove(), () => database.close());
  const now = new Date().toISOString();
  await database.db
    .insertInto('articles')
    .values({ id: 'a1', headline: '', dek: '', word_count: 0, created_at: now, updated_at: now, created_by: null, status: 'draft', section: '', tags: '[]', byline: '', seo_description: '', slug: null, slug_locked: 0, publish_at: null, status_changed_at: now, schedule_failed_at: null, schedule_failure: null, unpublished_changes: 0 })
    .execute();
  const store = new SqliteDocStore(database.sqlite!);
  const log = createLogger('silent');
  const saves: ArticleMeta[] = [];
  const writer = new UpdateWriter(store, log);
  const r = new Room('a1', await store.load('a1'), {
    store,
    writer,
    log,
    fanout: localFanout,
    compactAfterUpdates: 1000,
    limits: { maxBytes: 4 * 1024 * 1024, maxDepth: 32 },
    metaDelayMs: 5,
    metaTouchMs: touchMs,
    saveMeta: async (_id, meta) => {
      saves.push(meta);
    },
  }, saved);
  cleanups.push(() => r.destroy());
  return { room: r, writer, saves };
}

function type(doc: Y.Doc, text: string): void {
  const body = bodyOf(doc);
  let p = body.get(0) as Y.XmlElement | undefined;
  if (!p) {
    p = new Y.XmlElement('paragraph');
    p.insert(0, [new Y.XmlText('')]);
    body.insert(0, [p]);
  }
  const t = p.get(0) as Y.XmlText;
  t.insert(t.length, text);
}

const settle = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('room metadata saves', () => {
  it('saves when the word count changes, holds back saves that change nothing until the touch interval', async () => {
    const { room: r, writer, saves } = await room(60_000);
    r.doc.transact(() => type(r.doc, 'Two words'));
    await r.finalize();
    expect(saves).toEqual([{ headline: '', dek: '', wordCount: 2 }]);

    // Same word count: nothing saved now...
    r.doc.transact(() => type(r.doc, 'x'));
    await writer.flushed();
    await settle(50);
    expect(saves).toHaveLength(1);
    // ...but a new word is saved at once.
    r.doc.transact(() => type(r.doc, ' three'));
    await writer.flushed();
    await settle(50);
    expect(saves.map((m) => m.wordCount)).toEqual([2, 3]);
    // Edits that change nothing are still marked when the room unloads.
    r.doc.transact(() => type(r.doc, 'y'));
    await r.finalize();
    expect(saves.map((m) => m.wordCount)).toEqual([2, 3, 3]);
  });

  it('compares with what the article row held at load: no save until the document differs from it', async () => {
    const { room: r, writer, saves } = await room(60_000, { headline: '', dek: '', wordCount: 1 });
    r.doc.transact(() => type(r.doc, 'One'));
    await writer.flushed();
    await settle(50);
    expect(saves).toEqual([]);
    r.doc.transact(() => type(r.doc, ' two'));
    await writer.flushed();
    await settle(50);
    expect(saves).toEqual([{ headline: '', dek: '', wordCount: 2 }]);
  });

  it('marks an article edited once the touch interval has passed', async () => {
    const { room: r, writer, saves } = await room(100);
    r.doc.transact(() => type(r.doc, 'One'));
    await r.finalize();
    r.doc.transact(() => type(r.doc, 'x'));
    await writer.flushed();
    await settle(30);
    expect(saves).toHaveLength(1);
    await settle(200);
    expect(saves).toHaveLength(2);
  });
});

/** A peer that records what it is sent (the room's side of a connection, without a socket). */
function recordingPeer(name: string) {
  const got: { how: 'send' | 'sendAll'; count: number }[] = [];
  const peer = {
    name,
    readOnly: false,
    refusedUpdates: false,
    awarenessIds: new Set<number>(),
    identity: { id: name, name, color: '#000' },
    got,
    send: () => got.push({ how: 'send', count: 1 }),
    sendAll: (messages: readonly unknown[]) => got.push({ how: 'sendAll', count: messages.length }),
  };
  return peer;
}

function updateFrom(clientId: number, text: string): Uint8Array {
  const doc = new Y.Doc();
  doc.clientID = clientId;
  doc.getText('headline').insert(0, text);
  return Y.encodeStateAsUpdate(doc);
}

describe('room broadcasts', () => {
  it('sends a peer the updates of one commit in one write, and no peer its own', async () => {
    const { room: r, writer } = await room(60_000);
    const [a, b, c] = ['a', 'b', 'c'].map(recordingPeer);
    for (const p of [a!, b!, c!]) r.peers.add(p);
    handleMessage(r, a!, { type: 'sync-update', update: updateFrom(1, 'from a') });
    handleMessage(r, b!, { type: 'sync-update', update: updateFrom(2, 'from b') });
    await writer.flushed();
    expect(c!.got).toEqual([{ how: 'sendAll', count: 2 }]);
    expect(a!.got).toEqual([{ how: 'send', count: 1 }]);
    expect(b!.got).toEqual([{ how: 'send', count: 1 }]);
    expect(r.doc.getText('headline').toString()).toContain('from a');
  });
});

/** "stored text" compacted into a snapshot, loaded into a new room that a reader has joined. */
async function readerOfSnapshot() {
  const { room: first, writer } = await room(60_000);
  handleMessage(first, recordingPeer('w') as never, { type: 'sync-update', update: updateFrom(1, 'stored text') });
  await writer.flushed();
  await first.compact();
  const stored = await first['deps'].store.load('a1');
  expect(stored.updates).toEqual([]);

  const r = new Room('a1', stored, first['deps']);
  cleanups.push(() => r.destroy());
  const reader = recordingPeer('r');
  const sent: Uint8Array[] = [];
  reader.send = ((m: Uint8Array) => void sent.push(m)) as never;
  r.join(reader as never);
  return { r, reader, sent, stored, writer };
}

describe('a room loaded from a snapshot', () => {
  it('answers a new reader with the stored snapshot, then takes edits on top of it', async () => {
    const { r, reader, sent, stored, writer } = await readerOfSnapshot();
    handleMessage(r, reader as never, { type: 'sync-step1', stateVector: Uint8Array.of(0) });
    // The reply is the snapshot as stored: [sync, step 2, length, snapshot].
    const reply = sent.find((m) => m[0] === 0 && m[1] === 1)!;
    expect(Buffer.from(reply).includes(Buffer.from(stored.snapshot!))).toBe(true);

    handleMessage(r, reader as never, { type: 'sync-update', update: updateFrom(2, 'new ') });
    await writer.flushed();
    expect(r.doc.getText('headline').toString()).toContain('stored text');
    expect(r.doc.getText('headline').toString()).toContain('new');
  });
});

describe('a room only read from', () => {
  it('never builds its document: the sync request comes from the snapshot, a reader’s empty answer is not applied', async () => {
    const { r, reader, sent, stored, writer } = await readerOfSnapshot();
    // The server's sync request is sent at once, with the snapshot's state vector.
    const sv = Y.encodeStateVectorFromUpdate(stored.snapshot!);
    expect(Buffer.from(sent[0]!).subarray(3).equals(Buffer.from(sv))).toBe(true);
    handleMessage(r, reader as never, { type: 'sync-step1', stateVector: Uint8Array.of(0) });
    handleMessage(r, reader as never, { type: 'sync-update', update: Y.encodeStateAsUpdate(new Y.Doc(), sv) });
    await writer.flushed();
    expect(r.built).toBe(false);

    handleMessage(r, reader as never, { type: 'sync-update', update: updateFrom(2, 'an edit') });
    expect(r.built).toBe(true);
    expect(r.doc.getText('headline').toString()).toContain('stored text');
  });
});
