/** Published revisions: immutable snapshots of what went out, numbered per article. */
import type { Kysely, Selectable } from 'kysely';
import type { RevisionInfo } from '@copydesk/shared';
import type { DB, RevisionsTable } from '../db/schema.js';

/** The whole revision: what the newsroom lists, plus the content that went out. */
export interface Revision extends RevisionInfo {
  articleId: string;
  seoDescription: string;
  html: string;
  json: unknown;
  contentHash: string;
}

export type RevisionRow = Selectable<RevisionsTable> & { publisher_name?: string | null };

export function toRevision(row: RevisionRow): Revision {
  return {
    articleId: row.article_id,
    number: Number(row.number),
    kind: row.kind,
    headline: row.headline,
    dek: row.dek,
    slug: row.slug,
    canonicalUrl: row.canonical_url,
    byline: row.byline,
    section: row.section,
    tags: JSON.parse(row.tags) as string[],
    seoDescription: row.seo_description,
    html: row.html,
    json: JSON.parse(row.json) as unknown,
    contentHash: row.content_hash,
    correction: row.correction,
    publishedAt: row.published_at,
    updatedAt: row.updated_at,
    publishedBy: row.published_by ? { id: row.published_by, name: row.publisher_name ?? 'Former user' } : null,
  };
}

export class Revisions {
  constructor(private readonly db: Kysely<DB>) {}

  latest(articleId: string, db: Kysely<DB> = this.db): Promise<Selectable<RevisionsTable> | undefined> {
    return db.selectFrom('revisions').selectAll().where('article_id', '=', articleId).orderBy('number', 'desc').executeTakeFirst();
  }

  async list(articleId: string): Promise<Revision[]> {
    const rows = await this.db
      .selectFrom('revisions')
      .leftJoin('users', 'users.id', 'revisions.published_by')
      .selectAll('revisions')
      .select('users.display_name as publisher_name')
      .where('article_id', '=', articleId)
      .orderBy('number', 'desc')
      .execute();
    return rows.map(toRevision);
  }

  /** The latest revision, whole (what is on the site while the article is published). */
  async latestRevision(articleId: string): Promise<Revision | undefined> {
    const row = await this.latest(articleId);
    return row ? toRevision(row) : undefined;
  }

  async get(articleId: string, number: number): Promise<Revision | undefined> {
    const row = await this.db.selectFrom('revisions').selectAll().where('article_id', '=', articleId).where('number', '=', number).executeTakeFirst();
    return row ? toRevision(row) : undefined;
  }

  /**
   * The live revision at a slug: the latest revision of a currently published article, when it
   * went out under that slug. A slug changed in the editor is public only once the update is.
   */
  async publishedBySlug(slug: string): Promise<Revision | undefined> {
    const row = await this.db
      .selectFrom('revisions as r')
      .innerJoin('articles as a', 'a.id', 'r.article_id')
      .selectAll('r')
      .where('a.status', '=', 'published')
      .where('r.slug', '=', slug)
      .where('r.number', '=', (eb) => eb.selectFrom('revisions as r2').select((e2) => e2.fn.max('r2.number').as('m')).whereRef('r2.article_id', '=', 'r.article_id'))
      .orderBy('r.updated_at', 'desc')
      .executeTakeFirst();
    return row ? toRevision(row) : undefined;
  }

  /** The live revision of an article: its latest, while it is published. */
  async live(articleId: string): Promise<Revision | undefined> {
    const row = await this.db
      .selectFrom('revisions as r')
      .innerJoin('articles as a', 'a.id', 'r.article_id')
      .selectAll('r')
      .where('a.status', '=', 'published')
      .where('r.article_id', '=', articleId)
      .orderBy('r.number', 'desc')
      .executeTakeFirst();
    return row ? toRevision(row) : undefined;
  }

  /** The latest revision of each published article, newest first (for feeds). */
  async feed(limit = 50): Promise<Revision[]> {
    const rows = await this.db
      .selectFrom('revisions as r')
      .innerJoin('articles as a', 'a.id', 'r.article_id')
      .selectAll('r')
      .where('a.status', '=', 'published')
      .where('r.number', '=', (eb) => eb.selectFrom('revisions as r2').select((e2) => e2.fn.max('r2.number').as('m')).whereRef('r2.article_id', '=', 'r.article_id'))
      .orderBy('r.updated_at', 'desc')
      .limit(limit)
      .execute();
    return rows.map(toRevision);
  }
}
