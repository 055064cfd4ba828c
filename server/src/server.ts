/**
 * Starts Copydesk: database, services, HTTP and WebSocket on one port. Returns a handle whose
 * close() shuts down in order (stop accepting, close sockets with a code, commit, close db).
 * Used by main.ts and by the integration tests (port 0, temporary database).
 *
 * Each feature comes from one factory (features/) and is made from what the lines above it
 * made, so the order below is the dependency order: features start in it once the server
 * listens, and stop in reverse (live sockets close and commit before the webhook worker drains
 * and the link to other nodes closes).
 */
import type { AddressInfo } from 'node:net';
import { serve, type ServerType } from '@hono/node-server';
import { createApp } from './app.js';
import { ArticleRepo } from './articles/repo.js';
import { openDatabase } from './db/database.js';
import type { Config } from './env.js';
import { articlesFeature } from './features/articles.js';
import { authFeature } from './features/auth.js';
import { collabFeature } from './features/collab.js';
import { eventsFeature } from './features/events.js';
import { Features } from './features/feature.js';
import { linkFeature } from './features/link.js';
import { monitoringFeature } from './features/monitoring.js';
import { presenceFeature } from './features/presence.js';
import { publishingFeature } from './features/publishing.js';
import { webhooksFeature } from './features/webhooks.js';
import type { AppContext } from './http/context.js';
import type { Logger } from './logger.js';
import type { CommitLatency } from './metrics.js';

export interface RunningServer {
  port: number;
  url: string;
  ctx: AppContext;
  /** Present when config.metrics is on. */
  commitLatency: CommitLatency | undefined;
  close(): Promise<void>;
}

export async function startServer(config: Config, log: Logger): Promise<RunningServer> {
  const database = await openDatabase(config.database);
  const articles = new ArticleRepo(database.db, database.sqlite);
  const features = new Features();
  const { users, sessions, throttle, setup } = features.add(await authFeature(config, database, log));
  const { fanout } = features.add(linkFeature(config, database, log));
  const { commitLatency, metrics } = features.add(monitoringFeature(config));
  const { hub } = features.add(eventsFeature(fanout));
  const { presence } = features.add(presenceFeature(fanout, hub, log));
  const { endpoints, deliveries, worker } = features.add(webhooksFeature(config, database, log));
  const { collab, cluster } = features.add(
    collabFeature({ config, log, database, articles, users, fanout, hub, presence, commitLatency, metrics }),
  );
  const { service: articleService, accessRequests, audit, sections, comments, comparisons, versions, workflow } = features.add(
    articlesFeature({ config, log, database, articles, collab, cluster, presence, hub }),
  );
  const { revisions, previousUrls, unpublishedChanges } = features.add(
    publishingFeature({ config, log, database, articles, articleService, collab, comparisons, workflow, deliveries, worker }),
  );
  metrics?.watch({
    connections: () => collab.connectionCount,
    documents: () => collab.rooms.size,
    webhookBacklog: () => deliveries.pendingCount(),
  });

  // What request handlers reach (http/context.ts), a feature a line.
  const ctx: AppContext = {
    config, log, database, articles: articleService,
    users, sessions, throttle, setup,
    metrics,
    hub,
    presence,
    endpoints, deliveries, worker,
    collab, cluster,
    audit, sections, comments, comparisons, versions, workflow,
    accessRequests,
    revisions, previousUrls, unpublishedChanges,
  };
  const { app, injectWebSocket } = createApp(ctx);
  const server = await new Promise<ServerType>((resolve) => {
    const s = serve({ fetch: app.fetch, port: config.port, hostname: config.host }, () => resolve(s));
  });
  injectWebSocket(server);
  const port = (server.address() as AddressInfo).port;
  features.start();

  let closing: Promise<void> | undefined;
  const close = () => {
    closing ??= (async () => {
      log.info('shutting down');
      server.close();
      await features.stop();
      if ('closeAllConnections' in server) server.closeAllConnections();
      await database.close();
      log.info('stopped');
    })();
    return closing;
  };
  return { port, url: `http://127.0.0.1:${port}`, ctx, commitLatency, close };
}
