/** What every request handler can reach: the process's services and the signed-in user. */
import type { Config } from '../env.js';
import type { Logger } from '../logger.js';
import type { Articles } from '../articles/articles.js';
import type { Collab } from '../collab/collab.js';
import type { Database } from '../db/database.js';
import type { Session, SessionStore, SessionUser } from '../auth/sessions.js';
import type { UserRepo } from '../auth/users.js';
import type { LoginThrottle } from '../auth/throttle.js';
import type { AuditLog } from '../articles/audit.js';
import type { Sections } from '../articles/sections.js';
import type { AccessRequests } from '../articles/access-requests.js';
import type { Comments } from '../articles/comments.js';
import type { Versions } from '../articles/versions.js';
import type { Comparisons } from '../articles/comparisons.js';
import type { Workflow } from '../articles/workflow.js';
import type { EventHub } from '../events/hub.js';
import type { Cluster } from '../cluster.js';
import type { Presence } from '../presence/presence.js';
import type { PreviousUrls } from '../publish/previous-urls.js';
import type { Revisions } from '../publish/revisions.js';
import type { UnpublishedChanges } from '../publish/unpublished-changes.js';
import type { Deliveries } from '../webhooks/deliveries.js';
import type { Endpoints } from '../webhooks/endpoints.js';
import type { DeliveryWorker } from '../webhooks/worker.js';
import type { ServerMetrics } from '../monitoring/metrics.js';

export interface AppContext {
  config: Config;
  log: Logger;
  database: Database;
  /** Reads and multi-step changes of articles, for the handlers. */
  articles: Articles;
  users: UserRepo;
  sessions: SessionStore;
  throttle: LoginThrottle;
  collab: Collab;
  /** Who is editing which article, on every node. */
  presence: Presence;
  audit: AuditLog;
  /** The newsroom's list of sections. */
  sections: Sections;
  /** Requests for access to articles, and their decisions. */
  accessRequests: AccessRequests;
  versions: Versions;
  /** Word diffs off the event loop, within bounds. */
  comparisons: Comparisons;
  workflow: Workflow;
  comments: Comments;
  hub: EventHub;
  revisions: Revisions;
  previousUrls: PreviousUrls;
  /** Whether published articles differ from their live revision, and what differs. */
  unpublishedChanges: UnpublishedChanges;
  endpoints: Endpoints;
  deliveries: Deliveries;
  worker: DeliveryWorker;
  cluster: Cluster;
  /** Prometheus metrics of this server; undefined unless METRICS_TOKEN is set. */
  metrics: ServerMetrics | undefined;
  /** One-time token that allows creating the first admin; null once an admin exists. */
  setup: { token: string | null };
}

/** Ends sessions' live connections on every node: collaboration sockets and event streams. */
export function revokeLive(ctx: AppContext, sessionIds: readonly string[]): void {
  ctx.cluster.revoke(sessionIds);
}

export interface AppEnv {
  Variables: {
    ctx: AppContext;
    user: SessionUser | null;
    session: Session | null;
    /** Why an administrator ended the session this request's cookie names, if one did. */
    sessionEnded: string | null;
  };
}
