/**
 * The articles service: what the REST handlers ask of articles. Reads come as the desk shows them
 * (with who is editing now); changes of several steps — create, metadata and assignees, saving
 * and restoring versions — are checked against this person's permissions, written, recorded in
 * the audit log and told to live editors and the desk here, so each is one call for a handler.
 * Workflow transitions have their own service (workflow.ts).
 */
import type { Kysely } from 'kysely';
import type { ArticlePermissions, ArticleSummary, CreateArticle, ReviewNote, UpdateArticle } from '@copydesk/shared';
import type { SessionUser } from '../auth/sessions.js';
import type { DB } from '../db/schema.js';
import { errors } from '../errors.js';
import type { Logger } from '../logger.js';
import type { Presence } from '../presence/presence.js';
import type { EventHub } from '../events/hub.js';
import { articleStanding, mayAddCowriter, permissionsFor, type AccessSubject } from './access.js';
import type { AccessRequests } from './access-requests.js';
import type { AuditLog } from './audit.js';
import type { Sections } from './sections.js';
import type { OpenArticle } from './guard.js';
import type { ArticlePage, ArticleRepo, ListFilter } from './repo.js';
import type { VersionLimit } from './version-limit.js';
import { isVersionNumber, VersionNotFoundError, type Versions } from './versions.js';

export class Articles {
  private readonly detailsListeners: ((articleId: string) => void)[] = [];

  constructor(
    private readonly deps: {
      db: Kysely<DB>;
      repo: ArticleRepo;
      audit: AuditLog;
      /** The newsroom's sections: an article's section is one of them. */
      sections: Sections;
      /** Requests for access, settled when their person is put on the story. */
      accessRequests: AccessRequests;
      versions: Versions;
      /** Versions saved on demand per article per minute. */
      versionLimit: VersionLimit;
      presence: Presence;
      log: Logger;
      hub: EventHub;
      /** Re-checks live sockets on every node after someone's access changed. */
      refreshAccess(articleId: string, userId: string): Promise<void>;
    },
  ) {}

  /** Hears of every change to an article's details (publishing compares them with the live revision). */
  onDetailsChanged(listener: (articleId: string) => void): void {
    this.detailsListeners.push(listener);
  }

  /** The summary with who is editing it now, as the desk shows it. */
  live(article: ArticleSummary): ArticleSummary {
    return { ...article, editing: this.deps.presence.editing(article.id) };
  }

  /** A page of the articles `user` may open (most recently changed first unless sorted), and how many pass the filter. */
  async list(user: SessionUser, filter: ListFilter = {}): Promise<ArticlePage> {
    const page = await this.deps.repo.list(user, filter);
    return { ...page, articles: page.articles.map((a) => this.live(a)) };
  }

  /** The ids of every article `user` may open. */
  visibleIds(user: SessionUser): Promise<string[]> {
    return this.deps.repo.visibleIds(user);
  }

  sections(user: SessionUser): Promise<string[]> {
    return this.deps.repo.sections(user);
  }

  async get(id: string): Promise<ArticleSummary | undefined> {
    const article = await this.deps.repo.get(id);
    return article && this.live(article);
  }

  /** What `user` may do with the article now (a change may have moved their standing). */
  async permissions(user: AccessSubject, id: string): Promise<ArticlePermissions> {
    return permissionsFor(user.role, await articleStanding(this.deps.db, user, id));
  }

  async create(user: SessionUser, input: CreateArticle): Promise<ArticleSummary> {
    const { repo, audit, hub } = this.deps;
    const article = await repo.create(input, user.id);
    await audit.record({ articleId: article.id, actorId: user.id, action: 'create', to: 'draft' });
    hub.publishArticle(article);
    return article;
  }

  /** Changes metadata and assignees: editors assign; metadata follows the right to edit. */
  async update({ id, user, standing }: OpenArticle, { assignees, ...metadata }: UpdateArticle): Promise<ArticleSummary> {
    const { repo, audit, hub, refreshAccess } = this.deps;
    const perms = permissionsFor(user.role, standing);
    if (assignees !== undefined && !perms.canAssign) throw errors.forbidden('Only editors assign people.');
    if (Object.keys(metadata).length > 0 && !perms.canEditMeta) throw errors.forbidden(perms.readOnlyReason ?? 'You cannot change this article now.');
    // An unknown assignee or a slug in use throw domain errors (400/409 in http/error-response.ts).
    if (Object.keys(metadata).length > 0) {
      // The list's spelling ("world" files under "World"); a section kept from before the list stays.
      if (metadata.section !== undefined) metadata.section = await this.deps.sections.resolve(metadata.section, (await repo.row(id))?.section ?? '');
      const before = metadata.tags !== undefined ? ((await repo.get(id))?.tags ?? []) : [];
      await repo.updateMetadata(id, metadata);
      const data: Record<string, unknown> = { fields: Object.keys(metadata) };
      if (metadata.tags !== undefined) {
        // Which tags, so the history can say it and fold a run of them (audit.ts).
        data.added = metadata.tags.filter((t) => !before.includes(t));
        data.removed = before.filter((t) => !metadata.tags!.includes(t));
      }
      await audit.record({ articleId: id, actorId: user.id, action: 'metadata', data });
      for (const listener of this.detailsListeners) listener(id);
    }
    if (assignees !== undefined) {
      const { added, removed } = await repo.setAssignees(id, assignees);
      if (added.length || removed.length) {
        await audit.record({ articleId: id, actorId: user.id, action: 'assign', data: { added, removed } });
        for (const userId of removed) await refreshAccess(id, userId);
        for (const userId of added) await this.deps.accessRequests.settle(id, userId, user.id);
      }
    }
    const article = this.live((await repo.get(id))!);
    hub.publishArticle(article);
    return article;
  }

