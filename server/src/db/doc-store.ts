/**
 * Durable storage of article documents: a snapshot per article plus an append-only log of the
 * Yjs updates accepted since. Loading is snapshot + log; compaction folds the log into a new
 * snapshot. All of it behind one small interface so SQLite and PostgreSQL share the callers.
 */
import type { Kysely } from 'kysely';
import { nowIso } from './database.js';
import type { DB } from './schema.js';

export interface StoredDoc {
  snapshot: Uint8Array | null;
  updates: Uint8Array[];
  /** Highest log seq included in what was loaded (0 when nothing). */
  lastSeq: number;
}

export interface AppendEntry {
  articleId: string;
  update: Uint8Array;
}

export interface DocStore {
  load(articleId: string): Promise<StoredDoc>;
  /** Appends entries in one transaction, in order; resolves with the seq of each entry. */
  append(entries: readonly AppendEntry[]): Promise<number[]>;
  /** Replaces the snapshot with `snapshot`, which holds every log entry up to `uptoSeq`. */
  compact(articleId: string, snapshot: Uint8Array, uptoSeq: number): Promise<void>;
}

const INSERT_CHUNK = 400;

/** A Buffer view of the same bytes (drivers bind Buffers as blobs; no copy). */
function asBuffer(bytes: Uint8Array): Buffer {
  return Buffer.isBuffer(bytes) ? bytes : Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}

export class KyselyDocStore implements DocStore {
  constructor(private readonly db: Kysely<DB>) {}

  async load(articleId: string): Promise<StoredDoc> {
    const snap = await this.db
      .selectFrom('doc_snapshots')
      .select(['snapshot', 'upto_seq'])
      .where('article_id', '=', articleId)
      .executeTakeFirst();
    const from = snap ? Number(snap.upto_seq) : 0;
    const rows = await this.db
      .selectFrom('doc_updates')
      .select(['seq', 'data'])
      .where('article_id', '=', articleId)
      .where('seq', '>', from)
      .orderBy('seq')
      .execute();
    return {
      snapshot: snap ? new Uint8Array(snap.snapshot) : null,
      updates: rows.map((r) => new Uint8Array(r.data)),
      lastSeq: rows.length > 0 ? Number(rows[rows.length - 1]!.seq) : from,
    };
  }

  async append(entries: readonly AppendEntry[]): Promise<number[]> {
    if (entries.length === 0) return [];
    return this.db.transaction().execute(async (trx) => {
      const seqs: number[] = [];
      for (let i = 0; i < entries.length; i += INSERT_CHUNK) {
        const chunk = entries.slice(i, i + INSERT_CHUNK);
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

  async compact(articleId: string, snapshot: Uint8Array, uptoSeq: number): Promise<void> {
    await this.db.transaction().execute(async (trx) => {
      await trx
        .insertInto('doc_snapshots')
        .values({ article_id: articleId, snapshot: asBuffer(snapshot), upto_seq: uptoSeq, updated_at: nowIso() })
        .onConflict((oc) =>
          oc.column('article_id').doUpdateSet({ snapshot: asBuffer(snapshot), upto_seq: uptoSeq, updated_at: nowIso() }),
        )
        .execute();
      await trx.deleteFrom('doc_updates').where('article_id', '=', articleId).where('seq', '<=', uptoSeq).execute();
    });
  }
}
