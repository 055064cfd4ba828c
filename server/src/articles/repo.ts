/** Articles in the database: creation (with the first state of the doc), listing, metadata. */
import { randomBytes } from 'node:crypto';
import type { Kysely } from 'kysely';
import * as Y from 'yjs';
import { headlineOf, type ArticleSummary } from '@copydesk/shared';
import { nowIso } from '../db/database.js';
import type { ArticlesTable, DB } from '../db/schema.js';
import { isEditorRole } from '@copydesk/shared';
import type { SessionUser } from '../auth/sessions.js';

export function newArticleId(): string {
  return randomBytes(16).toString('base64url');
}

function toSummary(row: ArticlesTable): ArticleSummary {
  return {
    id: row.id,
    headline: row.headline,
    dek: row.dek,
    wordCount: Number(row.word_count),
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    createdBy: row.created_by,
  };
}

export interface ArticleMeta {
  headline: string;
  dek: string;
  wordCount: number;
}

export class UnknownUserError extends Error {
  override name = 'UnknownUserError';
}

export class ArticleRepo {
  constructor(private readonly db: Kysely<DB>) {}

  async create(input: { headline?: string | undefined }, createdBy: string | null): Promise<ArticleSummary> {
    const now = nowIso();
    const row: ArticlesTable = {
      id: newArticleId(),
      headline: input.headline ?? '',
      dek: '',
      word_count: 0,
      created_at: now,
      updated_at: now,
      created_by: createdBy,
    };
    await this.db.transaction().execute(async (trx) => {
      await trx.insertInto('articles').values(row).execute();
      if (row.headline) {
        const doc = new Y.Doc();
        headlineOf(doc).insert(0, row.headline);
        const data = Buffer.from(Y.encodeStateAsUpdate(doc));
        doc.destroy();
        await trx.insertInto('doc_updates').values({ article_id: row.id, data }).execute();
      }
    });
    return toSummary(row);
  }

  /** The articles `user` may open (see access.ts), most recently changed first. */
  async list(user: SessionUser): Promise<ArticleSummary[]> {
    let q = this.db.selectFrom('articles').selectAll().orderBy('updated_at', 'desc').limit(500);
    if (!isEditorRole(user.role)) {
      q = q.where((eb) =>
        eb.or([
          eb('created_by', '=', user.id),
          eb('id', 'in', eb.selectFrom('article_assignees').select('article_id').where('user_id', '=', user.id)),
        ]),
      );
    }
    return (await q.execute()).map(toSummary);
  }

  async assignees(articleId: string): Promise<string[]> {
    const rows = await this.db.selectFrom('article_assignees').select('user_id').where('article_id', '=', articleId).orderBy('assigned_at').execute();
    return rows.map((r) => r.user_id);
  }

  /** Replaces the assignees; returns who was removed. Unknown user ids are an error. */
  async setAssignees(articleId: string, userIds: string[]): Promise<{ removed: string[] }> {
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
      return { removed };
    });
  }

  async get(id: string): Promise<ArticleSummary | undefined> {
    const row = await this.db.selectFrom('articles').selectAll().where('id', '=', id).executeTakeFirst();
    return row ? toSummary(row) : undefined;
  }

  async exists(id: string): Promise<boolean> {
    const row = await this.db.selectFrom('articles').select('id').where('id', '=', id).executeTakeFirst();
    return row !== undefined;
  }

  async updateMeta(id: string, meta: ArticleMeta): Promise<void> {
    await this.db
      .updateTable('articles')
      .set({ headline: meta.headline, dek: meta.dek, word_count: meta.wordCount, updated_at: nowIso() })
      .where('id', '=', id)
      .execute();
  }
}
