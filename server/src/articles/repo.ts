/** Articles in the database: creation (with the first state of the doc), listing, metadata. */
import { randomBytes } from 'node:crypto';
import type { Kysely } from 'kysely';
import * as Y from 'yjs';
import { headlineOf, type ArticleSummary } from '@copydesk/shared';
import { nowIso } from '../db/database.js';
import type { ArticlesTable, DB } from '../db/schema.js';

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
  };
}

export interface ArticleMeta {
  headline: string;
  dek: string;
  wordCount: number;
}

export class ArticleRepo {
  constructor(private readonly db: Kysely<DB>) {}

  async create(input: { headline?: string | undefined }): Promise<ArticleSummary> {
    const now = nowIso();
    const row: ArticlesTable = {
      id: newArticleId(),
      headline: input.headline ?? '',
      dek: '',
      word_count: 0,
      created_at: now,
      updated_at: now,
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

  async list(): Promise<ArticleSummary[]> {
    const rows = await this.db.selectFrom('articles').selectAll().orderBy('updated_at', 'desc').limit(500).execute();
    return rows.map(toSummary);
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
