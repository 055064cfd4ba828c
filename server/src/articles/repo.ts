/** Articles in the database: creation (with the first state of the doc), listing, metadata, state. */
import { randomBytes } from 'node:crypto';
import { type ExpressionBuilder, type Kysely, type Transaction } from 'kysely';
import * as Y from 'yjs';
import {
  ARTICLE_PAGE_MAX,
  headlineOf,
  slugify,
  type ArticleState,
  type ArticleSummary,
  type LastChange,
  type PersonRef,
} from '@copydesk/shared';
import type SQLite from 'better-sqlite3';
import { nowIso, outsideTransactions } from '../db/database.js';
import type { ArticlesTable, DB } from '../db/schema.js';
import type { SessionUser } from '../auth/sessions.js';
import { mayOpen } from './access.js';
import { orderArticles, type ArticlePage, type ListFilter } from './article-list.js';

export type { ArticlePage, ListFilter } from './article-list.js';

export function newArticleId(): string {
  return randomBytes(16).toString('base64url');
}

export class UnknownUserError extends Error {
  override name = 'UnknownUserError';
}

export class SlugTakenError extends Error {
  override name = 'SlugTakenError';
}

export interface ArticleMeta {
  headline: string;
  dek: string;
  wordCount: number;
  /** The account whose edit this save carries, if a person's (kept as the last editor). */
  editedBy?: string | undefined;
}

export interface MetadataPatch {
  slug?: string | undefined;
  section?: string | undefined;
  tags?: string[] | undefined;
  byline?: string | undefined;
  seoDescription?: string | undefined;
  publishAt?: string | null | undefined;
}

function parseTags(json: string): string[] {
  try {
    const v: unknown = JSON.parse(json);
    return Array.isArray(v) ? v.filter((t): t is string => typeof t === 'string') : [];
  } catch {
    return [];
  }
}

type Db = Kysely<DB> | Transaction<DB>;

/** Articles `userId` created or is assigned to (relation 'owner' or 'assignee' in access.ts). */
function createdOrAssigned(eb: ExpressionBuilder<DB, 'articles'>, userId: string) {
  return eb.or([
    eb('articles.created_by', '=', userId),
    eb('articles.id', 'in', eb.selectFrom('article_assignees').select('article_id').where('user_id', '=', userId)),
  ]);
}

export class ArticleRepo {
  /** SQLite only: the metadata save of an edit that left the headline as it was, prepared once. */
  private readonly metaUnchangedHeadline: SQLite.Statement<[string, number, string, string | null, string, string]> | undefined;

  constructor(
    private readonly db: Kysely<DB>,
    private readonly sqlite?: SQLite.Database,
  ) {
    this.metaUnchangedHeadline = sqlite?.prepare(
      'UPDATE articles SET dek = ?, word_count = ?, updated_at = ?, edited_by = COALESCE(?, edited_by) WHERE id = ? AND headline = ?',
    );
  }

  async create(input: { headline?: string | undefined }, createdBy: string | null): Promise<ArticleSummary> {
    const now = nowIso();
    const headline = input.headline ?? '';
    const row: ArticlesTable = {
      id: newArticleId(),
      headline,
      dek: '',
      word_count: 0,
      created_at: now,
      updated_at: now,
      created_by: createdBy,
      status: 'draft',
      section: '',
      tags: '[]',
      byline: '',
      seo_description: '',
      slug: null,
      slug_locked: 0,
      publish_at: null,
      status_changed_at: now,
      edited_by: null,
      schedule_failed_at: null,
      schedule_failure: null,
      unpublished_changes: 0,
    };
    await this.db.transaction().execute(async (trx) => {
      row.slug = headline ? await this.freeSlug(trx, slugify(headline), row.id) : null;
      await trx.insertInto('articles').values(row).execute();
      if (headline) {
        const doc = new Y.Doc();
        headlineOf(doc).insert(0, headline);
        const data = Buffer.from(Y.encodeStateAsUpdate(doc));
        doc.destroy();
        await trx.insertInto('doc_updates').values({ article_id: row.id, data }).execute();
      }
      if (createdBy) {
        const author = await trx.selectFrom('users').select(['display_name', 'role']).where('id', '=', createdBy).executeTakeFirst();
        // A writer who starts a story is its first assignee, and so its byline.
        if (author && author.role === 'writer') {
          await trx.insertInto('article_assignees').values({ article_id: row.id, user_id: createdBy, assigned_at: now }).execute();
          row.byline = author.display_name;
          await trx.updateTable('articles').set({ byline: row.byline }).where('id', '=', row.id).execute();
        }
      }
    });
    return (await this.get(row.id))!;
  }

