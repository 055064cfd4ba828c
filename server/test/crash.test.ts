/**
 * kill -9 during a burst of edits: every edit one client had received from the other must be
 * in the database when the server comes back (peers only receive committed updates).
 */
import { afterEach, describe, expect, it } from 'vitest';
import {
  connectClient,
  createArticle,
  createTestDatabase,
  spawnServer,
  synced,
  waitFor,
  type ServerProcess,
  type TestClient,
  type TestDatabase,
  pushToken,
  tokensOf,
} from './helpers.js';

const procs: ServerProcess[] = [];
const clients: TestClient[] = [];
const databases: TestDatabase[] = [];

async function database(): Promise<string> {
  const db = await createTestDatabase();
  databases.push(db);
  return db.url;
}

afterEach(async () => {
  for (const c of clients.splice(0)) c.destroy();
  for (const p of procs.splice(0)) await p.kill();
  for (const db of databases.splice(0)) await db.remove();
});

function tokens(c: TestClient, prefix: string): string[] {
  return tokensOf(c.doc, prefix);
}

describe('crash safety', () => {
  it('keeps every edit a peer had seen when the server is killed mid-burst', async () => {
    const dbPath = await database();
    const env = { MAX_MESSAGES_PER_SECOND: '5000', MAX_MESSAGE_BURST: '5000' };
    const first = await spawnServer(dbPath, env);
    procs.push(first);
    const id = await createArticle(first, 'Crash test');
    const a = connectClient(first, id);
    const b = connectClient(first, id);
    clients.push(a, b);
    await Promise.all([synced(a), synced(b)]);

    let n = 0;
    const burst = setInterval(() => {
      for (let i = 0; i < 5; i++) {
        pushToken(a.doc, `a-${n}`);
        pushToken(b.doc, `b-${n}`);
        n++;
      }
    }, 2);
    await waitFor(() => tokens(b, 'a-').length > 200 && tokens(a, 'b-').length > 200, { message: 'burst did not flow' });
    await first.kill('SIGKILL');
    clearInterval(burst);

    const seenByB = tokens(b, 'a-');
    const seenByA = tokens(a, 'b-');
    a.destroy();
    b.destroy();
    clients.length = 0;
    expect(n).toBeGreaterThan(seenByB.length);

    const second = await spawnServer(dbPath, env);
    procs.push(second);
    const check = connectClient(second, id);
    clients.push(check);
    await synced(check);
    const stored = new Set(tokensOf(check.doc));
    expect(seenByB.filter((t) => !stored.has(t))).toEqual([]);
    expect(seenByA.filter((t) => !stored.has(t))).toEqual([]);
  });

  it('on SIGTERM, closes sockets with "going away" and commits everything accepted', async () => {
    const dbPath = await database();
    const first = await spawnServer(dbPath);
    procs.push(first);
    const id = await createArticle(first, 'Graceful');
    const a = connectClient(first, id);
    clients.push(a);
    await synced(a);
    pushToken(a.doc, 'before-shutdown');
    await new Promise((r) => setTimeout(r, 100));
    const exited = new Promise<number | null>((r) => first.child.once('exit', (code) => r(code)));
    first.child.kill('SIGTERM');
    expect(await exited).toBe(0);
    await waitFor(() => a.closes.length > 0);
    expect(a.closes[0]!.code).toBe(1001);
    a.destroy();
    clients.length = 0;

    const second = await spawnServer(dbPath);
    procs.push(second);
    const check = connectClient(second, id);
    clients.push(check);
    await synced(check);
    expect(tokensOf(check.doc)).toEqual(['before-shutdown']);
  });
});
