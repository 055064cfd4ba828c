/**
 * The databases the tests run against. SQLite by default (a temp file per server);
 * COPYDESK_TEST_DATABASE=postgres gives each test server its own schema in the PostgreSQL
 * database at COPYDESK_TEST_PG_URL (created on start, dropped on dispose), so the same suite
 * proves both. Multi-node tests also need Redis at COPYDESK_TEST_REDIS_URL.
 */
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { Redis } from 'ioredis';
import pg from 'pg';
import { openDatabase, type Database } from '../src/db/database.js';
import { parseDatabaseUrl } from '../src/env.js';
import { tempDir } from './temp.js';

export type TestDatabaseKind = 'sqlite' | 'postgres';

export const testDatabaseKind: TestDatabaseKind = process.env.COPYDESK_TEST_DATABASE === 'postgres' ? 'postgres' : 'sqlite';
export const testPgUrl = process.env.COPYDESK_TEST_PG_URL || 'postgres://copydesk:copydesk@127.0.0.1:5432/copydesk';
export const testRedisUrl = process.env.COPYDESK_TEST_REDIS_URL || 'redis://127.0.0.1:6379';

export interface TestDatabase {
  kind: TestDatabaseKind;
  /** A DATABASE_URL for the server: a file path on SQLite, a URL with its own schema on PostgreSQL. */
  url: string;
  /** Opens it the way the server does, to look at what was stored. */
  open(): Promise<Database>;
  remove(): Promise<void>;
}

/** The URL with `search_path` set, so every connection of the pool works in `schema`. */
export function withSearchPath(url: string, schema: string): string {
  const u = new URL(url);
  u.searchParams.set('options', `-c search_path=${schema}`);
  return u.toString();
}

async function withPgClient<T>(run: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: testPgUrl, connectionTimeoutMillis: 5000 });
  await client.connect();
  try {
    return await run(client);
  } finally {
    await client.end();
  }
}

export async function createTestDatabase(kind: TestDatabaseKind = testDatabaseKind): Promise<TestDatabase> {
  if (kind === 'sqlite') {
    const tmp = tempDir();
    const url = join(tmp.dir, 'copydesk.db');
    return { kind, url, open: () => openDatabase(parseDatabaseUrl(url)), remove: async () => tmp.remove() };
  }
  const schema = `copydesk_test_${randomBytes(6).toString('hex')}`;
  try {
    await withPgClient((c) => c.query(`create schema ${schema}`));
  } catch (err) {
    throw new Error(
      `COPYDESK_TEST_DATABASE=postgres but PostgreSQL at ${redact(testPgUrl)} cannot be used (${String(err)}). ` +
        'Start it and create the copydesk role and database (README, "Tests"), or set COPYDESK_TEST_PG_URL.',
    );
  }
  const url = withSearchPath(testPgUrl, schema);
  return {
    kind,
    url,
    open: () => openDatabase(parseDatabaseUrl(url)),
    remove: () => withPgClient(async (c) => void (await c.query(`drop schema if exists ${schema} cascade`))),
  };
}

function redact(url: string): string {
  const u = new URL(url);
  if (u.password) u.password = '***';
  return u.toString();
}

/** Why PostgreSQL cannot be used for tests, or undefined when it can. */
export async function postgresUnavailable(): Promise<string | undefined> {
  try {
    await withPgClient((c) => c.query('select 1'));
    return undefined;
  } catch (err) {
    return `PostgreSQL at ${redact(testPgUrl)}: ${String(err)}`;
  }
}

/** Why Redis cannot be used for tests, or undefined when it answers PING. */
export async function redisUnavailable(url = testRedisUrl): Promise<string | undefined> {
  const redis = new Redis(url, { lazyConnect: true, retryStrategy: () => null, maxRetriesPerRequest: 0, connectTimeout: 3000 });
  redis.on('error', () => undefined);
  try {
    await redis.connect();
    await redis.ping();
    return undefined;
  } catch (err) {
    return `Redis at ${url}: ${String(err)}`;
  } finally {
    redis.disconnect();
  }
}