  /**
   * One page of the articles `user` may open (access.ts) that pass `filter`, in `filter.sort`
   * order (the latest change first by default), and how many pass in all.
   */
  async list(user: SessionUser, filter: ListFilter = {}): Promise<ArticlePage> {
    let q = this.db.selectFrom('articles');
    if (!mayOpen(user, 'none') || filter.mine) q = q.where((eb) => createdOrAssigned(eb, user.id));
    if (filter.section) q = q.where('section', '=', filter.section);
    if (filter.q) q = q.where('headline', 'like', `%${filter.q.replace(/[%_\\]/g, (m) => `\\${m}`)}%`);
    if (filter.states?.length) q = q.where('status', 'in', filter.states);
    if (filter.updatedFrom) q = q.where('updated_at', '>=', new Date(filter.updatedFrom).toISOString());
    if (filter.updatedTo) q = q.where('updated_at', '<', new Date(filter.updatedTo).toISOString());
    const limit = Math.min(filter.limit ?? ARTICLE_PAGE_MAX, ARTICLE_PAGE_MAX);
    const [rows, count] = await Promise.all([
      orderArticles(q.selectAll(), filter.sort ?? 'updated', filter.dir)
        .limit(limit)
        .offset(filter.offset ?? 0)
        .execute(),
      q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
    ]);
    return { articles: await this.summaries(rows), total: Number(count.n) };
  }

  /** The ids of every article `user` may open (the event stream's starting point). */
  async visibleIds(user: SessionUser): Promise<string[]> {
    let q = this.db.selectFrom('articles').select('id');
    if (!mayOpen(user, 'none')) q = q.where((eb) => createdOrAssigned(eb, user.id));
    return (await q.execute()).map((r) => r.id);
  }

  async get(id: string): Promise<ArticleSummary | undefined> {
    const row = await this.row(id);
    return row ? (await this.summaries([row]))[0] : undefined;
  }

  row(id: string, db: Db = this.db): Promise<ArticlesTable | undefined> {
    return db.selectFrom('articles').selectAll().where('id', '=', id).executeTakeFirst();
  }

  /** The sections of the articles `user` may open: a section's name can itself give a story away. */
  async sections(user: SessionUser): Promise<string[]> {
    let q = this.db.selectFrom('articles').select('section').distinct().where('section', '!=', '').orderBy('section');
    if (!mayOpen(user, 'none')) q = q.where((eb) => createdOrAssigned(eb, user.id));
    const rows = await q.execute();
    return rows.map((r) => r.section);
  }

  /** Headline, dek and word count as derived from the live document; the slug follows the headline until set by hand. */
  async updateMeta(id: string, meta: ArticleMeta): Promise<void> {
    // The common case, once a second per article while anyone types: the headline (and so the
    // slug) is as stored. One prepared statement instead of a read and a write through Kysely.
    if (this.sqlite && this.metaUnchangedHeadline) {
      await outsideTransactions(this.sqlite);
      if (this.metaUnchangedHeadline.run(meta.dek, meta.wordCount, nowIso(), meta.editedBy ?? null, id, meta.headline).changes > 0) return;
    }
    await this.db.transaction().execute(async (trx) => {
      const row = await this.row(id, trx);
      if (!row) return;
      let slug = row.slug;
      const followsHeadline = Number(row.slug_locked) === 0 && row.status !== 'published' && row.status !== 'unpublished';
      if (followsHeadline && meta.headline !== row.headline) {
        const base = slugify(meta.headline);
        slug = base ? await this.freeSlug(trx, base, id) : null;
      }
      await trx
        .updateTable('articles')
        .set({
          headline: meta.headline,
          dek: meta.dek,
          word_count: meta.wordCount,
          slug,
          updated_at: nowIso(),
          ...(meta.editedBy ? { edited_by: meta.editedBy } : {}),
        })
        .where('id', '=', id)
        .execute();
    });
  }

  async updateMetadata(id: string, patch: MetadataPatch): Promise<void> {
    const set: Partial<ArticlesTable> = { updated_at: nowIso() };
    if (patch.section !== undefined) set.section = patch.section;
    if (patch.tags !== undefined) set.tags = JSON.stringify([...new Set(patch.tags)]);
    if (patch.byline !== undefined) set.byline = patch.byline;
    if (patch.seoDescription !== undefined) set.seo_description = patch.seoDescription;
    if (patch.publishAt !== undefined) set.publish_at = patch.publishAt === null ? null : new Date(patch.publishAt).toISOString();
    await this.db.transaction().execute(async (trx) => {
      if (patch.slug !== undefined) {
        if (await this.slugInUse(trx, patch.slug, id)) throw new SlugTakenError(patch.slug);
        set.slug = patch.slug;
        set.slug_locked = 1;
      }
      await trx.updateTable('articles').set(set).where('id', '=', id).execute();
    });
  }

