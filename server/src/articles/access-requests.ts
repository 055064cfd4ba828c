/**
 * Requests for access: a person who may not open an article asks to be put on it, with an
 * optional short note. The people who may add a co-writer (its writers while it is a draft, and
 * the editors: `mayAddCowriter`) see it, and grant it (the person becomes an assignee, through
 * Articles.addCowriter, which settles the request) or dismiss it. One open request per person and
 * article (a unique index); a person may ask `ACCESS_REQUESTS_PER_HOUR` times an hour, across
 * articles. Requests are stored with who decided and when, so notifications can hook in later,
 * and every change is told live as an `access-requests` event about the article.
 */
import { randomBytes } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { AccessRequestView, PersonRef } from '@copydesk/shared';
import type { SessionUser } from '../auth/sessions.js';
import { nowIso } from '../db/database.js';
import type { AccessRequestsTable, DB } from '../db/schema.js';
import { errors } from '../errors.js';
import type { EventHub } from '../events/hub.js';

/** Requests one person may make in an hour, across articles (each dismissed one counts). */
export const ACCESS_REQUESTS_PER_HOUR = 10;
const HOUR_MS = 3_600_000;
/** The most requests one list returns (the oldest open ones wait until newer are decided). */
const LIST_MAX = 100;

export class AccessRequests {
  constructor(
    private readonly db: Kysely<DB>,
    private readonly hub: EventHub,
    private readonly now: () => number = Date.now,
  ) {}

  /**
   * Asks for access to `articleId` as `requester`. Asking again while a request is open returns
   * that one (`created: false`); past the hourly limit, 429.
   */
  async ask(articleId: string, requester: SessionUser, message: string): Promise<{ request: AccessRequestView; created: boolean }> {
    const open = await this.openRow(articleId, requester.id);
    if (open) return { request: (await this.views([open]))[0]!, created: false };
    const since = new Date(this.now() - HOUR_MS).toISOString();
    const recent = await this.db
      .selectFrom('access_requests')
      .select('created_at')
      .where('requester_id', '=', requester.id)
      .where('created_at', '>=', since)
      .orderBy('created_at')
      .execute();
    if (recent.length >= ACCESS_REQUESTS_PER_HOUR) {
      const wait = Math.max(1, Math.ceil((Date.parse(recent[0]!.created_at) + HOUR_MS - this.now()) / 1000));
      throw errors.rateLimited(`You asked for access ${ACCESS_REQUESTS_PER_HOUR} times in the last hour. Try again in ${Math.ceil(wait / 60)} minutes.`, wait);
    }
    const row: AccessRequestsTable = {
      id: `ar_${randomBytes(12).toString('base64url')}`,
      article_id: articleId,
      requester_id: requester.id,
      message,
      status: 'open',
      created_at: nowIso(),
      decided_by: null,
      decided_at: null,
    };
    try {
      await this.db.insertInto('access_requests').values(row).execute();
    } catch (err) {
      // Two tabs asking at once: the unique index keeps one open request; answer with it.
      const winner = await this.openRow(articleId, requester.id);
      if (!winner) throw err;
      return { request: (await this.views([winner]))[0]!, created: false };
    }
    this.told(articleId);
    return { request: (await this.views([row]))[0]!, created: true };
  }

  /** The person's latest request for the article (open or decided), for their no-access page. */
  async latestOf(articleId: string, userId: string): Promise<AccessRequestView | null> {
    const row = await this.db
      .selectFrom('access_requests')
      .selectAll()
      .where('article_id', '=', articleId)
      .where('requester_id', '=', userId)
      .orderBy('created_at', 'desc')
      .orderBy('id', 'desc')
      .executeTakeFirst();
    return row ? (await this.views([row]))[0]! : null;
  }

  /** The open requests for one article, oldest first. */
  async openFor(articleId: string): Promise<AccessRequestView[]> {
    const rows = await this.db
      .selectFrom('access_requests')
      .selectAll()
      .where('article_id', '=', articleId)
      .where('status', '=', 'open')
      .orderBy('created_at')
      .limit(LIST_MAX)
      .execute();
    return this.views(rows);
  }

