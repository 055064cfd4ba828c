/**
 * Starts Copydesk: database, services, HTTP and WebSocket on one port. Returns a handle whose
 * close() shuts down in order (stop accepting, close sockets with a code, commit, close db).
 * Used by main.ts and by the integration tests (port 0, temporary database).
 */
import type { AddressInfo } from 'node:net';
import { serve, type ServerType } from '@hono/node-server';
import { createApp } from './app.js';
import { ArticleRepo } from './articles/repo.js';
import { Collab } from './collab/collab.js';
import { localFanout, type Fanout } from './collab/fanout.js';
import { RedisFanout } from './collab/redis-fanout.js';
import { openDatabase } from './db/database.js';
import { KyselyDocStore } from './db/doc-store.js';
import type { Config } from './env.js';
import type { AppContext } from './http/context.js';
import type { Logger } from './logger.js';

export interface RunningServer {
  port: number;
  url: string;
  ctx: AppContext;
  close(): Promise<void>;
}

export async function startServer(config: Config, log: Logger): Promise<RunningServer> {
  const database = await openDatabase(config.database);
  const articles = new ArticleRepo(database.db);
  const fanout: Fanout = config.redisUrl ? new RedisFanout(config.redisUrl, log) : localFanout;
  if (config.redisUrl && database.kind === 'sqlite') {
    log.warn('REDIS_URL links several nodes, but they share no database on SQLite: use PostgreSQL (DATABASE_URL=postgres://...)');
  }
  const collab = new Collab({
    store: new KyselyDocStore(database.db, database.kind),
    log,
    fanout,
    saveMeta: (id, meta) => articles.updateMeta(id, meta),
    compactAfterUpdates: config.compactAfterUpdates,
    maxDocuments: config.maxDocuments,
    rateLimit: config.rateLimit,
  });
  const ctx: AppContext = { config, log, database, articles, collab };
  const { app, injectWebSocket } = createApp(ctx);

  const server = await new Promise<ServerType>((resolve) => {
    const s = serve({ fetch: app.fetch, port: config.port, hostname: config.host }, () => resolve(s));
  });
  injectWebSocket(server);
  const port = (server.address() as AddressInfo).port;

  let closing: Promise<void> | undefined;
  const close = () => {
    closing ??= (async () => {
      log.info('shutting down');
      server.close();
      await collab.shutdown();
      await fanout.close();
      if ('closeAllConnections' in server) server.closeAllConnections();
      await database.close();
      log.info('stopped');
    })();
    return closing;
  };
  return { port, url: `http://127.0.0.1:${port}`, ctx, close };
}