  /**
   * Moves the article from `from` to `to`; false if someone else moved it first. A transition
   * settles a failed schedule (rescheduled, published or sent back), and one into `published`
   * freezes the live text, so neither flag survives it.
   */
  async setStatus(trx: Db, id: string, from: ArticleState, to: ArticleState, publishAt?: string | null): Promise<boolean> {
    const now = nowIso();
    const res = await trx
      .updateTable('articles')
      .set({
        status: to,
        status_changed_at: now,
        updated_at: now,
        schedule_failed_at: null,
        schedule_failure: null,
        unpublished_changes: 0,
        ...(publishAt !== undefined ? { publish_at: publishAt } : {}),
      })
      .where('id', '=', id)
      .where('status', '=', from)
      .executeTakeFirst();
    return Number(res.numUpdatedRows) === 1;
  }

  async assigneeIds(articleId: string): Promise<string[]> {
    const rows = await this.db.selectFrom('article_assignees').select('user_id').where('article_id', '=', articleId).execute();
    return rows.map((r) => r.user_id);
  }

  /** Replaces the assignees; returns who was added and removed. Unknown user ids are an error. */
  async setAssignees(articleId: string, userIds: string[]): Promise<{ added: string[]; removed: string[] }> {
    const wanted = [...new Set(userIds)];
    return this.db.transaction().execute(async (trx) => {
      if (wanted.length > 0) {
        const found = await trx.selectFrom('users').select('id').where('id', 'in', wanted).execute();
        if (found.length !== wanted.length) throw new UnknownUserError();
      }
      const current = (await trx.selectFrom('article_assignees').select('user_id').where('article_id', '=', articleId).execute()).map((r) => r.user_id);
      const removed = current.filter((id) => !wanted.includes(id));
      const added = wanted.filter((id) => !current.includes(id));
      if (removed.length > 0) {
        await trx.deleteFrom('article_assignees').where('article_id', '=', articleId).where('user_id', 'in', removed).execute();
      }
      if (added.length > 0) {
        const now = nowIso();
        await trx.insertInto('article_assignees').values(added.map((user_id) => ({ article_id: articleId, user_id, assigned_at: now }))).execute();
      }
      await trx.updateTable('articles').set({ updated_at: nowIso() }).where('id', '=', articleId).execute();
      return { added, removed };
    });
  }

  /**
   * Puts one enabled person on the article (a co-writer, or a granted request for access).
   * Returns false when they already were on it.
   */
  async addAssignee(articleId: string, userId: string): Promise<boolean> {
    return this.db.transaction().execute(async (trx) => {
      const person = await trx.selectFrom('users').select('id').where('id', '=', userId).where('disabled', '=', 0).executeTakeFirst();
      if (!person) throw new UnknownUserError();
      const present = await trx
        .selectFrom('article_assignees')
        .select('user_id')
        .where('article_id', '=', articleId)
        .where('user_id', '=', userId)
        .executeTakeFirst();
      if (present) return false;
      const now = nowIso();
      await trx.insertInto('article_assignees').values({ article_id: articleId, user_id: userId, assigned_at: now }).execute();
      await trx.updateTable('articles').set({ updated_at: now }).where('id', '=', articleId).execute();
      return true;
    });
  }

  /**
   * Articles whose scheduled time has come: those not tried yet, and those that failed and have
   * changed since (someone fixed them, perhaps). A failed one unchanged waits, not retried in a loop.
   */
  async due(now: string): Promise<ArticlesTable[]> {
    return this.db
      .selectFrom('articles')
      .selectAll()
      .where('status', '=', 'scheduled')
      .where('publish_at', '<=', now)
      .where((eb) => eb.or([eb('schedule_failed_at', 'is', null), eb('updated_at', '>', eb.ref('schedule_failed_at'))]))
      .execute();
  }

  /** A due publication failed: kept (without marking the article as edited) until it changes. */
  async recordScheduleFailure(id: string, reason: string): Promise<void> {
    await this.db
      .updateTable('articles')
      .set({ schedule_failed_at: nowIso(), schedule_failure: reason })
      .where('id', '=', id)
      .where('status', '=', 'scheduled')
      .execute();
  }

  /** Sets whether the published article's live text differs from its revision; true if that changed the row. */
  async setUnpublishedChanges(id: string, changed: boolean): Promise<boolean> {
    const res = await this.db
      .updateTable('articles')
      .set({ unpublished_changes: changed ? 1 : 0 })
      .where('id', '=', id)
      .where('status', '=', 'published')
      .where('unpublished_changes', '=', changed ? 0 : 1)
      .executeTakeFirst();
    return Number(res.numUpdatedRows) === 1;
  }

  private async freeSlug(db: Db, base: string, selfId: string): Promise<string> {
    for (let n = 1; ; n++) {
      const candidate = n === 1 ? base : `${base}-${n}`;
      if (!(await this.slugInUse(db, candidate, selfId))) return candidate;
    }
  }

