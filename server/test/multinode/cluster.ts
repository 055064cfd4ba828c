/**
 * Several real server processes on one PostgreSQL schema and one Redis, and a private Redis
 * for outage tests. Used only by the multi-node suite.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { createTestDatabase, postgresUnavailable, redisUnavailable, testRedisUrl, type TestDatabase } from '../databases.js';
import { spawnServer, waitFor, type ServerProcess } from '../helpers.js';

/** Why the multi-node suite cannot run here, or undefined when it can. */
export async function clusterUnavailable(): Promise<string | undefined> {
  return (await postgresUnavailable()) ?? (await redisUnavailable());
}

/** The one origin browsers use for every node, as behind a load balancer. */
export const CLUSTER_ORIGIN = 'http://copydesk.cluster.test';

export interface Cluster {
  nodes: ServerProcess[];
  database: TestDatabase;
  stop(): Promise<void>;
}

export async function startCluster(count: number, env: Record<string, string> = {}): Promise<Cluster> {
  const database = await createTestDatabase('postgres');
  const nodes: ServerProcess[] = [];
  const stop = async () => {
    for (const n of nodes) await n.kill();
    await database.remove();
  };
  try {
    // All at once: they race to migrate the fresh schema, as a real rollout would.
    const started = await Promise.allSettled(
      Array.from({ length: count }, () => spawnServer(database.url, { REDIS_URL: testRedisUrl, PUBLIC_URL: CLUSTER_ORIGIN, ...env })),
    );
    for (const s of started) if (s.status === 'fulfilled') nodes.push(s.value);
    const failed = started.find((s) => s.status === 'rejected');
    if (failed) throw failed.reason;
  } catch (err) {
    await stop();
    throw err;
  }
  return { nodes, database, stop };
}

/** Open documents on a node, from its health endpoint. */
export async function openDocuments(node: ServerProcess): Promise<number> {
  const res = await fetch(`${node.url}/healthz`);
  return ((await res.json()) as { documents: number }).documents;
}

/** Resolves once no live node holds a document, so the next client loads from the database. */
export async function allUnloaded(nodes: ServerProcess[]): Promise<void> {
  const live = nodes.filter((n) => n.child.exitCode === null && n.child.signalCode === null);
  await waitFor(async () => (await Promise.all(live.map(openDocuments))).every((n) => n === 0), {
    message: 'documents did not unload',
  });
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const address = srv.address();
      srv.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

export interface PrivateRedis {
  url: string;
  kill(): Promise<void>;
  start(): Promise<void>;
}

/** A redis-server of this test's own on a free port, so that stopping it disturbs no one else. */
export async function privateRedis(): Promise<PrivateRedis> {
  const port = await freePort();
  let child: ChildProcess | undefined;
  const url = `redis://127.0.0.1:${port}`;
  const start = async () => {
    const proc = spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'], {
      stdio: 'ignore',
    });
    proc.on('error', () => undefined);
    child = proc;
    await waitFor(async () => proc.exitCode === null && (await redisUnavailable(url)) === undefined, {
      message: 'private redis-server did not start',
    });
  };
  await start();
  return {
    url,
    start,
    kill: () =>
      new Promise((resolve) => {
        if (!child || child.exitCode !== null || child.signalCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGKILL');
      }),
  };
}
