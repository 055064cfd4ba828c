/** The desk's list of articles: what it may be filtered by, one page of it, and its orders. */
import { sql, type SelectQueryBuilder } from 'kysely';
import type { ArticleSort, ArticleState, ArticleSummary, SortDirection } from '@copydesk/shared';
import type { ArticlesTable, DB } from '../db/schema.js';

export interface ListFilter {
  /** Only articles this user created or is assigned to. */
  mine?: boolean | undefined;
  section?: string | undefined;
  q?: string | undefined;
  states?: readonly ArticleState[] | undefined;
  /** ISO times: changed at or after `updatedFrom`, before `updatedTo`. */
  updatedFrom?: string | undefined;
  updatedTo?: string | undefined;
  sort?: ArticleSort | undefined;
  dir?: SortDirection | undefined;
  limit?: number | undefined;
  offset?: number | undefined;
}

export interface ArticlePage {
  articles: ArticleSummary[];
  /** How many articles pass the filter, on every page. */
  total: number;
}

export type ArticleQuery = SelectQueryBuilder<DB, 'articles', ArticlesTable>;

/** Stage order: a list sorted by state reads like the desk's columns. */
const stateRank = sql<number>`CASE status WHEN 'draft' THEN 0 WHEN 'in_review' THEN 1 WHEN 'approved' THEN 2 WHEN 'scheduled' THEN 3 WHEN 'published' THEN 4 ELSE 5 END`;

/**
 * Orders a list. Articles without the sorted value (no section, no publish time, no headline)
 * come last either way; ties go to the latest change, then the id, so pages never overlap.
 */
export function orderArticles(q: ArticleQuery, sort: ArticleSort, dir: SortDirection | undefined): ArticleQuery {
  const d = (natural: SortDirection): SortDirection => dir ?? natural;
  switch (sort) {
    case 'desk':
      // A column: scheduled stories by when they go out, then the rest by the latest change,
      // unpublished ones under the published.
      q = q
        .orderBy(sql`CASE status WHEN 'scheduled' THEN 0 WHEN 'unpublished' THEN 2 ELSE 1 END`)
        .orderBy(sql`CASE WHEN status = 'scheduled' THEN publish_at END`);
      break;
    case 'deadline':
      q = q.orderBy(sql`CASE WHEN publish_at IS NULL THEN 1 ELSE 0 END`).orderBy('publish_at', d('asc'));
      break;
    case 'words':
      q = q.orderBy('word_count', d('desc'));
      break;
    case 'section':
      q = q.orderBy(sql`CASE WHEN section = '' THEN 1 ELSE 0 END`).orderBy(sql`lower(section)`, d('asc'));
      break;
    case 'state':
      q = q.orderBy(stateRank, d('asc'));
      break;
    case 'headline':
      q = q.orderBy(sql`CASE WHEN headline = '' THEN 1 ELSE 0 END`).orderBy(sql`lower(headline)`, d('asc'));
      break;
    case 'updated':
      return q.orderBy('updated_at', d('desc')).orderBy('id');
  }
  return q.orderBy('updated_at', 'desc').orderBy('id');
}

