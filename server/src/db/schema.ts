/** Row types of the database, as Kysely sees them. Timestamps are ISO-8601 UTC strings. */
import type { Generated } from 'kysely';
import type { ArticleState } from '@copydesk/shared';

export interface ArticlesTable {
  id: string;
  headline: string;
  dek: string;
  word_count: number;
  created_at: string;
  updated_at: string;
  created_by: string | null;
  status: ArticleState;
  section: string;
  /** JSON array of strings. */
  tags: string;
  byline: string;
  seo_description: string;
  slug: string | null;
  /** 1 once someone set the slug by hand; until then it follows the headline. */
  slug_locked: number;
  publish_at: string | null;
  status_changed_at: string | null;
  /** When a due scheduled publication failed, and why (the scheduler waits for a change). */
  schedule_failed_at: string | null;
  schedule_failure: string | null;
  /** 1 while published and the live document differs from the latest revision. */
  unpublished_changes: number;
  /** The account whose edit to the text was saved last (0008b); null when unknown. */
  edited_by: string | null;
}

export interface SectionsTable {
  id: string;
  name: string;
  /** `sectionKey(name)`: unique, so "World" and "world" are one section. */
  name_key: string;
  created_at: string;
}

export interface AuditLogTable {
  id: Generated<number>;
  article_id: string;
  actor_id: string | null;
  action: string;
  from_state: string | null;
  to_state: string | null;
  note: string | null;
  /** JSON object with action-specific details. */
  data: string;
  created_at: string;
}

export interface VersionsTable {
  id: Generated<number>;
  article_id: string;
  n: number;
  kind: 'transition' | 'auto' | 'named' | 'restore';
  name: string;
  action: string | null;
  state: string;
  headline: string;
  word_count: number;
  snapshot: Uint8Array;
  created_by: string | null;
  created_at: string;
}

export interface CommentsTable {
  id: string;
  article_id: string;
  thread_id: string;
  author_id: string | null;
  body: string;
  anchor_from: string | null;
  anchor_to: string | null;
  quote: string;
  resolved: number;
  resolved_by: string | null;
  resolved_at: string | null;
  created_at: string;
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

export interface RevisionsTable {
  id: Generated<number>;
  article_id: string;
  number: number;
  kind: 'publish' | 'update';
  headline: string;
  dek: string;
  slug: string;
  canonical_url: string;
  byline: string;
  section: string;
  /** JSON array of strings. */
  tags: string;
  seo_description: string;
  html: string;
  /** The sanitised ProseMirror JSON of the body. */
  json: string;
  content_hash: string;
  correction: string | null;
  published_at: string;
  updated_at: string;
  published_by: string | null;
}

/** A URL a published story had before a published update changed its slug or section. */
export interface PreviousUrlsTable {
  id: Generated<number>;
  article_id: string;
  slug: string;
  section: string;
  /** The canonical URL as it was published. */
  url: string;
  created_at: string;
}

export interface WebhookEndpointsTable {
  id: string;
  url: string;
  description: string;
  /** JSON array of event types. */
  events: string;
  enabled: number;
  disabled_reason: string | null;
  secret: string;
  previous_secret: string | null;
  previous_secret_until: string | null;
  created_at: string;
  updated_at: string;
}

export interface WebhookDeliveriesTable {
  /** The webhook-id: stays the same across retries, so receivers can dedupe. */
  id: string;
  endpoint_id: string;
  event_type: string;
  article_id: string | null;
  payload: string;
  status: 'pending' | 'delivered' | 'failed';
  attempts: number;
  next_attempt_at: string | null;
  locked_until: string | null;
  last_status_code: number | null;
  last_error: string | null;
  created_at: string;
  delivered_at: string | null;
}

export interface WebhookAttemptsTable {
  id: Generated<number>;
  delivery_id: string;
  attempt: number;
  at: string;
  status_code: number | null;
  duration_ms: number;
  error: string | null;
  /** The first kilobyte of the receiver's answer, as text (0009c). */
  response_body: string | null;
}

export interface AccessRequestsTable {
  id: string;
  article_id: string;
  requester_id: string;
  message: string;
  status: 'open' | 'granted' | 'dismissed';
  created_at: string;
  decided_by: string | null;
  decided_at: string | null;
}

export interface SessionEndingsTable {
  /** The ended session's id (the hash of its token). */
  id: string;
  /** A sentence for the sign-in page. */
  reason: string;
  expires_at: string;
}

export interface DB {
  sections: SectionsTable;
  access_requests: AccessRequestsTable;
  session_endings: SessionEndingsTable;
  revisions: RevisionsTable;
  previous_urls: PreviousUrlsTable;
  webhook_endpoints: WebhookEndpointsTable;
  webhook_deliveries: WebhookDeliveriesTable;
  webhook_attempts: WebhookAttemptsTable;
  audit_log: AuditLogTable;
  versions: VersionsTable;
  comments: CommentsTable;
  users: UsersTable;
  sessions: SessionsTable;
  article_assignees: ArticleAssigneesTable;
  articles: ArticlesTable;
  doc_snapshots: DocSnapshotsTable;
  doc_updates: DocUpdatesTable;
}
