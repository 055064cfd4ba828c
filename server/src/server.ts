/**
 * Starts Copydesk: database, services, HTTP and WebSocket on one port. Returns a handle whose
 * close() shuts down in order (stop accepting, close sockets with a code, commit, close db).
 * Used by main.ts and by the integration tests (port 0, temporary database).
 */
import type { AddressInfo } from 'node:net';
import { serve, type ServerType } from '@hono/node-server';
import { createApp } from './app.js';
import { articleStanding, permissionsFor } from './articles/access.js';
import { Articles } from './articles/articles.js';
import { AuditLog } from './articles/audit.js';
import { Comments } from './articles/comments.js';
import { Versions } from './articles/versions.js';
import { VersionLimit } from './articles/version-limit.js';
import { Comparisons } from './articles/comparisons.js';
import { Workflow } from './articles/workflow.js';
import { EventHub } from './events/hub.js';
import { Cluster } from './cluster.js';
import { publisher } from './publish/publisher.js';
import { Revisions } from './publish/revisions.js';
import { Scheduler } from './publish/scheduler.js';
import { Deliveries } from './webhooks/deliveries.js';
import { Endpoints } from './webhooks/endpoints.js';
import { DeliveryWorker } from './webhooks/worker.js';
import { ArticleRepo } from './articles/repo.js';
import { bootstrapAdmin } from './auth/bootstrap.js';
import { SessionStore } from './auth/sessions.js';
import { LoginThrottle } from './auth/throttle.js';
import { UserRepo } from './auth/users.js';
import { Collab } from './collab/collab.js';
import { localFanout, type Fanout } from './collab/fanout.js';
import { RedisFanout } from './collab/redis-fanout.js';
import { openDatabase } from './db/database.js';
import { KyselyDocStore } from './db/doc-store.js';
import { SqliteDocStore } from './db/sqlite-doc-store.js';
import type { Config } from './env.js';
import type { AppContext } from './http/context.js';
import { CommitLatency } from './metrics.js';
import { ServerMetrics } from './monitoring/metrics.js';
import { guarded, type Logger } from './logger.js';

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
  const users = new UserRepo(database.db);
  const sessions = new SessionStore(database.db);
  const throttle = new LoginThrottle(config.loginThrottle);
  const setup = await bootstrapAdmin(config, users, log);
  const fanout: Fanout = config.redisUrl ? new RedisFanout(config.redisUrl, log) : localFanout;
  if (config.redisUrl && database.kind === 'sqlite') {
    log.warn('REDIS_URL links several nodes, but they share no database on SQLite: use PostgreSQL (DATABASE_URL=postgres://...)');
  }
  const hub = new EventHub();
  const audit = new AuditLog(database.db);
  const comments = new Comments(database.db);
  const publishSummary = async (articleId: string) => {
    // Nobody to tell: no event streams on this node and no other nodes.
    if (hub.size === 0 && !fanout.linked) return;
    const article = await articles.get(articleId);
    if (article) hub.publishArticle({ ...article, editing: collab.editing(articleId) });
  };
  const commitLatency = config.metrics ? new CommitLatency() : undefined;
  const metrics = config.metricsToken ? new ServerMetrics() : undefined;
  const collab: Collab = new Collab({
    standing: async (userId, articleId) => {
      const row = await users.get(userId);
      if (!row || Number(row.disabled) !== 0) return { open: false, canEdit: false };
      const standing = await articleStanding(database.db, row, articleId);
      return { open: standing.access === 'open', canEdit: permissionsFor(row.role, standing).canEdit };
    },
    onPresence: (articleId) => cluster.presenceChanged(articleId),
    onActivity: (articleId) => versions.activity(articleId, async () => (await articles.row(articleId))?.status),
    store: database.sqlite ? new SqliteDocStore(database.sqlite) : new KyselyDocStore(database.db, database.kind),
    log,
    fanout,
    savedMeta: async (id) => {
      const row = await articles.row(id);
      return row ? { headline: row.headline, dek: row.dek, wordCount: Number(row.word_count) } : undefined;
    },
    saveMeta: async (id, meta) => {
      await articles.updateMeta(id, meta);
      await publishSummary(id);
    },
    compactAfterUpdates: config.compactAfterUpdates,
    groupCommitMs: config.groupCommitMs,
    maxDocuments: config.maxDocuments,
    limits: config.documentLimits,
    perPerson: config.perPerson,
    rateLimit: config.rateLimit,
    commitLatency,
    metrics,
    // A malformed update ends in a ProtocolError, which the connection counts with the others.
    onRefused: (kind) => {
      if (kind !== 'malformed') metrics?.refusedUpdate(kind);
    },
  });
  const cluster = new Cluster(fanout, collab, hub, log);
  const comparisons = new Comparisons({ maxWords: config.maxCompareWords }, log);
  const versions = new Versions(database.db, collab, comparisons);
  const versionLimit = new VersionLimit(config.maxVersionsPerMinute);
  const workflow = new Workflow({
    db: database.db,
    articles,
    audit,
    versions,
    collab,
    hub,
    log,
    refreshAccess: (articleId) => cluster.refreshAccess(articleId),
  });
  const revisions = new Revisions(database.db);
  const endpoints = new Endpoints(database.db);
  const deliveries = new Deliveries(database.db, endpoints);
  const worker = new DeliveryWorker({ deliveries, endpoints, config: config.webhooks, log });
  workflow.onTransition(publisher({ config, collab, articles, revisions, deliveries, worker: () => worker }));
  const scheduler = new Scheduler({ articles, workflow, log });
  metrics?.watch({
    connections: () => collab.connectionCount,
    documents: () => collab.rooms.size,
    webhookBacklog: () => deliveries.pendingCount(),
  });
  const ctx: AppContext = {
    config,
    log,
    database,
    articles: new Articles({
      db: database.db,
      repo: articles,
      audit,
      versions,
      versionLimit,
      collab,
      hub,
      refreshAccess: (articleId, userId) => cluster.refreshAccess(articleId, userId),
    }),
    users,
    sessions,
    throttle,
    collab,
    setup,
    audit,
    versions,
    comparisons,
    workflow,
    comments,
    hub,
    revisions,
    endpoints,
    deliveries,
    worker,
    cluster,
    metrics,
  };
  const housekeeping = setInterval(
    guarded(log, { task: 'housekeeping' }, () => {
      throttle.sweep();
      versionLimit.sweep();
      sessions.deleteExpired().catch((err: unknown) => log.error({ err }, 'could not delete expired sessions'));
    }),
    60_000,
  );
  housekeeping.unref();
  const { app, injectWebSocket } = createApp(ctx);

  const server = await new Promise<ServerType>((resolve) => {
    const s = serve({ fetch: app.fetch, port: config.port, hostname: config.host }, () => resolve(s));
  });
  injectWebSocket(server);
  const port = (server.address() as AddressInfo).port;
  // With PORT=0 (tests) the default public URL can only be known once listening.
  worker.start();
  scheduler.start();
  if (!config.publicUrlSet && config.port === 0) {
    const provisional = config.publicUrl;
    config.publicUrl = `http://localhost:${port}`;
    if (config.siteUrl === provisional) config.siteUrl = config.publicUrl;
  }

  let closing: Promise<void> | undefined;
  const close = () => {
    closing ??= (async () => {
      log.info('shutting down');
      clearInterval(housekeeping);
      scheduler.stop();
      cluster.stop();
      server.close();
      await collab.shutdown();
      await worker.stop();
      await comparisons.close();
      await fanout.close();
      if ('closeAllConnections' in server) server.closeAllConnections();
      await database.close();
      log.info('stopped');
    })();
    return closing;
  };
  return { port, url: `http://127.0.0.1:${port}`, ctx, commitLatency, close };
}
