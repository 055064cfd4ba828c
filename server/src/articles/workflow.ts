/**
 * Workflow transitions on the server: checked against the shared state machine, applied with
 * an optimistic lock on the current state, recorded in the audit log, snapshotted as a version,
 * and pushed to live editors (read-only or writable at once) and to the desk.
 */
import type { Kysely } from 'kysely';
import { transition, type ArticleState, type ArticleSummary, type Refusal, type WorkflowAction } from '@copydesk/shared';
import { errors } from '../errors.js';
import type { DB } from '../db/schema.js';
import type { Collab } from '../collab/collab.js';
import type { EventHub } from '../events/hub.js';
import type { Logger } from '../logger.js';
import type { Presence } from '../presence/presence.js';
import { articleStanding, type AccessSubject } from './access.js';
import type { AuditLog } from './audit.js';
import type { ArticleRepo } from './repo.js';
import type { Versions } from './versions.js';

export interface TransitionRequest {
  action: WorkflowAction;
  note?: string | undefined;
  publishAt?: string | undefined;
}

export interface TransitionContext {
  articleId: string;
  actorId: string | null;
  action: WorkflowAction;
  from: ArticleState;
  to: ArticleState;
  note: string | undefined;
}

/**
 * Something that happens with a transition (publishing hooks in here). `prepare` runs before the
 * database transaction (it may read the live document); `commit` runs inside it, after the state
 * changed, so its writes stand or fall with the transition.
 */
export interface TransitionHook<P = unknown> {
  prepare?(ctx: TransitionContext): Promise<P>;
  commit(trx: Kysely<DB>, ctx: TransitionContext, prepared: P): Promise<void>;
  /** After the commit, outside the transaction (e.g. wake a worker). */
  after?(ctx: TransitionContext): void;
}

/**
 * The shared workflow refused the transition. Thrown rather than answered, because the scheduler
 * applies transitions too; http/error-response.ts turns it into the refusal's own API error.
 */
export class TransitionRefusedError extends Error {
  override name = 'TransitionRefusedError';

  constructor(readonly refusal: Refusal) {
    super(refusal.message);
  }
}

export class Workflow {
  private readonly hooks: TransitionHook[] = [];

  constructor(
    private readonly deps: {
      db: Kysely<DB>;
      articles: ArticleRepo;
      audit: AuditLog;
      versions: Versions;
      collab: Collab;
      presence: Pick<Presence, 'editing'>;
      hub: EventHub;
      /** Re-checks live sockets on every node after the state changed. */
      refreshAccess(articleId: string): Promise<void>;
      log: Logger;
    },
  ) {}

  onTransition<P>(hook: TransitionHook<P>): void {
    this.hooks.push(hook as TransitionHook);
  }

  /** Applies `req` for `actor` (null actor = the system, e.g. the scheduler, acting as an editor). */
  async apply(actor: (AccessSubject & { id: string }) | null, articleId: string, req: TransitionRequest): Promise<ArticleSummary> {
    const { db, articles, audit, versions, collab, log, refreshAccess } = this.deps;
    const subject: AccessSubject = actor ?? { id: '', role: 'admin' };
    const standing = await articleStanding(db, subject, articleId);
    if (standing.access === 'missing') throw errors.notFound('Article');
    if (standing.access === 'forbidden') throw errors.forbidden('This article is not assigned to you.');
    const from = standing.state;
    const result = transition({ state: from, role: subject.role, relation: standing.relation, action: req.action, note: req.note, publishAt: req.publishAt });
    if (!result.ok) throw new TransitionRefusedError(result.refusal);
    const to = result.to;
    const note = req.note?.trim() || undefined;

    // The row must match what people see in the editor: a headline typed a moment ago names the slug.
    await collab.saveMetaNow(articleId);
    const ctx: TransitionContext = { articleId, actorId: actor?.id ?? null, action: req.action, from, to, note };
    const prepared: unknown[] = [];
    for (const hook of this.hooks) prepared.push(await hook.prepare?.(ctx));

    await db.transaction().execute(async (trx) => {
      const publishAt = req.action === 'schedule' ? new Date(req.publishAt!).toISOString() : undefined;
      if (!(await articles.setStatus(trx, articleId, from, to, publishAt))) {
        throw errors.stateChanged();
      }
      await audit.record(
        { articleId, actorId: actor?.id ?? null, action: req.action, from, to, note: note ?? null, data: publishAt ? { publishAt } : {} },
        trx,
      );
      for (const [i, hook] of this.hooks.entries()) await hook.commit(trx, ctx, prepared[i]);
    });
    for (const hook of this.hooks) hook.after?.(ctx);
    log.info({ articleId, action: req.action, from, to, by: actor?.id ?? 'system' }, 'workflow transition');

    await versions.save(articleId, { kind: 'transition', action: req.action, state: to, actorId: actor?.id ?? null });
    await refreshAccess(articleId);
    return (await this.announce(articleId))!;
  }

  /** Tells the desk and open editors, on every node, how the article stands now; returns that. */
  async announce(articleId: string): Promise<ArticleSummary | undefined> {
    const summary = await this.deps.articles.get(articleId);
    if (summary) this.deps.hub.publishArticle({ ...summary, editing: this.deps.presence.editing(articleId) });
    return summary;
  }
}
