/**
 * Where published stories used to live. A published update that changes a story's URL (its slug,
 * or its section when the path has one) records the old one here, in the update's transaction;
 * the old URL then answers 301 to the current one (reader page and public API), and webhooks
 * carry the list so the newsroom's site can redirect too. Rows are never removed: links to a
 * story live for ever.
 */
import type { Kysely } from 'kysely';
import { nowIso } from '../db/database.js';
import type { DB } from '../db/schema.js';

export interface PublishedPlace {
  slug: string;
  section: string;
  url: string;
}

export class PreviousUrls {
  constructor(private readonly db: Kysely<DB>) {}

  /** Records that the story was at `place` before now. */
  async record(trx: Kysely<DB>, articleId: string, place: PublishedPlace): Promise<void> {
    await trx
      .insertInto('previous_urls')
      .values({ article_id: articleId, slug: place.slug, section: place.section, url: place.url, created_at: nowIso() })
      .execute();
  }

  /** Every URL the story had before, oldest first, without `current` and without repeats. */
  async of(articleId: string, current: string | null, db: Kysely<DB> = this.db): Promise<string[]> {
    const rows = await db.selectFrom('previous_urls').select('url').where('article_id', '=', articleId).orderBy('id').execute();
    return [...new Set(rows.map((r) => r.url))].filter((url) => url !== current);
  }

  /** The story that most recently left `slug` (its id), if one did. */
  async articleThatHad(slug: string): Promise<string | undefined> {
    const row = await this.db
      .selectFrom('previous_urls')
      .select('article_id')
      .where('slug', '=', slug)
      .orderBy('id', 'desc')
      .executeTakeFirst();
    return row?.article_id;
  }
}
