/**
 * The newsroom's work on articles: the audit log, sections, comments, versions (and their comparisons and
 * limit), and workflow transitions.
 */
import { AccessRequests } from '../articles/access-requests.js';
import { Articles } from '../articles/articles.js';
import { AuditLog } from '../articles/audit.js';
import { Comments } from '../articles/comments.js';
import { Comparisons } from '../articles/comparisons.js';
import { Sections } from '../articles/sections.js';
import type { ArticleRepo } from '../articles/repo.js';
import { VersionLimit } from '../articles/version-limit.js';
import { Versions } from '../articles/versions.js';
import { Workflow } from '../articles/workflow.js';
import type { Cluster } from '../cluster.js';
import type { Collab } from '../collab/collab.js';
import type { Database } from '../db/database.js';
import type { Config } from '../env.js';
import type { EventHub } from '../events/hub.js';
import type { Logger } from '../logger.js';
import type { Presence } from '../presence/presence.js';
import { every, type Feature } from './feature.js';

export interface ArticlesNeeds {
  config: Config;
  log: Logger;
  database: Database;
  articles: ArticleRepo;
  collab: Collab;
  cluster: Cluster;
  presence: Presence;
  hub: EventHub;
}

export interface ArticleServices {
  /** Reads and multi-step changes of articles, for the handlers. */
  service: Articles;
  accessRequests: AccessRequests;
  audit: AuditLog;
  sections: Sections;
  comments: Comments;
  comparisons: Comparisons;
  versions: Versions;
  workflow: Workflow;
}

export function articlesFeature(needs: ArticlesNeeds): Feature<ArticleServices> {
  const { config, log, database, articles, collab, cluster, presence, hub } = needs;
  const audit = new AuditLog(database.db);
  const sections = new Sections(database.db);
  const accessRequests = new AccessRequests(database.db, hub);
  const comments = new Comments(database.db);
  const comparisons = new Comparisons({ maxWords: config.maxCompareWords }, log);
  const versions = new Versions(database.db, collab, comparisons);
  // After a stretch of editing, a version of its own.
  collab.onActivity((articleId) => versions.activity(articleId, async () => (await articles.row(articleId))?.status));
  const versionLimit = new VersionLimit(config.maxVersionsPerMinute);
  const workflow = new Workflow({
    db: database.db,
    articles,
    audit,
    versions,
    collab,
    presence,
    hub,
    log,
    refreshAccess: (articleId) => cluster.refreshAccess(articleId),
  });
  const service = new Articles({
    db: database.db,
    repo: articles,
    audit,
    sections,
    accessRequests,
    versions,
    versionLimit,
    presence,
    hub,
    log,
    refreshAccess: (articleId, userId) => cluster.refreshAccess(articleId, userId),
  });
  const sweep = every(60_000, log, 'housekeeping', () => versionLimit.sweep());
  return {
    service: { service, accessRequests, audit, sections, comments, comparisons, versions, workflow },
    start: sweep.start,
    async stop() {
      sweep.stop();
      await comparisons.close();
    },
  };
}
