/**
 * Starts each server under test as its own process, fresh, on loopback and pinned to the
 * server core, and wraps it in one interface: where clients connect, how rooms are made,
 * its CPU and memory (from /proc), its commit latency, restart and stop.
 */
import type { ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import type { Target } from '../load/clients.js';
import { benchRoot, repoRoot } from '../paths.js';
import { copydeskEntry, copydeskEnv, copydeskSession, type CopydeskSession } from './copydesk.js';
import { nextMessage, request } from './ipc.js';
import type { FromPeer, PeerMetrics } from './peers/peer.js';
import { cpuTimeMs, freePort, rssBytes, spawnPinned, stopChild, waitForHttp } from './proc.js';

export type ServerName = 'copydesk' | 'hocuspocus' | 'reference' | 'relay';

export interface ServerInfo {
  name: ServerName;
  label: string;
  /** Keeps documents in a database (durability and cold load are measured). */
  persists: boolean;
  description: string;
}

export const SERVERS: readonly ServerInfo[] = [
  { name: 'copydesk', label: 'Copydesk', persists: true, description: 'built server, SQLite (WAL), sessions through the API, persist-before-broadcast' },
  { name: 'hocuspocus', label: 'Hocuspocus', persists: true, description: '@hocuspocus/server + extension-database on better-sqlite3 (the table and queries of extension-sqlite), token check in onAuthenticate, default debounce' },
  { name: 'reference', label: 'y-websocket ref.', persists: false, description: '@y/websocket-server 0.1.1 setupWSConnection, in memory' },
  { name: 'relay', label: 'raw relay', persists: false, description: 'ws relay forwarding bytes to the room, no Yjs (the floor)' },
];

export interface ServerUnderTest {
  info: ServerInfo;
  readonly pid: number;
  target(): Target;
  /** Rooms clients may join (Copydesk: articles made through the API). */
  createRooms(n: number, label: string): Promise<string[]>;
  cpuMs(): number;
  rssBytes(): number;
  /** Accepted update to durable commit since the last reset; undefined if nothing persists. */
  commitLatency(reset: boolean): Promise<PeerMetrics | undefined>;
  /** Stops the process cleanly and starts a new one on the same data: caches are cold. */
  restart(): Promise<void>;
  stop(): Promise<void>;
  /** Copydesk only: whether clients logged in. */
  authenticated?: boolean;
  /** Copydesk only: whether the built bundle ran (else the source through tsx). */
  built?: boolean;
}

export interface LaunchOptions {
  cpus: string | undefined;
  dataDir: string;
  /** Extra environment for Copydesk (e.g. CLIENT_DIST). */
  copydeskEnv?: Record<string, string>;
  /** Write V8 CPU profiles of the servers here when they stop (peers in a folder each). */
  profileDir?: string;
}

function spawnServer(cpus: string | undefined, command: string, args: string[], env: Record<string, string>, cwd: string): ChildProcess {
  const child = spawnPinned(cpus, command, args, {
    cwd,
    env: { ...process.env, ...env },
    // BENCH_SERVER_STDERR=1 shows the servers' own logging (debugging the harness).
    stdio: ['ignore', 'ignore', process.env.BENCH_SERVER_STDERR ? 'inherit' : 'pipe', 'ipc'],
  });
  let tail = '';
  child.stderr?.on('data', (d: Buffer) => {
    tail = (tail + d.toString()).slice(-4000);
  });
  child.once('exit', (code, signal) => {
    if (code !== 0 && code !== null) console.error(`[bench] ${args.join(' ')} exited ${code} ${signal ?? ''}\n${tail}`);
  });
  return child;
}

export async function launch(info: ServerInfo, options: LaunchOptions): Promise<ServerUnderTest> {
  return info.name === 'copydesk' ? launchCopydesk(info, options) : launchPeer(info, options);
}

/** How long Copydesk gets to answer a metrics request before it counts as not supporting it. */
const METRICS_REPLY_MS = 3000;

async function launchCopydesk(info: ServerInfo, options: LaunchOptions): Promise<ServerUnderTest> {
  const port = await freePort();
  const dbPath = join(options.dataDir, `copydesk-${randomBytes(4).toString('hex')}.db`);
  const baseUrl = `http://127.0.0.1:${port}`;
  const entry = copydeskEntry(options.profileDir);
  let child!: ChildProcess;
  let session!: CopydeskSession;
  let metricsUnsupported = false;
  const start = async () => {
    metricsUnsupported = false;
    child = spawnServer(options.cpus, entry.command, entry.args, copydeskEnv(port, dbPath, options.copydeskEnv), join(repoRoot, 'server'));
    await waitForHttp(`${baseUrl}/healthz`);
    session = await copydeskSession(baseUrl);
  };
  await start();
  const handle: ServerUnderTest = {
    info,
    get pid() {
      return child.pid!;
    },
    target: () => ({ dialect: 'y-websocket', wsUrl: `ws://127.0.0.1:${port}/collab`, headers: session.headers, token: '', stateless: false }),
    async createRooms(n, label) {
      const ids: string[] = [];
      for (let i = 0; i < n; i += 25) {
        const batch = Array.from({ length: Math.min(25, n - i) }, (_, j) => session.createArticle(`${label} ${i + j + 1}`));
        ids.push(...(await Promise.all(batch)));
      }
      return ids;
    },
    cpuMs: () => cpuTimeMs(child.pid!),
    rssBytes: () => rssBytes(child.pid!),
    async commitLatency(reset) {
      // A server without COPYDESK_METRICS support never answers: the figure is then not
      // measured (undefined) rather than the run failing; asked once per process.
      if (metricsUnsupported) return undefined;
      try {
        const reply = await request<{ type: 'copydesk-metrics'; metrics: PeerMetrics }>(
          child,
          { type: 'copydesk-metrics', reset },
          'copydesk-metrics',
          METRICS_REPLY_MS,
        );
        return reply.metrics;
      } catch (err) {
        if (child.exitCode !== null) throw err;
        metricsUnsupported = true;
        return undefined;
      }
    },
    async restart() {
      await stopChild(child);
      await start();
      handle.authenticated = session.authenticated;
    },
    stop: () => stopChild(child),
    built: entry.built,
  };
  handle.authenticated = session.authenticated;
  return handle;
}

async function launchPeer(info: ServerInfo, options: LaunchOptions): Promise<ServerUnderTest> {
  const port = await freePort();
  const dbPath = join(options.dataDir, `${info.name}-${randomBytes(4).toString('hex')}.sqlite`);
  const token = randomBytes(12).toString('hex');
  const entry = join(benchRoot, 'src/servers/peers/peer.ts');
  let child!: ChildProcess;
  const start = async () => {
    const prof = options.profileDir ? ['--cpu-prof', `--cpu-prof-dir=${join(options.profileDir, info.name)}`] : [];
    child = spawnServer(options.cpus, process.execPath, [...prof, '--import', 'tsx', entry, info.name], {
      PORT: String(port),
      BENCH_DB: dbPath,
      BENCH_TOKEN: token,
    }, benchRoot);
    await nextMessage<Extract<FromPeer, { type: 'ready' }>>(child, 'ready');
  };
  const stop = async () => {
    if (child.connected) child.send({ type: 'shutdown' });
    await stopChild(child, 'SIGTERM', 15_000);
  };
  await start();
  let roomSeq = 0;
  return {
    info,
    get pid() {
      return child.pid!;
    },
    target: () => ({
      dialect: info.name === 'hocuspocus' ? 'hocuspocus' : 'y-websocket',
      wsUrl: `ws://127.0.0.1:${port}`,
      headers: {},
      token,
      stateless: info.name === 'relay',
    }),
    async createRooms(n) {
      return Array.from({ length: n }, () => `room-${++roomSeq}-${randomBytes(3).toString('hex')}`);
    },
    cpuMs: () => cpuTimeMs(child.pid!),
    rssBytes: () => rssBytes(child.pid!),
    async commitLatency(reset) {
      if (!info.persists) return undefined;
      const reply = await request<Extract<FromPeer, { type: 'metrics' }>>(child, { type: 'metrics', reset }, 'metrics');
      return reply.metrics;
    },
    async restart() {
      await stop();
      await start();
    },
    stop,
  };
}
