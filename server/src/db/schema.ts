/** Row types of the database, as Kysely sees them. Timestamps are ISO-8601 UTC strings. */
import type { Generated } from 'kysely';

export interface ArticlesTable {
  id: string;
  headline: string;
  dek: string;
  word_count: number;
  created_at: string;
  updated_at: string;
  created_by: string | null;
}

export interface DocSnapshotsTable {
  article_id: string;
  snapshot: Uint8Array;
  /** Highest doc_updates.seq folded into the snapshot. */
  upto_seq: number;
  updated_at: string;
}

export interface DocUpdatesTable {
  seq: Generated<number>;
  article_id: string;
  data: Uint8Array;
}

export interface UsersTable {
  id: string;
  /** Lower-cased; unique. */
  email: string;
  display_name: string;
  role: 'writer' | 'editor' | 'admin';
  color: string;
  password_hash: string;
  disabled: number;
  created_at: string;
  updated_at: string;
}

export interface SessionsTable {
  /** Hex SHA-256 of the session token; the token itself is never stored. */
  id: string;
  user_id: string;
  expires_at: string;
  created_at: string;
}

export interface ArticleAssigneesTable {
  article_id: string;
  user_id: string;
  assigned_at: string;
}

export interface DB {
  users: UsersTable;
  sessions: SessionsTable;
  article_assignees: ArticleAssigneesTable;
  articles: ArticlesTable;
  doc_snapshots: DocSnapshotsTable;
  doc_updates: DocUpdatesTable;
}
