/**
 * Durable storage of article documents: a snapshot per article plus an append-only log of the
 * Yjs updates accepted since. Loading is snapshot + log; compaction folds log rows into the
 * snapshot. All of it behind one small interface so SQLite and PostgreSQL share the callers.
 *
 * Several server nodes may append to and compact one article's log at once (PostgreSQL), so:
 * - a log row's seq says nothing about when it became visible (PostgreSQL hands out sequence
 *   values at insert, and transactions commit in any order): compaction therefore deletes
 *   exactly the rows the caller says it folded, never "everything up to a seq", and loading
 *   reads every row still in the log;
 * - compactions of one article are serialised (an advisory lock on PostgreSQL; SQLite has a
 *   single writer) and each new snapshot is built from the one it replaces, so no node can
 *   overwrite content another node folded in.
 * See docs/scale-out.md.
 */
import { sql, type Kysely, type Transaction } from 'kysely';
import { nowIso, type DatabaseKind } from './database.js';
import type { DB } from './schema.js';

export interface StoredUpdate {
  /**
   * The log row's number: unique among the rows in the log at any moment. On SQLite, the
   * number of a row deleted from the top of the log may be handed out again (a plain rowid:
   * migration 0005); a room drops the seqs a compaction folded before it appends again.
   */
  seq: number;
  data: Uint8Array;
}

export interface StoredDoc {
  snapshot: Uint8Array | null;
  /** Every log row not yet folded into the snapshot, in seq order. */
  updates: StoredUpdate[];
}

export interface AppendEntry {
  articleId: string;
  update: Uint8Array;
}

export interface Compaction {
  /** The new snapshot: holds the stored one and every row listed in `folded`. */
  snapshot: Uint8Array;
  /** Log rows the snapshot holds; exactly these are deleted. */
  folded: readonly number[];
}

export interface DocStore {
  load(articleId: string): Promise<StoredDoc>;
  /** Appends entries in one transaction, in order; resolves with the seq of each entry. */
  append(entries: readonly AppendEntry[]): Promise<number[]>;
  /**
   * Replaces the snapshot, holding the article's compaction lock: `build` gets the snapshot
   * stored now (another node may have written it) and returns the new one and the rows it folds.
   * `build` runs synchronously inside the transaction.
   */
  compact(articleId: string, build: (stored: Uint8Array | null) => Compaction): Promise<void>;
}

/** Rows per INSERT and seqs per DELETE ... IN: far below both databases' parameter limits. */
const CHUNK = 400;

/**
 * First key of the two-key advisory locks that guard compaction ("CDdc"); the second is the
 * article id's hash. Other features that need advisory locks pick another first key.
 */
const COMPACTION_LOCK_CLASS = 0x43446463;

/** A Buffer view of the same bytes (drivers bind Buffers as blobs; no copy). */
export function asBuffer(bytes: Uint8Array): Buffer {
  return Buffer.isBuffer(bytes) ? bytes : Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}

export class KyselyDocStore implements DocStore {
  constructor(
    private readonly db: Kysely<DB>,
    private readonly kind: DatabaseKind,
  ) {}

  async load(articleId: string): Promise<StoredDoc> {
    // One consistent view of snapshot and log: otherwise a compaction committed between the two
    // reads could move rows out of the log into a snapshot this load has already read past.
    let tx = this.db.transaction();
    if (this.kind === 'postgres') tx = tx.setIsolationLevel('repeatable read');
    return tx.execute(async (trx) => {
      const snap = await trx
        .selectFrom('doc_snapshots')
        .select('snapshot')
        .where('article_id', '=', articleId)
        .executeTakeFirst();
      const rows = await trx
        .selectFrom('doc_updates')
        .select(['seq', 'data'])
        .where('article_id', '=', articleId)
        .orderBy('seq')
        .execute();
      return {
        snapshot: snap ? new Uint8Array(snap.snapshot) : null,
        updates: rows.map((r) => ({ seq: Number(r.seq), data: new Uint8Array(r.data) })),
      };
    });
  }

  async append(entries: readonly AppendEntry[]): Promise<number[]> {
    if (entries.length === 0) return [];
    return this.db.transaction().execute(async (trx) => {
      const seqs: number[] = [];
      for (let i = 0; i < entries.length; i += CHUNK) {
        const chunk = entries.slice(i, i + CHUNK);
        const rows = await trx
          .insertInto('doc_updates')
          .values(chunk.map((e) => ({ article_id: e.articleId, data: asBuffer(e.update) })))
          .returning('seq')
          .execute();
        for (const r of rows) seqs.push(Number(r.seq));
      }
      return seqs;
    });
  }

  async compact(articleId: string, build: (stored: Uint8Array | null) => Compaction): Promise<void> {
    await this.db.transaction().execute(async (trx) => {
      await this.lockForCompaction(trx, articleId);
      const stored = await trx
        .selectFrom('doc_snapshots')
        .select(['snapshot', 'upto_seq'])
        .where('article_id', '=', articleId)
        .executeTakeFirst();
      const { snapshot, folded } = build(stored ? new Uint8Array(stored.snapshot) : null);
      // Informational only (the log is read whole on load): the highest row ever folded.
      const uptoSeq = folded.reduce((max, seq) => Math.max(max, seq), Number(stored?.upto_seq ?? 0));
      const values = { snapshot: asBuffer(snapshot), upto_seq: uptoSeq, updated_at: nowIso() };
      await trx
        .insertInto('doc_snapshots')
        .values({ article_id: articleId, ...values })
        .onConflict((oc) => oc.column('article_id').doUpdateSet(values))
        .execute();
      for (let i = 0; i < folded.length; i += CHUNK) {
        await trx
          .deleteFrom('doc_updates')
          .where('article_id', '=', articleId)
          .where('seq', 'in', folded.slice(i, i + CHUNK))
          .execute();
      }
    });
  }

  private async lockForCompaction(trx: Transaction<DB>, articleId: string): Promise<void> {
    // SQLite has one writer at a time; should another process write between this transaction's
    // read and its write, SQLite refuses the write (SQLITE_BUSY_SNAPSHOT): nothing is lost.
    if (this.kind !== 'postgres') return;
    // Released at commit or rollback; a hash collision between two articles only serialises them.
    await sql`select pg_advisory_xact_lock(${COMPACTION_LOCK_CLASS}, hashtext(${articleId}))`.execute(trx);
  }
}
