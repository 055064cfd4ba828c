/**
 * The document store's contract with several writers (nodes) on one database: compaction
 * deletes only the rows it folded, builds on the snapshot another node stored, and loading
 * sees everything not folded. Runs on the database the suite is set to (SQLite or PostgreSQL).
 */
import { afterEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import type { Database } from '../src/db/database.js';
import { KyselyDocStore } from '../src/db/doc-store.js';
import { createTestDatabase, type TestDatabase } from './helpers.js';

let database: TestDatabase | undefined;
let opened: Database | undefined;

afterEach(async () => {
  await opened?.close();
  await database?.remove();
  opened = database = undefined;
});

async function store(): Promise<KyselyDocStore> {
  database = await createTestDatabase();
  opened = await database.open();
  const now = new Date().toISOString();
  await opened.db
    .insertInto('articles')
    .values({ id: 'a1', headline: '', dek: '', word_count: 0, created_at: now, updated_at: now, created_by: null, status: 'draft', section: '', tags: '[]', byline: '', seo_description: '', slug: null, slug_locked: 0, publish_at: null, status_changed_at: now })
    .execute();
  return new KyselyDocStore(opened.db, opened.kind);
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

describe('document store with several writers', () => {
  it('keeps log rows a compacting node has not applied, even below the seqs it folded', async () => {
    const s = await store();
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
    const s = await store();
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
    const s = await store();
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
