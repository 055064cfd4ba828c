/**
 * Opens the database named by the config (SQLite file by default, PostgreSQL by URL), applies
 * pending migrations, and hands out one Kysely instance for the whole process.
 */
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import SQLite from 'better-sqlite3';
import { Kysely, Migrator, SqliteDialect } from 'kysely';
import type { Config } from '../env.js';
import { migrationProvider } from './migrations.js';
import type { DB } from './schema.js';

export type DatabaseKind = Config['database']['kind'];

export interface Database {
  kind: DatabaseKind;
  db: Kysely<DB>;
  close(): Promise<void>;
}

export async function openDatabase(config: Config['database']): Promise<Database> {
  if (config.kind === 'postgres') {
    throw new Error('PostgreSQL support is not built yet: set DATABASE_URL to a file path.');
  }
  if (config.path !== ':memory:') mkdirSync(dirname(config.path), { recursive: true });
  const sqlite = new SQLite(config.path);
  // WAL with synchronous=NORMAL: a committed transaction survives a process crash (kill -9);
  // only an OS crash or power loss can take the last commits back.
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('synchronous = NORMAL');
  sqlite.pragma('foreign_keys = ON');
  sqlite.pragma('busy_timeout = 5000');
  const db = new Kysely<DB>({ dialect: new SqliteDialect({ database: sqlite }) });
  await migrate(db, 'sqlite');
  return { kind: 'sqlite', db, close: () => db.destroy() };
}

async function migrate(db: Kysely<DB>, kind: DatabaseKind): Promise<void> {
  const migrator = new Migrator({ db, provider: migrationProvider(kind) });
  const { error, results } = await migrator.migrateToLatest();
  const failed = results?.find((r) => r.status === 'Error');
  if (error || failed) {
    throw new Error(`Database migration ${failed?.migrationName ?? ''} failed: ${String(error)}`);
  }
}

export function nowIso(): string {
  return new Date().toISOString();
}
