/**
 * Live editing: the collaboration service (sockets, rooms, the update writer) and the cluster
 * messages that keep every node's sockets to the current access rules.
 */
import { currentSocketRights } from '../articles/access.js';
import type { ArticleRepo } from '../articles/repo.js';
import type { UserRepo } from '../auth/users.js';
import { Cluster } from '../cluster.js';
import { Collab } from '../collab/collab.js';
import type { Fanout } from '../collab/fanout.js';
import type { Database } from '../db/database.js';
import { KyselyDocStore } from '../db/doc-store.js';
import { SqliteDocStore } from '../db/sqlite-doc-store.js';
import type { Config } from '../env.js';
import type { EventHub } from '../events/hub.js';
import type { Logger } from '../logger.js';
import type { CommitLatency } from '../metrics.js';
import type { ServerMetrics } from '../monitoring/metrics.js';
import type { Presence } from '../presence/presence.js';
import type { Feature } from './feature.js';

export interface CollabNeeds {
  config: Config;
  log: Logger;
  database: Database;
  articles: ArticleRepo;
  users: UserRepo;
  fanout: Fanout;
  hub: EventHub;
  presence: Presence;
  commitLatency: CommitLatency | undefined;
  metrics: ServerMetrics | undefined;
}

export function collabFeature(needs: CollabNeeds): Feature<{ collab: Collab; cluster: Cluster }> {
  const { config, log, database, articles, users, fanout, hub, presence, metrics } = needs;
  const collab = new Collab({
    store: database.sqlite ? new SqliteDocStore(database.sqlite) : new KyselyDocStore(database.db, database.kind),
    log,
    fanout,
    presence,
    standing: (userId, articleId) => currentSocketRights(database.db, users, userId, articleId),
    savedMeta: async (id) => {
      const row = await articles.row(id);
      return row ? { headline: row.headline, dek: row.dek, wordCount: Number(row.word_count) } : undefined;
    },
    saveMeta: async (id, meta) => {
      await articles.updateMeta(id, meta);
      // Nobody to tell: no event streams on this node and no other nodes.
      if (hub.size === 0 && !fanout.linked) return;
      const article = await articles.get(id);
      if (article) hub.publishArticle({ ...article, editing: presence.editing(id) });
    },
    compactAfterUpdates: config.compactAfterUpdates,
    groupCommitMs: config.groupCommitMs,
    maxDocuments: config.maxDocuments,
    limits: config.documentLimits,
    perPerson: config.perPerson,
    rateLimit: config.rateLimit,
    commitLatency: needs.commitLatency,
    metrics,
    // A malformed update ends in a ProtocolError, which the connection counts with the others.
    onRefused: (kind) => {
      if (kind !== 'malformed') metrics?.refusedUpdate(kind);
    },
  });
  const cluster = new Cluster(fanout, collab, hub, log);
  fanout.onControl((message) => cluster.hear(message));
  // Every socket closed with a code, every accepted update committed.
  return { service: { collab, cluster }, stop: () => collab.shutdown() };
}
