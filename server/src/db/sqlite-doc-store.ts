/**
 * The document store on SQLite through better-sqlite3 directly: statements prepared once and
 * run synchronously. Appends are on the path of every keystroke (the update writer commits each
 * batch before anyone sees it), and the query builder cost a compile, a statement prepare and
 * several promise hops per query: under load, most of the server's CPU outside Yjs and the
 * sockets. Same tables and the same contract as KyselyDocStore, which PostgreSQL keeps using
 * (server/test/doc-store.test.ts runs both against one contract).
 */
import type SQLite from 'better-sqlite3';
import { nowIso, outsideTransactions } from './database.js';
import { asBuffer, type AppendEntry, type Compaction, type DocStore, type StoredDoc } from './doc-store.js';

interface SnapshotRow {
  snapshot: Buffer;
  upto_seq: number | bigint;
}

interface UpdateRow {
  seq: number | bigint;
  data: Buffer;
}

export class SqliteDocStore implements DocStore {
  private readonly selectSnapshot: SQLite.Statement<[string], SnapshotRow>;
  private readonly selectUpdates: SQLite.Statement<[string], UpdateRow>;
  private readonly appendAll: (entries: readonly AppendEntry[]) => number[];
  private readonly compactTx: (articleId: string, build: (stored: Uint8Array | null) => Compaction) => void;

  constructor(private readonly db: SQLite.Database) {
    this.selectSnapshot = db.prepare('SELECT snapshot, upto_seq FROM doc_snapshots WHERE article_id = ?');
    this.selectUpdates = db.prepare('SELECT seq, data FROM doc_updates WHERE article_id = ? ORDER BY seq');
    // seq is the rowid: run()'s lastInsertRowid, cheaper than a RETURNING clause.
    const insert = db.prepare<[string, Buffer]>('INSERT INTO doc_updates (article_id, data) VALUES (?, ?)');
    this.appendAll = db.transaction((entries: readonly AppendEntry[]) =>
      entries.map((e) => Number(insert.run(e.articleId, asBuffer(e.update)).lastInsertRowid)),
    );
    const upsert = db.prepare<[string, Buffer, number, string]>(
      `INSERT INTO doc_snapshots (article_id, snapshot, upto_seq, updated_at) VALUES (?, ?, ?, ?)
       ON CONFLICT (article_id) DO UPDATE SET snapshot = excluded.snapshot, upto_seq = excluded.upto_seq, updated_at = excluded.updated_at`,
    );
    const fold = db.prepare<[string, number]>('DELETE FROM doc_updates WHERE article_id = ? AND seq = ?');
    // IMMEDIATE: takes the write lock before reading the stored snapshot, so no other process
    // can store one between this read and the write (SQLite's equivalent of the advisory lock).
    this.compactTx = db.transaction((articleId: string, build: (stored: Uint8Array | null) => Compaction) => {
      const stored = this.selectSnapshot.get(articleId);
      const { snapshot, folded } = build(stored ? new Uint8Array(stored.snapshot) : null);
      const uptoSeq = folded.reduce((max, seq) => Math.max(max, seq), Number(stored?.upto_seq ?? 0));
      upsert.run(articleId, asBuffer(snapshot), uptoSeq, nowIso());
      for (const seq of folded) fold.run(articleId, seq);
    }).immediate;
  }

  async load(articleId: string): Promise<StoredDoc> {
    // Both reads run synchronously, back to back: nothing can commit between them.
    const snap = this.selectSnapshot.get(articleId);
    const rows = this.selectUpdates.all(articleId);
    return {
      snapshot: snap ? new Uint8Array(snap.snapshot) : null,
      updates: rows.map((r) => ({ seq: Number(r.seq), data: new Uint8Array(r.data) })),
    };
  }

  async append(entries: readonly AppendEntry[]): Promise<number[]> {
    if (entries.length === 0) return [];
    await outsideTransactions(this.db);
    return this.appendAll(entries);
  }

  async compact(articleId: string, build: (stored: Uint8Array | null) => Compaction): Promise<void> {
    await outsideTransactions(this.db);
    this.compactTx(articleId, build);
  }
}
