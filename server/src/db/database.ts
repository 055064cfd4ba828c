/**
 * Opens the database named by the config (SQLite file by default, PostgreSQL by URL), applies
 * pending migrations, and hands out one Kysely instance for the whole process.
 */
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import SQLite from 'better-sqlite3';
import { Kysely, Migrator, PostgresDialect, SqliteDialect, sql } from 'kysely';
import pg from 'pg';
import type { Config } from '../env.js';
import { Checkpointer } from './checkpointer.js';
import { migrationProvider } from './migrations.js';
import type { DB } from './schema.js';

export type DatabaseKind = Config['database']['kind'];

export interface Database {
  kind: DatabaseKind;
  db: Kysely<DB>;
  /** The SQLite connection under `db` (SQLite only). */
  sqlite?: SQLite.Database;
  close(): Promise<void>;
}

export async function openDatabase(config: Config['database']): Promise<Database> {
  return config.kind === 'postgres' ? openPostgres(config.url) : openSqlite(config.path);
}

async function openSqlite(path: string): Promise<Database> {
  if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
  const sqlite = new SQLite(path);
  // WAL with synchronous=NORMAL: a committed transaction survives a process crash (kill -9);
  // only an OS crash or power loss can take the last commits back.
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('synchronous = NORMAL');
  sqlite.pragma('foreign_keys = ON');
  sqlite.pragma('busy_timeout = 5000');
  // Most checkpoint work runs on a worker thread (see checkpointer.ts), not inside our commits.
  const checkpointer = path !== ':memory:' ? new Checkpointer(path) : undefined;
  const db = new Kysely<DB>({ dialect: new SqliteDialect({ database: sqlite }) });
  try {
    await migrate(db, 'sqlite');
  } catch (err) {
    await checkpointer?.stop();
    await db.destroy();
    throw err;
  }
  const close = async () => {
    await checkpointer?.stop();
    await db.destroy();
  };
  return { kind: 'sqlite', db, sqlite, close };
}

/**
 * int8 (bigint, bigserial, count(*)) arrives from pg as a string so that no precision can be
 * lost; our int8 columns are log sequence numbers and counts, far below 2^53, so they are parsed
 * into numbers here, per pool (not in pg's process-wide registry), and the row types stay true.
 */
function pgTypes(): pg.TypeOverrides {
  const types = new pg.TypeOverrides();
  types.setTypeParser(pg.types.builtins.INT8, (value: string) => Number(value));
  return types;
}

async function openPostgres(url: string): Promise<Database> {
  const pool = new pg.Pool({ connectionString: url, types: pgTypes(), max: 10 });
  // An idle client that loses its connection (server restart, failover) emits 'error' on the
  // pool; without a listener that would crash the process. The next query reconnects.
  pool.on('error', () => undefined);
  const db = new Kysely<DB>({ dialect: new PostgresDialect({ pool }) });
  try {
    await migrate(db, 'postgres');
  } catch (err) {
    await db.destroy();
    throw err;
  }
  return { kind: 'postgres', db, close: () => db.destroy() };
}

async function migrate(db: Kysely<DB>, kind: DatabaseKind): Promise<void> {
  // Kysely finds its bookkeeping tables by name in any schema; name ours explicitly, so that a
  // database holding several schemas (one per test server, say) migrates each on its own.
  const migrationTableSchema =
    kind === 'postgres'
      ? (await sql<{ schema: string }>`select current_schema() as schema`.execute(db)).rows[0]?.schema
      : undefined;
  if (kind === 'postgres' && !migrationTableSchema) {
    throw new Error('PostgreSQL has no current schema: check search_path for this role.');
  }
  const migrator = new Migrator({ db, provider: migrationProvider(kind), migrationTableSchema });
  const { error, results } = await migrator.migrateToLatest();
  const failed = results?.find((r) => r.status === 'Error');
  if (error || failed) {
    throw new Error(`Database migration ${failed?.migrationName ?? ''} failed: ${String(error)}`);
  }
}

/**
 * Resolves once no transaction is open on the SQLite connection. The connection is shared with
 * Kysely: while one of its transactions is open across an await, a statement run directly
 * would join it (better-sqlite3 nests transactions as savepoints), and what it wrote could
 * still be rolled back. Statements run directly wait here first.
 */
export async function outsideTransactions(sqlite: SQLite.Database): Promise<void> {
  while (sqlite.inTransaction) await new Promise((r) => setImmediate(r));
}

export function nowIso(): string {
  return new Date().toISOString();
}