  /** Tells desks and editors about articles changed in bulk (a section renamed). */
  async announce(ids: readonly string[]): Promise<void> {
    for (const id of ids) {
      const article = await this.get(id);
      if (article) this.deps.hub.publishArticle(article);
    }
  }

  /**
   * Puts `userId` on the story: a writer adding a co-writer to their draft, or anyone who may
   * (mayAddCowriter) granting a request for access. Audited as an assignment; the person's open
   * request is settled, and their open page learns it from the article event.
   */
  async addCowriter({ id, user, standing }: OpenArticle, userId: string): Promise<ArticleSummary> {
    const { repo, audit, hub, accessRequests } = this.deps;
    if (!mayAddCowriter(user.role, standing)) {
      throw errors.forbidden(standing.state === 'draft' ? 'Only the writers on this story and editors add people to it.' : 'Writers add co-writers while the article is a draft; ask an editor.');
    }
    // An unknown or disabled person throws UnknownUserError (400 unknown_user).
    if (await repo.addAssignee(id, userId)) {
      await audit.record({ articleId: id, actorId: user.id, action: 'assign', data: { added: [userId], removed: [], cowriter: true } });
    }
    await accessRequests.settle(id, userId, user.id);
    const article = this.live((await repo.get(id))!);
    hub.publishArticle(article);
    return article;
  }

  /**
   * Adds a note to the review's thread without moving the article (a writer answering a change
   * request, an editor answering back): anyone who may open it may. Returns the thread.
   */
  async addReviewNote({ id, user }: OpenArticle, note: string): Promise<ReviewNote[]> {
    await this.deps.audit.record({ articleId: id, actorId: user.id, action: 'reply', note });
    // Open editors and desks learn of it (its summary's last change is the reply) and reload the thread.
    const article = await this.get(id);
    if (article) this.deps.hub.publishArticle(article);
    return this.deps.audit.reviewNotes(id);
  }

  /** Saves the live document as a version named `name`; returns its number. */
  async saveVersion({ id, user, standing }: OpenArticle, name: string): Promise<number> {
    // Saving stores the whole document again: only someone who may change it now may.
    const permissions = permissionsFor(user.role, standing);
    if (!permissions.canEdit) throw errors.forbidden(permissions.readOnlyReason ?? 'You cannot edit this article now.');
    this.takeVersions(id, 1);
    const n = await this.deps.versions.save(id, { kind: 'named', name, state: standing.state, actorId: user.id });
    await this.deps.audit.record({ articleId: id, actorId: user.id, action: 'version', data: { n, name } });
    return n;
  }

  /** Restores version `n` (see Versions.restore); returns the numbers of the two versions it saved. */
  async restore({ id, user, standing }: OpenArticle, n: number): Promise<{ before: number; restored: number }> {
    if (!permissionsFor(user.role, standing).canRestore) throw errors.forbidden('Only editors restore versions.');
    if (!isVersionNumber(n)) throw errors.notFound('Version');
    // The text before the restore and the restored text: two versions.
    this.takeVersions(id, 2);
    let saved: { before: number; restored: number };
    try {
      saved = await this.deps.versions.restore(id, n, { state: standing.state, actorId: user.id });
    } catch (err) {
      if (err instanceof VersionNotFoundError) throw err;
      // The answer cannot say what broke; the log must.
      this.deps.log.error({ err, articleId: id, n }, 'restore failed');
      throw errors.restoreFailed();
    }
    await this.deps.audit.record({ articleId: id, actorId: user.id, action: 'restore', data: { restored: n, version: saved.restored, before: saved.before } });
    return saved;
  }

  /** Counts versions saved on demand against the article's limit; 429 past it. */
  private takeVersions(articleId: string, count: number): void {
    const wait = this.deps.versionLimit.take(articleId, count);
    if (wait > 0) throw errors.rateLimited(`Too many versions saved of this article in the last minute. Try again in ${wait} seconds.`, wait);
  }
}
