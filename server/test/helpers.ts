/**
 * Test helpers: a real server on an ephemeral port with a fresh database (a temp SQLite file,
 * or its own PostgreSQL schema: see databases.ts), real y-websocket providers in Node, raw
 * sockets for protocol abuse, and a retry-until helper.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import WebSocket from 'ws';
import * as Y from 'yjs';
import { WebsocketProvider } from 'y-websocket';
import { isFatalClose } from '@copydesk/shared';
import { loadConfig, type Config } from '../src/env.js';
import { createLogger } from '../src/logger.js';
import { startServer, type RunningServer } from '../src/server.js';
import { createTestDatabase, type TestDatabase } from './databases.js';

export { createTestDatabase, testDatabaseKind, type TestDatabase } from './databases.js';
export { tempDir } from './temp.js';

export const serverRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..');

export function testConfig(databaseUrl: string, env: Record<string, string> = {}): Config {
  const result = loadConfig({ PORT: '0', HOST: '127.0.0.1', DATABASE_URL: databaseUrl, LOG_LEVEL: 'silent', ...env });
  if (!result.ok) throw new Error(result.problems.join('\n'));
  return result.config;
}

export interface TestServer extends RunningServer {
  database: TestDatabase;
  /** The server's DATABASE_URL (a file path on SQLite). */
  dbPath: string;
  wsUrl: string;
  /** Stops this server and starts a new one on the same database (a new port). */
  restart(): Promise<TestServer>;
  dispose(): Promise<void>;
}

/**
 * A server in this process on port 0. Without `database` it gets a fresh one (of the kind
 * COPYDESK_TEST_DATABASE selects) that dispose() removes.
 */
export async function startTestServer(env: Record<string, string> = {}, database?: TestDatabase): Promise<TestServer> {
  return database ? start(env, database, false) : start(env, await createTestDatabase(), true);
}

async function start(env: Record<string, string>, database: TestDatabase, owned: boolean): Promise<TestServer> {
  const config = testConfig(database.url, env);
  let server: RunningServer;
  try {
    server = await startServer(config, createLogger(config.logLevel));
  } catch (err) {
    if (owned) await database.remove();
    throw err;
  }
  return {
    ...server,
    database,
    dbPath: database.url,
    wsUrl: `ws://127.0.0.1:${server.port}/collab`,
    async restart() {
      await server.close();
      // The new server owns the database now, if this one did.
      return start(env, database, owned);
    },
    async dispose() {
      await server.close();
      if (owned) await database.remove();
    },
  };
}

/** What the database holds for an article: rows left in the update log, and whether a snapshot exists. */
export async function storedLog(database: TestDatabase, articleId: string): Promise<{ logRows: number; snapshot: boolean }> {
  const { db, close } = await database.open();
  try {
    const { n } = await db
      .selectFrom('doc_updates')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('article_id', '=', articleId)
      .executeTakeFirstOrThrow();
    const snap = await db.selectFrom('doc_snapshots').select('article_id').where('article_id', '=', articleId).executeTakeFirst();
    return { logRows: Number(n), snapshot: snap !== undefined };
  } finally {
    await close();
  }
}

export async function createArticle(baseUrl: string, headline?: string): Promise<string> {
  const res = await fetch(`${baseUrl}/api/articles`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(headline === undefined ? {} : { headline }),
  });
  if (res.status !== 201) throw new Error(`create article: ${res.status} ${await res.text()}`);
  const body = (await res.json()) as { article: { id: string } };
  return body.article.id;
}

export interface TestClient {
  doc: Y.Doc;
  /** The current provider; moveTo() replaces it. */
  provider: WebsocketProvider;
  closes: { code: number; reason: string }[];
  /** Goes on editing the same doc through another server (a load balancer sending it elsewhere). */
  moveTo(wsUrl: string): void;
  destroy(): void;
}

