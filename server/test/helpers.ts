/**
 * Test helpers: a real server on an ephemeral port with a fresh database (a temp SQLite file,
 * or its own PostgreSQL schema: see databases.ts), signed-in people, real y-websocket providers
 * in Node, raw sockets for protocol abuse, and a retry-until helper.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import WebSocket from 'ws';
import * as Y from 'yjs';
import { WebsocketProvider } from 'y-websocket';
import { bodyOf, dekOf, headlineOf, isFatalClose } from '@copydesk/shared';
import { loadConfig, type Config } from '../src/env.js';
import { createLogger } from '../src/logger.js';
import { startServer, type RunningServer } from '../src/server.js';

import { createTestDatabase, type TestDatabase } from './databases.js';

export { createTestDatabase, testDatabaseKind, type TestDatabase } from './databases.js';
export { tempDir } from './temp.js';

export const serverRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..');

export const ADMIN = { email: 'admin@copydesk.test', password: 'correct horse battery' } as const;
/**
 * The origin test requests and sockets send, as browsers on Copydesk's pages would. Servers
 * listen on PORT=0, so it cannot name the port; it does not need to (nothing connects to it).
 */
const TEST_ORIGIN = 'http://copydesk.test';
const baseEnv = {
  PORT: '0',
  PUBLIC_URL: TEST_ORIGIN,
  HOST: '127.0.0.1',
  LOG_LEVEL: 'silent',
  COPYDESK_ADMIN_EMAIL: ADMIN.email,
  COPYDESK_ADMIN_PASSWORD: ADMIN.password,
};

export function testConfig(databaseUrl: string, env: Record<string, string> = {}): Config {
  const result = loadConfig({ ...baseEnv, DATABASE_URL: databaseUrl, ...env });
  if (!result.ok) throw new Error(result.problems.join('\n'));
  return result.config;
}

/** A signed-in person, as the server knows them. */
export interface Actor {
  cookie: string;
  user: { id: string; email: string; name: string; role: string; color: string };
}

/** What tests need to talk to a server over HTTP and WebSocket. */
export interface Target {
  url: string;
  wsUrl: string;
  /** The Origin a browser on Copydesk's own pages would send. */
  origin: string;
}

export interface TestServer extends RunningServer, Target {
  database: TestDatabase;
  /** The server's DATABASE_URL (a file path on SQLite). */
  dbPath: string;
  admin: Actor;
  /** Stops this server and starts a new one on the same database (a new port), after `pauseMs`. */
  restart(pauseMs?: number): Promise<TestServer>;
  dispose(): Promise<void>;
}

