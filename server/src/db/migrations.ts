/**
 * Schema migrations, in code so the bundle carries them. Each is written once for both
 * dialects; where SQLite and PostgreSQL differ (auto-increment keys, blobs) `kind` decides.
 */
import { sql, type Kysely, type Migration, type MigrationProvider } from 'kysely';
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
  };
}

export function migrationProvider(kind: DatabaseKind): MigrationProvider {
  return { getMigrations: async () => migrations(kind) };
}