  /**
   * Whether another article holds `slug`: as its slug now, or as one it was published under (its
   * old URL redirects to it for ever, so no other story may take it over).
   */
  private async slugInUse(db: Db, slug: string, selfId: string): Promise<boolean> {
    const current = await db.selectFrom('articles').select('id').where('slug', '=', slug).where('id', '!=', selfId).executeTakeFirst();
    if (current) return true;
    const published = await db.selectFrom('revisions').select('article_id').where('slug', '=', slug).where('article_id', '!=', selfId).executeTakeFirst();
    return published !== undefined;
  }

  private async summaries(rows: ArticlesTable[]): Promise<ArticleSummary[]> {
    if (rows.length === 0) return [];
    const ids = rows.map((r) => r.id);
    const assignees = await this.db
      .selectFrom('article_assignees')
      .innerJoin('users', 'users.id', 'article_assignees.user_id')
      .select(['article_assignees.article_id as article_id', 'users.id as id', 'users.display_name as name', 'users.color as color'])
      .where('article_assignees.article_id', 'in', ids)
      .orderBy('article_assignees.assigned_at')
      .execute();
    const comments = await this.db
      .selectFrom('comments')
      .select(['article_id', (eb) => eb.fn.countAll<number>().as('n')])
      .where('article_id', 'in', ids)
      .where('resolved', '=', 0)
      .whereRef('thread_id', '=', 'id')
      .groupBy('article_id')
      .execute();
    const lastChanges = await this.lastChanges(rows);
    const byArticle = new Map<string, PersonRef[]>();
    for (const a of assignees) {
      const list = byArticle.get(a.article_id) ?? [];
      list.push({ id: a.id, name: a.name, color: a.color });
      byArticle.set(a.article_id, list);
    }
    const open = new Map(comments.map((c) => [c.article_id, Number(c.n)]));
    return rows.map((row) => ({
      id: row.id,
      headline: row.headline,
      dek: row.dek,
      wordCount: Number(row.word_count),
      createdAt: row.created_at,
      updatedAt: row.updated_at,
      createdBy: row.created_by,
      status: row.status,
      statusChangedAt: row.status_changed_at,
      slug: row.slug,
      section: row.section,
      tags: parseTags(row.tags),
      byline: row.byline,
      seoDescription: row.seo_description,
      publishAt: row.publish_at,
      assignees: byArticle.get(row.id) ?? [],
      openComments: open.get(row.id) ?? 0,
      editing: [],
      lastChange: lastChanges.get(row.id) ?? null,
      scheduleFailure: row.status === 'scheduled' && row.schedule_failed_at ? { reason: row.schedule_failure ?? '', at: row.schedule_failed_at } : null,
      unpublishedChanges: row.status === 'published' && Number(row.unpublished_changes) === 1,
    }));
  }

  /**
   * What happened last to each article and who did it: its latest audit entry (created,
   * submitted, approved, details changed…), unless the text was edited since then, by
   * `edited_by`. Two small queries for the page, whatever its size.
   */
  private async lastChanges(rows: readonly ArticlesTable[]): Promise<Map<string, LastChange>> {
    const ids = rows.map((r) => r.id);
    const latest = await this.db
      .selectFrom('audit_log')
      .leftJoin('users', 'users.id', 'audit_log.actor_id')
      .select(['audit_log.article_id as article_id', 'audit_log.action as action', 'users.display_name as name', 'audit_log.created_at as at'])
      .where('audit_log.id', 'in', (eb) =>
        eb
          .selectFrom('audit_log as latest')
          .select((e) => e.fn.max<number>('latest.id').as('id'))
          .where('latest.article_id', 'in', ids)
          .where('latest.action', '!=', 'version')
          .groupBy('latest.article_id'),
      )
      .execute();
    const editorIds = [...new Set(rows.map((r) => r.edited_by).filter((id): id is string => id !== null))];
    const editors = editorIds.length
      ? new Map((await this.db.selectFrom('users').select(['id', 'display_name']).where('id', 'in', editorIds).execute()).map((u) => [u.id, u.display_name]))
      : new Map<string, string>();
    const audited = new Map(latest.map((l) => [l.article_id, l]));
    const result = new Map<string, LastChange>();
    for (const row of rows) {
      const entry = audited.get(row.id);
      // A step is recorded just after it changes the row: an entry older than the row's last
      // change means the text was edited since.
      if (entry && entry.at >= row.updated_at) result.set(row.id, { action: entry.action, by: entry.name, at: entry.at });
      else if (row.edited_by !== null || entry) result.set(row.id, { action: 'edit', by: row.edited_by ? (editors.get(row.edited_by) ?? null) : null, at: row.updated_at });
    }
    return result;
  }
}