/**
 * A server in this process on port 0, with the admin signed in. Without `database` it gets a
 * fresh one (of the kind COPYDESK_TEST_DATABASE selects) that dispose() removes.
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
  const target = { url: server.url, wsUrl: `ws://127.0.0.1:${server.port}/collab`, origin: config.publicUrl };
  const admin = await login(target, ADMIN.email, ADMIN.password);
  return {
    ...server,
    ...target,
    admin,
    database,
    dbPath: database.url,
    async restart(pauseMs = 0) {
      await server.close();
      if (pauseMs > 0) await new Promise((r) => setTimeout(r, pauseMs));
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

/** A request as Copydesk's own pages make it: same Origin, the actor's cookie, JSON. */
export function api(target: Target, actor: Actor | null, method: string, path: string, body?: unknown, headers: Record<string, string> = {}): Promise<Response> {
  return fetch(`${target.url}${path}`, {
    method,
    headers: {
      origin: target.origin,
      ...(actor ? { cookie: actor.cookie } : {}),
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      ...headers,
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
}

export function cookieFrom(res: Response): string {
  const set = res.headers.getSetCookie().find((c) => c.startsWith('copydesk_session=') || c.startsWith('__Host-copydesk_session='));
  if (!set) throw new Error(`no session cookie in response (${res.status})`);
  return set.split(';')[0]!;
}

export async function login(target: Target, email: string, password: string): Promise<Actor> {
  const res = await api(target, null, 'POST', '/api/auth/login', { email, password });
  if (res.status !== 200) throw new Error(`login ${email}: ${res.status} ${await res.text()}`);
  const { user } = (await res.json()) as { user: Actor['user'] };
  return { cookie: cookieFrom(res), user };
}

let people = 0;
/** Creates an account (as the server's admin) and signs it in. */
export async function createPerson(server: TestServer, role: 'writer' | 'editor' | 'admin', name?: string): Promise<Actor> {
  const n = ++people;
  const email = `${role}${n}@copydesk.test`;
  const password = `password-${n}-long-enough`;
  const res = await api(server, server.admin, 'POST', '/api/users', { email, name: name ?? `${role} ${n}`, role, password });
  if (res.status !== 201) throw new Error(`create ${email}: ${res.status} ${await res.text()}`);
  return login(server, email, password);
}

/** A server started with no administrator at all (first-run setup). */
export async function startBareServer(): Promise<RunningServer & Target & { dispose(): Promise<void> }> {
  const database = await createTestDatabase();
  const result = loadConfig({ PORT: '0', PUBLIC_URL: TEST_ORIGIN, HOST: '127.0.0.1', LOG_LEVEL: 'silent', DATABASE_URL: database.url });
  if (!result.ok) throw new Error(result.problems.join('\n'));
  const server = await startServer(result.config, createLogger('silent'));
  return {
    ...server,
    wsUrl: `ws://127.0.0.1:${server.port}/collab`,
    origin: result.config.publicUrl,
    async dispose() {
      await server.close();
      await database.remove();
    },
  };
}

export async function createArticle(target: Target & { admin?: Actor }, headline?: string, actor?: Actor): Promise<string> {
  const who = actor ?? target.admin;
  if (!who) throw new Error('createArticle needs an actor');
  const res = await api(target, who, 'POST', '/api/articles', headline === undefined ? {} : { headline });
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
  moveTo(target: Target): void;
  destroy(): void;
}

/** A WebSocket class that sends the actor's cookie and our Origin, as a browser tab would. */
export function authedWebSocket(target: Target, actor: Actor | null, origin = target.origin): typeof globalThis.WebSocket {
  class AuthedWebSocket extends WebSocket {
    constructor(url: string | URL, protocols?: string | string[]) {
      super(url, protocols, { headers: { origin, ...(actor ? { cookie: actor.cookie } : {}) } });
    }
  }
  return AuthedWebSocket as unknown as typeof globalThis.WebSocket;
}

/**
 * A real y-websocket client in Node, signed in as `actor` (the server's admin by default).
 * BroadcastChannel is off, so only the server links clients.
 */
export function connectClient(target: Target & { admin?: Actor }, articleId: string, actor?: Actor, doc = new Y.Doc()): TestClient {
  const who = actor ?? target.admin ?? null;
  const closes: TestClient['closes'] = [];
  const open = (t: Target) => {
    const provider = new WebsocketProvider(t.wsUrl, articleId, doc, {
      WebSocketPolyfill: authedWebSocket(t, who),
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
    provider: open(target),
    closes,
    moveTo(t) {
      client.provider.destroy();
      client.provider.awareness.destroy();
      client.provider = open(t);
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

/** A raw WebSocket to the collab endpoint (as the admin by default); resolves once open. */
export function rawSocket(target: Target & { admin?: Actor }, articleId: string, actor?: Actor): Promise<WebSocket> {
  const who = actor ?? target.admin;
  return new Promise((resolvePromise, reject) => {
    const ws = new WebSocket(`${target.wsUrl}/${articleId}`, { headers: { origin: target.origin, ...(who ? { cookie: who.cookie } : {}) } });
    ws.once('open', () => resolvePromise(ws));
    ws.once('error', reject);
  });
}

/** The HTTP status a WebSocket upgrade is refused with (0 if it was accepted). */
export function upgradeStatus(target: Target, articleId: string, actor: Actor | null, origin = target.origin): Promise<number> {
  return new Promise((resolvePromise) => {
    const ws = new WebSocket(`${target.wsUrl}/${articleId}`, { headers: { origin, ...(actor ? { cookie: actor.cookie } : {}) } });
    ws.on('unexpected-response', (_req, res) => {
      resolvePromise(res.statusCode ?? -1);
      ws.terminate();
    });
    ws.on('open', () => {
      resolvePromise(0);
      ws.close();
    });
    ws.on('error', () => undefined);
  });
}

export function closeOf(ws: WebSocket): Promise<{ code: number; reason: string }> {
  return new Promise((r) => ws.once('close', (code, reason) => r({ code, reason: reason.toString() })));
}

export interface ServerProcess extends Target {
  admin: Actor;
  child: ChildProcess;
  kill(signal?: NodeJS.Signals): Promise<void>;
}

/**
 * The server as a separate process, for crash, shutdown and multi-node tests: tsx from source,
 * or a built bundle when `entry` names one. `databaseUrl` is its DATABASE_URL
 * (TestDatabase.url). Nodes of one cluster share a PUBLIC_URL (as behind a load balancer) so
 * that one Origin is right for all of them.
 */
export async function spawnServer(databaseUrl: string, env: Record<string, string> = {}, entry?: string): Promise<ServerProcess> {
  const args = entry ? [entry] : ['--import', 'tsx', join(serverRoot, 'src/main.ts')];
  const child = spawn(process.execPath, args, {
    cwd: serverRoot,
    env: { ...process.env, ...baseEnv, DATABASE_URL: databaseUrl, LOG_LEVEL: 'info', ...env },
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
  const target = { url: `http://127.0.0.1:${port}`, wsUrl: `ws://127.0.0.1:${port}/collab`, origin: env.PUBLIC_URL ?? TEST_ORIGIN };
  return {
    ...target,
    admin: await login(target, ADMIN.email, ADMIN.password),
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

/**
 * Burst tests write tokens, one paragraph each, at the end of the body (the server refuses
 * anything but the article's own parts, so no scratch array): `pushToken` adds one, `tokensOf`
 * lists them (starting with `prefix`), in body order.
 */
export function pushToken(doc: Y.Doc, token: string): void {
  doc.getXmlFragment('body').push([paragraph(token)]);
}

/** A body paragraph holding `text`, to insert into a document. */
export function paragraph(text: string): Y.XmlElement {
  const p = new Y.XmlElement('paragraph');
  p.insert(0, [new Y.XmlText(text)]);
  return p;
}

/** Types at the end of the body's first paragraph (made if there is none), as a caret left there would. */
export function typeInFirstParagraph(doc: Y.Doc, s: string): void {
  const body = doc.getXmlFragment('body');
  if (body.length === 0) body.insert(0, [new Y.XmlElement('paragraph')]);
  const p = body.get(0) as Y.XmlElement;
  if (p.length === 0) p.insert(0, [new Y.XmlText()]);
  const t = p.get(0) as Y.XmlText;
  t.insert(t.length, s);
}

export function tokensOf(doc: Y.Doc, prefix = ''): string[] {
  const out: string[] = [];
  for (const node of doc.getXmlFragment('body').toArray()) {
    const text = node instanceof Y.XmlElement ? node.get(0) : undefined;
    const token = text instanceof Y.XmlText ? text.toString() : '';
    if (token !== '' && token.startsWith(prefix)) out.push(token);
  }
  return out;
}

/**
 * Writes a story through `c` (a real y-websocket client, synced), replacing its headline, dek
 * and body, and waits until the server has saved them to the article.
 */
export async function writeStory(server: TestServer, c: TestClient, actor: Actor, id: string, story: { headline: string; paragraphs: string[]; dek?: string }): Promise<void> {
  const { headline, paragraphs, dek = '' } = story;
  c.doc.transact(() => {
    headlineOf(c.doc).delete(0, headlineOf(c.doc).length);
    headlineOf(c.doc).insert(0, headline);
    dekOf(c.doc).delete(0, dekOf(c.doc).length);
    dekOf(c.doc).insert(0, dek);
    bodyOf(c.doc).delete(0, bodyOf(c.doc).length);
    bodyOf(c.doc).insert(0, paragraphs.map(paragraph));
  });
  await waitFor(async () => {
    const res = await api(server, actor, 'GET', `/api/articles/${id}`);
    const { article } = (await res.json()) as { article: { headline: string; wordCount: number } };
    return article.headline === headline && article.wordCount > 0;
  });
}