  /**
   * The open requests `user` may decide, oldest first: every one for editors; for a writer, those
   * on drafts they started or are assigned to (the rule of `mayAddCowriter`).
   */
  async decidableBy(user: SessionUser, editor: boolean): Promise<AccessRequestView[]> {
    let q = this.db
      .selectFrom('access_requests')
      .innerJoin('articles', 'articles.id', 'access_requests.article_id')
      .selectAll('access_requests')
      .where('access_requests.status', '=', 'open');
    if (!editor) {
      q = q.where('articles.status', '=', 'draft').where((eb) =>
        eb.or([
          eb('articles.created_by', '=', user.id),
          eb.exists(
            eb
              .selectFrom('article_assignees')
              .select('article_assignees.user_id')
              .whereRef('article_assignees.article_id', '=', 'articles.id')
              .where('article_assignees.user_id', '=', user.id),
          ),
        ]),
      );
    }
    const rows = await q.orderBy('access_requests.created_at').limit(LIST_MAX).execute();
    return this.views(rows);
  }

  /** The open request `id` on `articleId`, if there is one. */
  async open(articleId: string, id: string): Promise<AccessRequestsTable | undefined> {
    return this.db
      .selectFrom('access_requests')
      .selectAll()
      .where('id', '=', id)
      .where('article_id', '=', articleId)
      .where('status', '=', 'open')
      .executeTakeFirst();
  }

  /** Dismisses an open request; false when it was no longer open. */
  async dismiss(articleId: string, id: string, actorId: string): Promise<boolean> {
    const res = await this.db
      .updateTable('access_requests')
      .set({ status: 'dismissed', decided_by: actorId, decided_at: nowIso() })
      .where('id', '=', id)
      .where('article_id', '=', articleId)
      .where('status', '=', 'open')
      .executeTakeFirst();
    const done = Number(res.numUpdatedRows) === 1;
    if (done) this.told(articleId);
    return done;
  }

  /** `userId` was put on the article by `actorId`: their open request, if any, is granted. */
  async settle(articleId: string, userId: string, actorId: string): Promise<void> {
    const res = await this.db
      .updateTable('access_requests')
      .set({ status: 'granted', decided_by: actorId, decided_at: nowIso() })
      .where('article_id', '=', articleId)
      .where('requester_id', '=', userId)
      .where('status', '=', 'open')
      .executeTakeFirst();
    if (Number(res.numUpdatedRows) > 0) this.told(articleId);
  }

  private told(articleId: string): void {
    this.hub.publishAbout(articleId, { type: 'access-requests', articleId });
  }

  private openRow(articleId: string, userId: string): Promise<AccessRequestsTable | undefined> {
    return this.db
      .selectFrom('access_requests')
      .selectAll()
      .where('article_id', '=', articleId)
      .where('requester_id', '=', userId)
      .where('status', '=', 'open')
      .executeTakeFirst();
  }

  private async views(rows: AccessRequestsTable[]): Promise<AccessRequestView[]> {
    if (rows.length === 0) return [];
    const userIds = [...new Set(rows.flatMap((r) => (r.decided_by ? [r.requester_id, r.decided_by] : [r.requester_id])))];
    const people = new Map<string, PersonRef>(
      (await this.db.selectFrom('users').select(['id', 'display_name', 'color']).where('id', 'in', userIds).execute()).map((u) => [
        u.id,
        { id: u.id, name: u.display_name, color: u.color },
      ]),
    );
    const articleIds = [...new Set(rows.map((r) => r.article_id))];
    const headlines = new Map(
      (await this.db.selectFrom('articles').select(['id', 'headline']).where('id', 'in', articleIds).execute()).map((a) => [a.id, a.headline]),
    );
    const former = (id: string): PersonRef => ({ id, name: 'Former user', color: '#888888' });
    return rows.map((r) => ({
      id: r.id,
      articleId: r.article_id,
      headline: headlines.get(r.article_id) ?? '',
      requester: people.get(r.requester_id) ?? former(r.requester_id),
      message: r.message,
      status: r.status,
      createdAt: r.created_at,
      decidedBy: r.decided_by ? (people.get(r.decided_by) ?? former(r.decided_by)) : null,
      decidedAt: r.decided_at,
    }));
  }
}
