/**
 * Migration 0005 on a database written before it: the update log keeps every row, seq and
 * byte, the table loses AUTOINCREMENT, and the server appends to and loads from it as before.
 */
import { afterEach, describe, expect, it } from 'vitest';
import SQLite from 'better-sqlite3';
import { Kysely, Migrator, SqliteDialect, sql } from 'kysely';
import { openDatabase } from '../src/db/database.js';
import { migrationProvider } from '../src/db/migrations.js';
import { SqliteDocStore } from '../src/db/sqlite-doc-store.js';
import { tempDir } from './temp.js';

const cleanups: (() => void | Promise<void>)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

describe('migration 0005 (SQLite update log without AUTOINCREMENT)', () => {
  it('keeps the log of a database written before it', async () => {
    const tmp = tempDir();
    cleanups.push(() => tmp.remove());
    const path = `${tmp.dir}/old.db`;
    const old = new Kysely<unknown>({ dialect: new SqliteDialect({ database: new SQLite(path) }) });
    const result = await new Migrator({ db: old, provider: migrationProvider('sqlite') }).migrateTo('0004_publishing');
    expect(result.error).toBeUndefined();
    const now = new Date().toISOString();
    await sql`INSERT INTO articles (id, headline, dek, word_count, created_at, updated_at, status, section, tags, byline, seo_description, slug_locked, status_changed_at)
      VALUES ('a1', '', '', 0, ${now}, ${now}, 'draft', '', '[]', '', '', 0, ${now})`.execute(old);
    for (const byte of [1, 2, 3]) await sql`INSERT INTO doc_updates (article_id, data) VALUES ('a1', ${Buffer.of(byte)})`.execute(old);
    await sql`DELETE FROM doc_updates WHERE seq = 2`.execute(old);
    await old.destroy();

    const database = await openDatabase({ kind: 'sqlite', path });
    cleanups.push(() => database.close());
    const table = database.sqlite!.prepare("SELECT sql FROM sqlite_master WHERE name = 'doc_updates'").get() as { sql: string };
    expect(table.sql).not.toMatch(/autoincrement/i);
    const store = new SqliteDocStore(database.sqlite!);
    expect((await store.load('a1')).updates).toEqual([
      { seq: 1, data: Uint8Array.of(1) },
      { seq: 3, data: Uint8Array.of(3) },
    ]);
    const [next] = await store.append([{ articleId: 'a1', update: Uint8Array.of(4) }]);
    expect(next).toBe(4);
    // Deleting an article still takes its log with it.
    database.sqlite!.prepare("DELETE FROM articles WHERE id = 'a1'").run();
    expect((await store.load('a1')).updates).toEqual([]);
  });
});
