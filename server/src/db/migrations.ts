/**
 * Schema migrations, in code so the bundle carries them. Each is written once for both
 * dialects; where SQLite and PostgreSQL differ (auto-increment keys, blobs) `kind` decides.
 */
import { sql, type ColumnDefinitionBuilder, type Kysely, type Migration, type MigrationProvider } from 'kysely';
import { randomBytes } from 'node:crypto';
import { sectionKey } from '@copydesk/shared';
import type { DatabaseKind } from './database.js';

function migrations(kind: DatabaseKind): Record<string, Migration> {
  const blob = kind === 'postgres' ? 'bytea' : 'blob';
  return {
    '0001_articles_and_docs': {
      async up(db: Kysely<unknown>) {
        await db.schema
          .createTable('articles')
          .addColumn('id', 'text', (c) => c.primaryKey())
          .addColumn('headline', 'text', (c) => c.notNull().defaultTo(''))
          .addColumn('dek', 'text', (c) => c.notNull().defaultTo(''))
          .addColumn('word_count', 'integer', (c) => c.notNull().defaultTo(0))
          .addColumn('created_at', 'text', (c) => c.notNull())
          .addColumn('updated_at', 'text', (c) => c.notNull())
          .execute();
        await db.schema.createIndex('articles_updated_at').on('articles').column('updated_at').execute();

        await db.schema
          .createTable('doc_snapshots')
          .addColumn('article_id', 'text', (c) => c.primaryKey().references('articles.id').onDelete('cascade'))
          .addColumn('snapshot', sql.raw(blob), (c) => c.notNull())
          .addColumn('upto_seq', 'bigint', (c) => c.notNull())
          .addColumn('updated_at', 'text', (c) => c.notNull())
          .execute();

        await db.schema
          .createTable('doc_updates')
          .addColumn('seq', kind === 'postgres' ? 'bigserial' : 'integer', (c) =>
            kind === 'postgres' ? c.primaryKey() : c.primaryKey().autoIncrement(),
          )
          .addColumn('article_id', 'text', (c) => c.notNull().references('articles.id').onDelete('cascade'))
          .addColumn('data', sql.raw(blob), (c) => c.notNull())
          .execute();
        await db.schema.createIndex('doc_updates_article_seq').on('doc_updates').columns(['article_id', 'seq']).execute();
      },
    },
    '0002_accounts': {
      async up(db: Kysely<unknown>) {
        await db.schema
          .createTable('users')
          .addColumn('id', 'text', (c) => c.primaryKey())
          .addColumn('email', 'text', (c) => c.notNull().unique())
          .addColumn('display_name', 'text', (c) => c.notNull())
          .addColumn('role', 'text', (c) => c.notNull())
          .addColumn('color', 'text', (c) => c.notNull())
          .addColumn('password_hash', 'text', (c) => c.notNull())
          .addColumn('disabled', 'integer', (c) => c.notNull().defaultTo(0))
          .addColumn('created_at', 'text', (c) => c.notNull())
          .addColumn('updated_at', 'text', (c) => c.notNull())
          .execute();

        await db.schema
          .createTable('sessions')
          .addColumn('id', 'text', (c) => c.primaryKey())
          .addColumn('user_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
          .addColumn('expires_at', 'text', (c) => c.notNull())
          .addColumn('created_at', 'text', (c) => c.notNull())
          .execute();
        await db.schema.createIndex('sessions_user').on('sessions').column('user_id').execute();

        await db.schema
          .alterTable('articles')
          .addColumn('created_by', 'text', (c) => c.references('users.id').onDelete('set null'))
          .execute();

        await db.schema
          .createTable('article_assignees')
          .addColumn('article_id', 'text', (c) => c.notNull().references('articles.id').onDelete('cascade'))
          .addColumn('user_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
          .addColumn('assigned_at', 'text', (c) => c.notNull())
          .addPrimaryKeyConstraint('article_assignees_pk', ['article_id', 'user_id'])
          .execute();
        await db.schema.createIndex('article_assignees_user').on('article_assignees').column('user_id').execute();
      },
    },
    '0003_workflow': {
      async up(db: Kysely<unknown>) {
        const serial = (c: ColumnDefinitionBuilder) => (kind === 'postgres' ? c.primaryKey() : c.primaryKey().autoIncrement());
        const serialType = kind === 'postgres' ? 'bigserial' : 'integer';
        for (const [name, type, def] of [
          ['status', 'text', 'draft'],
          ['section', 'text', ''],
          ['tags', 'text', '[]'],
          ['byline', 'text', ''],
          ['seo_description', 'text', ''],
        ] as const) {
          await db.schema.alterTable('articles').addColumn(name, type, (c) => c.notNull().defaultTo(def)).execute();
        }
        await db.schema.alterTable('articles').addColumn('slug', 'text').execute();
        await db.schema.alterTable('articles').addColumn('slug_locked', 'integer', (c) => c.notNull().defaultTo(0)).execute();
        await db.schema.alterTable('articles').addColumn('publish_at', 'text').execute();
        await db.schema.alterTable('articles').addColumn('status_changed_at', 'text').execute();
        await db.schema.createIndex('articles_slug').on('articles').column('slug').unique().execute();
        await db.schema.createIndex('articles_status').on('articles').column('status').execute();

        await db.schema
          .createTable('audit_log')
          .addColumn('id', serialType, serial)
          .addColumn('article_id', 'text', (c) => c.notNull().references('articles.id').onDelete('cascade'))
          .addColumn('actor_id', 'text', (c) => c.references('users.id').onDelete('set null'))
          .addColumn('action', 'text', (c) => c.notNull())
          .addColumn('from_state', 'text')
          .addColumn('to_state', 'text')
          .addColumn('note', 'text')
          .addColumn('data', 'text', (c) => c.notNull().defaultTo('{}'))
          .addColumn('created_at', 'text', (c) => c.notNull())
          .execute();
        await db.schema.createIndex('audit_log_article').on('audit_log').columns(['article_id', 'id']).execute();

        await db.schema
          .createTable('versions')
          .addColumn('id', serialType, serial)
          .addColumn('article_id', 'text', (c) => c.notNull().references('articles.id').onDelete('cascade'))
          .addColumn('n', 'integer', (c) => c.notNull())
          .addColumn('kind', 'text', (c) => c.notNull())
          .addColumn('name', 'text', (c) => c.notNull().defaultTo(''))
          .addColumn('action', 'text')
          .addColumn('state', 'text', (c) => c.notNull())
          .addColumn('headline', 'text', (c) => c.notNull().defaultTo(''))
          .addColumn('word_count', 'integer', (c) => c.notNull().defaultTo(0))
          .addColumn('snapshot', sql.raw(blob), (c) => c.notNull())
          .addColumn('created_by', 'text', (c) => c.references('users.id').onDelete('set null'))
          .addColumn('created_at', 'text', (c) => c.notNull())
          .addUniqueConstraint('versions_article_n', ['article_id', 'n'])
          .execute();

        await db.schema
          .createTable('comments')
          .addColumn('id', 'text', (c) => c.primaryKey())
          .addColumn('article_id', 'text', (c) => c.notNull().references('articles.id').onDelete('cascade'))
          .addColumn('thread_id', 'text', (c) => c.notNull())
          .addColumn('author_id', 'text', (c) => c.references('users.id').onDelete('set null'))
          .addColumn('body', 'text', (c) => c.notNull())
          .addColumn('anchor_from', 'text')
          .addColumn('anchor_to', 'text')
          .addColumn('quote', 'text', (c) => c.notNull().defaultTo(''))
          .addColumn('resolved', 'integer', (c) => c.notNull().defaultTo(0))
          .addColumn('resolved_by', 'text', (c) => c.references('users.id').onDelete('set null'))
          .addColumn('resolved_at', 'text')
          .addColumn('created_at', 'text', (c) => c.notNull())
          .execute();
        await db.schema.createIndex('comments_article').on('comments').columns(['article_id', 'created_at']).execute();
      },
    },
    '0004_publishing': {
      async up(db: Kysely<unknown>) {
        const serial = (c: ColumnDefinitionBuilder) => (kind === 'postgres' ? c.primaryKey() : c.primaryKey().autoIncrement());
        const serialType = kind === 'postgres' ? 'bigserial' : 'integer';
        await db.schema
          .createTable('revisions')
          .addColumn('id', serialType, serial)
          .addColumn('article_id', 'text', (c) => c.notNull().references('articles.id').onDelete('cascade'))
          .addColumn('number', 'integer', (c) => c.notNull())
          .addColumn('kind', 'text', (c) => c.notNull())
          .addColumn('headline', 'text', (c) => c.notNull())
          .addColumn('dek', 'text', (c) => c.notNull())
          .addColumn('slug', 'text', (c) => c.notNull())
          .addColumn('canonical_url', 'text', (c) => c.notNull())
          .addColumn('byline', 'text', (c) => c.notNull())
          .addColumn('section', 'text', (c) => c.notNull())
          .addColumn('tags', 'text', (c) => c.notNull())
          .addColumn('seo_description', 'text', (c) => c.notNull())
          .addColumn('html', 'text', (c) => c.notNull())
          .addColumn('json', 'text', (c) => c.notNull())
          .addColumn('content_hash', 'text', (c) => c.notNull())
          .addColumn('correction', 'text')
          .addColumn('published_at', 'text', (c) => c.notNull())
          .addColumn('updated_at', 'text', (c) => c.notNull())
          .addColumn('published_by', 'text', (c) => c.references('users.id').onDelete('set null'))
          .addUniqueConstraint('revisions_article_number', ['article_id', 'number'])
          .execute();
        await db.schema.createIndex('revisions_slug').on('revisions').column('slug').execute();

        await db.schema
          .createTable('webhook_endpoints')
          .addColumn('id', 'text', (c) => c.primaryKey())
          .addColumn('url', 'text', (c) => c.notNull())
          .addColumn('description', 'text', (c) => c.notNull().defaultTo(''))
          .addColumn('events', 'text', (c) => c.notNull())
          .addColumn('enabled', 'integer', (c) => c.notNull().defaultTo(1))
          .addColumn('disabled_reason', 'text')
          .addColumn('secret', 'text', (c) => c.notNull())
          .addColumn('previous_secret', 'text')
          .addColumn('previous_secret_until', 'text')
          .addColumn('created_at', 'text', (c) => c.notNull())
          .addColumn('updated_at', 'text', (c) => c.notNull())
          .execute();

        await db.schema
          .createTable('webhook_deliveries')
          .addColumn('id', 'text', (c) => c.primaryKey())
          .addColumn('endpoint_id', 'text', (c) => c.notNull().references('webhook_endpoints.id').onDelete('cascade'))
          .addColumn('event_type', 'text', (c) => c.notNull())
          .addColumn('article_id', 'text')
          .addColumn('payload', 'text', (c) => c.notNull())
          .addColumn('status', 'text', (c) => c.notNull())
          .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
          .addColumn('next_attempt_at', 'text')
          .addColumn('locked_until', 'text')
          .addColumn('last_status_code', 'integer')
          .addColumn('last_error', 'text')
          .addColumn('created_at', 'text', (c) => c.notNull())
          .addColumn('delivered_at', 'text')
          .execute();
        await db.schema.createIndex('webhook_deliveries_due').on('webhook_deliveries').columns(['status', 'next_attempt_at']).execute();
        await db.schema.createIndex('webhook_deliveries_endpoint').on('webhook_deliveries').columns(['endpoint_id', 'created_at']).execute();

        await db.schema
          .createTable('webhook_attempts')
          .addColumn('id', serialType, serial)
          .addColumn('delivery_id', 'text', (c) => c.notNull().references('webhook_deliveries.id').onDelete('cascade'))
          .addColumn('attempt', 'integer', (c) => c.notNull())
          .addColumn('at', 'text', (c) => c.notNull())
          .addColumn('status_code', 'integer')
          .addColumn('duration_ms', 'integer', (c) => c.notNull())
          .addColumn('error', 'text')
          .execute();
        await db.schema.createIndex('webhook_attempts_delivery').on('webhook_attempts').columns(['delivery_id', 'id']).execute();
      },
    },
    '0005_doc_updates_rowid': {
      // SQLite only: the update log's seq becomes a plain rowid key instead of AUTOINCREMENT,
      // whose counter row (sqlite_sequence) was one more page written by every commit of
      // every keystroke. A plain rowid may reuse the number of a row deleted from the top of
      // the log; nothing keeps a deleted seq (the snapshot's upto_seq is informational, and a
      // room forgets the seqs a compaction folded before its next append: see doc-store.ts).
      // PostgreSQL keeps its bigserial, which several nodes rely on.
      async up(db: Kysely<unknown>) {
        if (kind === 'postgres') return;
        await sql`CREATE TABLE doc_updates_rowid (
          seq INTEGER PRIMARY KEY,
          article_id TEXT NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
          data BLOB NOT NULL
        )`.execute(db);
        await sql`INSERT INTO doc_updates_rowid (seq, article_id, data) SELECT seq, article_id, data FROM doc_updates ORDER BY seq`.execute(db);
        await sql`DROP TABLE doc_updates`.execute(db);
        await sql`ALTER TABLE doc_updates_rowid RENAME TO doc_updates`.execute(db);
        await db.schema.createIndex('doc_updates_article_seq').on('doc_updates').columns(['article_id', 'seq']).execute();
      },
    },
    '0006_schedule_failures': {
      // A due publication that failed is recorded, shown and retried only after a change.
      async up(db: Kysely<unknown>) {
        await db.schema.alterTable('articles').addColumn('schedule_failed_at', 'text').execute();
        await db.schema.alterTable('articles').addColumn('schedule_failure', 'text').execute();
      },
    },
    '0006b_unpublished_changes': {
      async up(db: Kysely<unknown>) {
        await db.schema.alterTable('articles').addColumn('unpublished_changes', 'integer', (c) => c.notNull().defaultTo(0)).execute();
      },
    },
    '0007_previous_urls': {
      // Where a published story used to live: a slug or section changed by a published update
      // leaves its old URL here, which then answers 301 to the story's current one, for ever.
      async up(db: Kysely<unknown>) {
        await db.schema
          .createTable('previous_urls')
          .addColumn('id', kind === 'postgres' ? 'bigserial' : 'integer', (c) =>
            kind === 'postgres' ? c.primaryKey() : c.primaryKey().autoIncrement(),
          )
          .addColumn('article_id', 'text', (c) => c.notNull().references('articles.id').onDelete('cascade'))
          .addColumn('slug', 'text', (c) => c.notNull())
          .addColumn('section', 'text', (c) => c.notNull())
          .addColumn('url', 'text', (c) => c.notNull())
          .addColumn('created_at', 'text', (c) => c.notNull())
          .execute();
        await db.schema.createIndex('previous_urls_slug').on('previous_urls').column('slug').execute();
        await db.schema.createIndex('previous_urls_article').on('previous_urls').column('article_id').execute();
      },
    },
    '0008_sections': {
      // The newsroom's sections, kept by admins; articles name one by its exact spelling. Seeded
      // from the sections articles use, one per spelling that differs only in case ("world" and
      // "World"), named as most articles spell it. The articles themselves are left as they are.
      async up(db: Kysely<unknown>) {
        await db.schema
          .createTable('sections')
          .addColumn('id', 'text', (c) => c.primaryKey())
          .addColumn('name', 'text', (c) => c.notNull())
          .addColumn('name_key', 'text', (c) => c.notNull().unique())
          .addColumn('created_at', 'text', (c) => c.notNull())
          .execute();
        const used = await sql<{ section: string; n: number | string }>`
          SELECT section, COUNT(*) AS n FROM articles WHERE section <> '' GROUP BY section ORDER BY section`.execute(db);
        const best = new Map<string, { name: string; n: number }>();
        for (const row of used.rows) {
          const name = row.section.trim();
          const key = sectionKey(name);
          const n = Number(row.n);
          const seen = best.get(key);
          if (name && (!seen || n > seen.n)) best.set(key, { name, n });
        }
        const now = new Date().toISOString();
        for (const [key, { name }] of best) {
          await sql`INSERT INTO sections (id, name, name_key, created_at) VALUES (${randomBytes(12).toString('base64url')}, ${name}, ${key}, ${now})`.execute(db);
        }
      },
    },
    '0008b_desk_at_volume': {
      // The desk lists by stage and by last change, and says who made the last edit to the text.
      async up(db: Kysely<unknown>) {
        await db.schema.alterTable('articles').addColumn('edited_by', 'text').execute();
        await db.schema.createIndex('articles_status_updated_at').on('articles').columns(['status', 'updated_at']).execute();
      },
    },
    '0009_access_requests': {
      // A person who may not open an article asks for access; its assignees and the editors grant
      // (the person becomes an assignee) or dismiss. At most one open request per person and
      // article (the partial unique index), kept after it is decided for the record.
      async up(db: Kysely<unknown>) {
        await db.schema
          .createTable('access_requests')
          .addColumn('id', 'text', (c) => c.primaryKey())
          .addColumn('article_id', 'text', (c) => c.notNull().references('articles.id').onDelete('cascade'))
          .addColumn('requester_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
          .addColumn('message', 'text', (c) => c.notNull().defaultTo(''))
          .addColumn('status', 'text', (c) => c.notNull())
          .addColumn('created_at', 'text', (c) => c.notNull())
          .addColumn('decided_by', 'text', (c) => c.references('users.id').onDelete('set null'))
          .addColumn('decided_at', 'text')
          .execute();
        await db.schema
          .createIndex('access_requests_one_open')
          .on('access_requests')
          .columns(['article_id', 'requester_id'])
          .unique()
          .where(sql.ref('status'), '=', 'open')
          .execute();
        await db.schema.createIndex('access_requests_status').on('access_requests').columns(['status', 'created_at']).execute();
        await db.schema.createIndex('access_requests_requester').on('access_requests').columns(['requester_id', 'created_at']).execute();
      },
    },
    '0009b_session_endings': {
      // Why a session was ended by someone else (a role change): kept a day, so the sign-in page
      // the person lands on can say why.
      async up(db: Kysely<unknown>) {
        await db.schema
          .createTable('session_endings')
          .addColumn('id', 'text', (c) => c.primaryKey())
          .addColumn('reason', 'text', (c) => c.notNull())
          .addColumn('expires_at', 'text', (c) => c.notNull())
          .execute();
      },
    },
    '0009c_webhook_response_bodies': {
      // The first kilobyte of what the receiver answered, shown with each attempt.
      async up(db: Kysely<unknown>) {
        await db.schema.alterTable('webhook_attempts').addColumn('response_body', 'text').execute();
      },
    },
  };
}

export function migrationProvider(kind: DatabaseKind): MigrationProvider {
  return { getMigrations: async () => migrations(kind) };
}
