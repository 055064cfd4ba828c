/**
 * The document store's contract with several writers (nodes) on one database: compaction
 * deletes only the rows it folded, builds on the snapshot another node stored, and loading
 * sees everything not folded. Runs on the database the suite is set to (SQLite or PostgreSQL);
 * on SQLite against both stores (the server's prepared one, and Kysely's).
 */
import { afterEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import type { Database } from '../src/db/database.js';
import { KyselyDocStore, type DocStore } from '../src/db/doc-store.js';
import { SqliteDocStore } from '../src/db/sqlite-doc-store.js';
import { createTestDatabase, testDatabaseKind, type TestDatabase } from './helpers.js';

let database: TestDatabase | undefined;
let opened: Database | undefined;

afterEach(async () => {
  await opened?.close();
  await database?.remove();
  opened = database = undefined;
});

type Make = (d: Database) => DocStore;
const kysely: Make = (d) => new KyselyDocStore(d.db, d.kind);
const prepared: Make = (d) => new SqliteDocStore(d.sqlite!);
const stores: [string, Make][] =
  testDatabaseKind === 'sqlite' ? [['SqliteDocStore', prepared], ['KyselyDocStore', kysely]] : [['KyselyDocStore', kysely]];

async function store(make: Make = kysely): Promise<DocStore> {
  database = await createTestDatabase();
  opened = await database.open();
  const now = new Date().toISOString();
  await opened.db
    .insertInto('articles')
    .values({ id: 'a1', headline: '', dek: '', word_count: 0, created_at: now, updated_at: now, created_by: null, status: 'draft', section: '', tags: '[]', byline: '', seo_description: '', slug: null, slug_locked: 0, publish_at: null, status_changed_at: now, schedule_failed_at: null, schedule_failure: null, unpublished_changes: 0 })
    .execute();
  return make(opened);
}

/** A node's replica: a doc, and the log rows it has applied. */
function replica() {
  const doc = new Y.Doc();
  const applied = new Set<number>();
  return { doc, applied, words: () => doc.getArray<string>('w').toArray().sort() };
}

function edit(doc: Y.Doc, word: string): Uint8Array {
  let update: Uint8Array | undefined;
  const grab = (u: Uint8Array) => (update = u);
  doc.once('update', grab);
  doc.getArray<string>('w').push([word]);
  return update!;
}

function load(stored: { snapshot: Uint8Array | null; updates: { data: Uint8Array }[] }): string[] {
  const doc = new Y.Doc();
  if (stored.snapshot) Y.applyUpdate(doc, stored.snapshot);
  for (const u of stored.updates) Y.applyUpdate(doc, u.data);
  return doc.getArray<string>('w').toArray().sort();
}

describe.each(stores)('%s', (_name, make) => {
  it('appends in order, loads what it appended, and keeps views of larger buffers to their bytes', async () => {
    const s = await store(make);
    expect(await s.load('a1')).toEqual({ snapshot: null, updates: [] });
    expect(await s.append([])).toEqual([]);
    const big = new Uint8Array([7, 7, 1, 2, 3, 7]);
    const seqs = await s.append([
      { articleId: 'a1', update: big.subarray(2, 5) },
      { articleId: 'a1', update: new Uint8Array([4]) },
    ]);
    expect(seqs[0]!).toBeLessThan(seqs[1]!);
    expect(await s.load('a1')).toEqual({
      snapshot: null,
      updates: [
        { seq: seqs[0], data: new Uint8Array([1, 2, 3]) },
        { seq: seqs[1], data: new Uint8Array([4]) },
      ],
    });
  });

  it('appends a batch whole or not at all', async () => {
    const s = await store(make);
    await expect(
      s.append([
        { articleId: 'a1', update: new Uint8Array([1]) },
        { articleId: 'no-such-article', update: new Uint8Array([2]) },
      ]),
    ).rejects.toThrow();
    expect((await s.load('a1')).updates).toEqual([]);
  });

  it('compacts: the snapshot replaces exactly the folded rows', async () => {
    const s = await store(make);
    const a = replica();
    const [first] = await s.append([{ articleId: 'a1', update: edit(a.doc, 'one') }]);
    const [second] = await s.append([{ articleId: 'a1', update: edit(replica().doc, 'two') }]);
    await s.compact('a1', () => ({ snapshot: Y.encodeStateAsUpdate(a.doc), folded: [first!] }));
    const stored = await s.load('a1');
    expect(stored.updates.map((u) => u.seq)).toEqual([second]);
    expect(load(stored)).toEqual(['one', 'two']);
  });
});

// SQLite's own store: nothing to run on the PostgreSQL pass (the SQLite pass runs it).
if (testDatabaseKind === 'sqlite') describe('SqliteDocStore beside a Kysely transaction', () => {
  it('waits for a transaction left open across an await instead of committing inside it', async () => {
    const s = await store(prepared);
    let release!: () => void;
    let begun!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    const inside = new Promise<void>((r) => (begun = r));
    const rolledBack = opened!.db.transaction().execute(async (trx) => {
      await trx.updateTable('articles').set({ headline: 'x' }).where('id', '=', 'a1').execute();
      begun();
      await gate;
      throw new Error('roll back');
    });
    await inside;
    expect(opened!.sqlite!.inTransaction).toBe(true);
    const appended = s.append([{ articleId: 'a1', update: new Uint8Array([5]) }]);
    await new Promise((r) => setTimeout(r, 20));
    release();
    await expect(rolledBack).rejects.toThrow('roll back');
    await appended;
    // Had the append joined the open transaction, the rollback would have taken it too.
    expect((await s.load('a1')).updates.map((u) => [...u.data])).toEqual([[5]]);
  });
});

describe.each(stores)('%s with several writers', (_name, make) => {
  it('keeps log rows a compacting node has not applied, even below the seqs it folded', async () => {
    const s = await store(make);
    const a = replica();
    const b = replica();
    // B's row gets the lower seq but A never receives it (say it is still on its way).
    const [bSeq] = await s.append([{ articleId: 'a1', update: edit(b.doc, 'from-b') }]);
    const [aSeq] = await s.append([{ articleId: 'a1', update: edit(a.doc, 'from-a') }]);
    expect(bSeq!).toBeLessThan(aSeq!);
    a.applied.add(aSeq!);
    await s.compact('a1', () => ({ snapshot: Y.encodeStateAsUpdate(a.doc), folded: [...a.applied] }));

    const stored = await s.load('a1');
    expect(stored.updates.map((u) => u.seq)).toEqual([bSeq]);
    expect(load(stored)).toEqual(['from-a', 'from-b']);
  });

  it('builds each snapshot on the stored one, so a later compaction cannot drop what an earlier one folded', async () => {
    const s = await store(make);
    const a = replica();
    const b = replica();
    const [aSeq] = await s.append([{ articleId: 'a1', update: edit(a.doc, 'from-a') }]);
    const [bSeq] = await s.append([{ articleId: 'a1', update: edit(b.doc, 'from-b') }]);
    await s.compact('a1', () => ({ snapshot: Y.encodeStateAsUpdate(a.doc), folded: [aSeq!] }));

    // B has not seen A's edit; the store hands it A's snapshot to build on.
    let handed: Uint8Array | null = null;
    await s.compact('a1', (previous) => {
      handed = previous;
      if (previous) Y.applyUpdate(b.doc, previous);
      return { snapshot: Y.encodeStateAsUpdate(b.doc), folded: [bSeq!] };
    });
    expect(handed).not.toBeNull();
    expect(b.words()).toEqual(['from-a', 'from-b']);

    const stored = await s.load('a1');
    expect(stored.updates).toEqual([]);
    expect(load(stored)).toEqual(['from-a', 'from-b']);
  });

  it('serialises concurrent compactions of one article', async () => {
    const s = await store(make);
    const replicas = [replica(), replica(), replica(), replica()];
    const seqs = await s.append(replicas.map((r, i) => ({ articleId: 'a1', update: edit(r.doc, `w${i}`) })));
    await Promise.all(
      replicas.map((r, i) =>
        s.compact('a1', (previous) => {
          if (previous) Y.applyUpdate(r.doc, previous);
          return { snapshot: Y.encodeStateAsUpdate(r.doc), folded: [seqs[i]!] };
        }),
      ),
    );
    const stored = await s.load('a1');
    expect(stored.updates).toEqual([]);
    expect(load(stored)).toEqual(['w0', 'w1', 'w2', 'w3']);
  });
});