/** A real y-websocket client in Node (BroadcastChannel off, so only the server links clients). */
export function connectClient(wsUrl: string, articleId: string, doc = new Y.Doc()): TestClient {
  const closes: TestClient['closes'] = [];
  const open = (url: string) => {
    const provider = new WebsocketProvider(url, articleId, doc, {
      WebSocketPolyfill: WebSocket as unknown as typeof globalThis.WebSocket,
      disableBc: true,
      maxBackoffTime: 200,
      // As the editor does: reconnect after anything but a refusal.
      shouldReconnect: (event) => !isFatalClose(event.code),
    });
    provider.on('connection-close', (event) => {
      if (event) closes.push({ code: event.code, reason: event.reason });
    });
    return provider;
  };
  const client: TestClient = {
    doc,
    provider: open(wsUrl),
    closes,
    moveTo(url) {
      client.provider.destroy();
      client.provider.awareness.destroy();
      client.provider = open(url);
    },
    destroy() {
      client.provider.destroy();
      doc.destroy();
    },
  };
  return client;
}

export async function synced(client: TestClient): Promise<void> {
  await waitFor(() => client.provider.synced, { message: 'client never synced' });
}

/** Retries `check` until it returns truthy (or stops throwing); fails after `timeout` ms. */
export async function waitFor<T>(
  check: () => T | Promise<T>,
  { timeout = 10_000, interval = 20, message = 'condition not met' } = {},
): Promise<T> {
  const deadline = Date.now() + timeout;
  let lastError: unknown;
  for (;;) {
    try {
      const value = await check();
      if (value) return value;
    } catch (err) {
      lastError = err;
    }
    if (Date.now() > deadline) {
      throw new Error(`${message}${lastError ? `: ${String(lastError)}` : ''}`);
    }
    await new Promise((r) => setTimeout(r, interval));
  }
}

/** A raw WebSocket to the collab endpoint; resolves once open. */
export function rawSocket(wsUrl: string, articleId: string): Promise<WebSocket> {
  return new Promise((resolvePromise, reject) => {
    const ws = new WebSocket(`${wsUrl}/${articleId}`);
    ws.once('open', () => resolvePromise(ws));
    ws.once('error', reject);
  });
}

export function closeOf(ws: WebSocket): Promise<{ code: number; reason: string }> {
  return new Promise((r) => ws.once('close', (code, reason) => r({ code, reason: reason.toString() })));
}

export interface ServerProcess {
  url: string;
  wsUrl: string;
  child: ChildProcess;
  kill(signal?: NodeJS.Signals): Promise<void>;
}

/**
 * The server as a separate process (tsx from source), for crash, shutdown and multi-node
 * tests. `databaseUrl` is its DATABASE_URL (TestDatabase.url).
 */
export async function spawnServer(databaseUrl: string, env: Record<string, string> = {}): Promise<ServerProcess> {
  const child = spawn(process.execPath, ['--import', 'tsx', join(serverRoot, 'src/main.ts')], {
    cwd: serverRoot,
    env: { ...process.env, PORT: '0', HOST: '127.0.0.1', DATABASE_URL: databaseUrl, LOG_LEVEL: 'info', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr!.on('data', (d: Buffer) => (stderr += d.toString()));
  const port = await new Promise<number>((resolvePort, reject) => {
    let out = '';
    const onData = (d: Buffer) => {
      out += d.toString();
      const m = /"port":(\d+)/.exec(out);
      if (m) {
        child.stdout!.off('data', onData);
        resolvePort(Number(m[1]));
      }
    };
    child.stdout!.on('data', onData);
    child.once('exit', (code) => reject(new Error(`server exited (${code}): ${stderr}`)));
  });
  child.stdout!.resume();
  return {
    url: `http://127.0.0.1:${port}`,
    wsUrl: `ws://127.0.0.1:${port}/collab`,
    child,
    kill(signal = 'SIGKILL') {
      return new Promise((r) => {
        if (child.exitCode !== null || child.signalCode !== null) return r();
        child.once('exit', () => r());
        child.kill(signal);
      });
    },
  };
}
