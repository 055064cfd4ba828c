/** Row types of the database, as Kysely sees them. Timestamps are ISO-8601 UTC strings. */
import type { Generated } from 'kysely';

export interface ArticlesTable {
  id: string;
  headline: string;
  dek: string;
  word_count: number;
  created_at: string;
  updated_at: string;
}

export interface DocSnapshotsTable {
  article_id: string;
  snapshot: Uint8Array;
  /** Highest doc_updates.seq ever folded in; informational (lower rows may still be in the log). */
  upto_seq: number;
  updated_at: string;
}

export interface DocUpdatesTable {
  seq: Generated<number>;
  article_id: string;
  data: Uint8Array;
}

export interface DB {
  articles: ArticlesTable;
  doc_snapshots: DocSnapshotsTable;
  doc_updates: DocUpdatesTable;
}
