/**
 * Several real server processes behind no balancer: one PostgreSQL, one Redis, real
 * y-websocket clients spread over the nodes. Needs both services; without them it says why.
 */
import { afterEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { bodyOf, dekOf, headlineOf } from '@copydesk/shared';
import { connectClient, createArticle, pushToken, storedLog, synced, tokensOf, waitFor, type ServerProcess, type TestClient, paragraph } from '../helpers.js';
import { allUnloaded, clusterUnavailable, privateRedis, startCluster, type Cluster, type PrivateRedis } from './cluster.js';

const unavailable = await clusterUnavailable();
if (unavailable) {
  console.warn(`Multi-node tests did not run (${unavailable}). \`npm test\` starts PostgreSQL and Redis; see README, "Tests".`);
}

const fast = { MAX_MESSAGES_PER_SECOND: '5000', MAX_MESSAGE_BURST: '5000' };
let cluster: Cluster | undefined;
let redis: PrivateRedis | undefined;
const clients: TestClient[] = [];

function client(node: ServerProcess, articleId: string): TestClient {
  const c = connectClient(node, articleId);
  clients.push(c);
  return c;
}

afterEach(async () => {
  for (const c of clients.splice(0)) c.destroy();
  await cluster?.stop();
  await redis?.kill();
  cluster = undefined;
  redis = undefined;
});


const tokens = (c: TestClient, prefix = '') => tokensOf(c.doc, prefix);

describe.runIf(!unavailable)('several nodes on one PostgreSQL and one Redis', () => {
  it('writers on different nodes co-edit, see each other, and what they wrote is stored once for all', async () => {
    // Compacting every 10 rows makes the nodes compact the same log concurrently, over and over.
    cluster = await startCluster(3, { ...fast, COMPACT_AFTER_UPDATES: '10' });
    const [n0, n1, n2] = cluster.nodes as [typeof cluster.nodes[0], typeof cluster.nodes[0], typeof cluster.nodes[0]];
    const id = await createArticle(n0, 'Election night');
    const writers = [client(n0, id), client(n1, id), client(n2, id)];
    await Promise.all(writers.map(synced));
    for (const w of writers) expect(headlineOf(w.doc).toString()).toBe('Election night');

    for (let i = 0; i < 30; i++) {
      writers.forEach((w, n) => bodyOf(w.doc).push([paragraph(`node ${n}, paragraph ${i}`)]));
      if (i % 10 === 0) await new Promise((r) => setTimeout(r, 10));
    }
    dekOf(writers[2]!.doc).insert(0, 'Turnout was high.');
    const body = (c: TestClient) => bodyOf(c.doc).toString();
    await waitFor(() => writers.every((w) => bodyOf(w.doc).length === 90 && body(w) === body(writers[0]!)), {
      message: 'writers did not converge',
    });
    await waitFor(() => dekOf(writers[0]!.doc).toString() === 'Turnout was high.');
    const expected = body(writers[0]!);

    // Cursors and names travel too (the name is the account's, stamped by the accepting node),
    // and go away when their client does.
    const [a, , c] = writers as [TestClient, TestClient, TestClient];
    a.provider.awareness.setLocalStateField('cursor', { anchor: 7 });
    a.provider.awareness.setLocalStateField('user', { name: 'Ann' });
    const seen = () => c.provider.awareness.getStates().get(a.doc.clientID) as { user?: { name: string }; cursor?: { anchor: number } } | undefined;
    await waitFor(() => seen()?.cursor?.anchor === 7, { message: 'awareness did not cross nodes' });
    expect(seen()?.user?.name).toBe(n0.admin.user.name);
    a.provider.destroy();
    await waitFor(() => seen() === undefined, { message: 'a departed client stayed visible on another node' });

    for (const w of clients.splice(0)) w.destroy();
    await allUnloaded(cluster.nodes);
    const { logRows, snapshot } = await storedLog(cluster.database, id);
    expect(snapshot).toBe(true);
    expect(logRows).toBeLessThan(90);
    const fresh = client(n1, id);
    await synced(fresh);
    expect(body(fresh)).toBe(expected);
    expect(dekOf(fresh.doc).toString()).toBe('Turnout was high.');
  });

  it('kill -9 of a node mid-burst: its client moves to another node and no edit anyone saw is lost', async () => {
    cluster = await startCluster(3, { ...fast, COMPACT_AFTER_UPDATES: '50' });
    const [n0, n1, victim] = cluster.nodes as [typeof cluster.nodes[0], typeof cluster.nodes[0], typeof cluster.nodes[0]];
    const id = await createArticle(n0, 'Burst');
    const a = client(n0, id);
    const b = client(n1, id);
    const v = client(victim, id);
    await Promise.all([a, b, v].map(synced));

    let n = 0;
    const timer = setInterval(() => {
      for (const [name, c] of [['a', a], ['b', b], ['v', v]] as const) pushToken(c.doc, `${name}-${n}`);
      n++;
    }, 4);
    try {
      await waitFor(() => tokens(a, 'v-').length > 60 && tokens(v, 'b-').length > 60, { message: 'burst did not flow' });
      await victim.kill('SIGKILL');
      // Its client keeps typing offline, then the balancer sends it to a surviving node.
      await waitFor(() => v.closes.length > 0, { message: 'client did not notice the dead node' });
      v.moveTo(n0);
      await synced(v);
      const after = n;
      await waitFor(() => tokens(b, 'v-').some((t) => Number(t.slice(2)) > after + 20), {
        message: 'the moved client was not heard on the other surviving node',
      });
    } finally {
      clearInterval(timer);
    }

    const everySeen = new Set([a, b, v].flatMap((c) => tokens(c)));
    await waitFor(() => [a, b, v].every((c) => tokens(c).length === everySeen.size), { message: 'clients did not converge' });
    for (const c of clients.splice(0)) c.destroy();
    await allUnloaded(cluster.nodes);
    const check = client(n1, id);
    await synced(check);
    const stored = new Set(tokens(check));
    expect([...everySeen].filter((t) => !stored.has(t))).toEqual([]);
    expect(stored.size).toBe(everySeen.size);
  });

  it('an update a dead node committed but never published reaches an open room when a client joins it', async () => {
    cluster = await startCluster(2, fast);
    const [n0, n1] = cluster.nodes as [typeof cluster.nodes[0], typeof cluster.nodes[0]];
    const id = await createArticle(n0, 'Orphan');
    const a = client(n0, id);
    const b = client(n1, id);
    await Promise.all([a, b].map(synced));
    // What a node killed between its commit and its publish leaves behind: a row nobody heard of.
    const orphan = new Y.Doc();
    const update = (() => {
      let u: Uint8Array | undefined;
      orphan.once('update', (x: Uint8Array) => (u = x));
      pushToken(orphan, 'orphan');
      return u!;
    })();
    const { db, close } = await cluster.database.open();
    await db.insertInto('doc_updates').values({ article_id: id, data: Buffer.from(update) }).execute();
    await close();

    const arriving = client(n1, id);
    await synced(arriving);
    await waitFor(() => tokens(arriving, 'orphan').length === 1 && tokens(b, 'orphan').length === 1, {
      message: 'the joining client did not make its node read the log back',
    });
  });

  it('a Redis outage: each node keeps editing locally, and the nodes catch up when Redis is back', async () => {
    redis = await privateRedis();
    cluster = await startCluster(2, { ...fast, REDIS_URL: redis.url });
    const [n0, n1] = cluster.nodes as [typeof cluster.nodes[0], typeof cluster.nodes[0]];
    const id = await createArticle(n0, 'Outage');
    const a = client(n0, id);
    const a2 = client(n0, id);
    const b = client(n1, id);
    await Promise.all([a, a2, b].map(synced));
    pushToken(a.doc, 'before');
    await waitFor(() => tokens(b, 'before').length === 1, { message: 'fan-out did not work before the outage' });

    await redis.kill();
    pushToken(a.doc, 'a-during');
    pushToken(b.doc, 'b-during');
    await waitFor(() => tokens(a2, 'a-during').length === 1, { message: 'local editing stopped with Redis' });
    for (const node of cluster.nodes) expect((await fetch(`${node.url}/healthz`)).status).toBe(200);

    await redis.start();
    await waitFor(() => tokens(b, 'a-during').length === 1 && tokens(a, 'b-during').length === 1 && tokens(a2, 'b-during').length === 1, {
      message: 'nodes did not catch up after Redis came back',
    });
    pushToken(b.doc, 'after');
    await waitFor(() => tokens(a, 'after').length === 1, { message: 'fan-out did not resume' });
  });
});

if (unavailable) {
  describe('several nodes (PostgreSQL and Redis needed)', () => {
    // In CI the services are always started by scripts/test.mjs: their absence is a failure there.
    it.skipIf(!process.env.CI)(`did not run: ${unavailable}`, () => {
      throw new Error(`Multi-node tests need PostgreSQL and Redis: ${unavailable}`);
    });
  });
}
