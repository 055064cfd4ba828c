/**
 * The desk at volume: the server sends a page at a time (newest 20 of a column, 50 rows of the
 * list) with the number that match; "Show more" asks for the next. Live changes are placed
 * into a loaded page here, in the same order the server sorts by, so what is shown stays a
 * true prefix of the whole list.
 */
import type { ArticleSort, ArticleState, ArticleSummary, SortDirection } from '@copydesk/shared';
import { compareInColumn } from './desk-columns.js';

export const COLUMN_PAGE = 20;
export const LIST_PAGE = 50;

/** One loaded page (or several, after "Show more") of a list, and how many match in all. */
export interface ArticlePage {
  articles: ArticleSummary[];
  total: number;
}

const time = (iso: string | null): number => (iso ? Date.parse(iso) || 0 : 0);
const STATE_RANK: Record<ArticleState, number> = { draft: 0, in_review: 1, approved: 2, scheduled: 3, published: 4, unpublished: 5 };

function byText(a: string, b: string, sign: number): number {
  if (!a !== !b) return a ? -1 : 1; // the empty last, either way
  const x = a.toLowerCase();
  const y = b.toLowerCase();
  return x < y ? -sign : x > y ? sign : 0;
}

/** The latest change first, then by id: the server's tie-break. */
function tieBreak(a: ArticleSummary, b: ArticleSummary): number {
  return time(b.updatedAt) - time(a.updatedAt) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
}

/** The order the server sorts `sort` in (server/src/articles/repo.ts orderArticles). */
export function compareArticles(sort: ArticleSort, dir: SortDirection): (a: ArticleSummary, b: ArticleSummary) => number {
  const sign = dir === 'asc' ? 1 : -1;
  switch (sort) {
    case 'desk':
      return compareInColumn;
    case 'updated':
      return (a, b) => sign * (time(a.updatedAt) - time(b.updatedAt)) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
    case 'deadline':
      return (a, b) => {
        if (!a.publishAt !== !b.publishAt) return a.publishAt ? -1 : 1;
        return sign * (time(a.publishAt) - time(b.publishAt)) || tieBreak(a, b);
      };
    case 'words':
      return (a, b) => sign * (a.wordCount - b.wordCount) || tieBreak(a, b);
    case 'section':
      return (a, b) => byText(a.section, b.section, sign) || tieBreak(a, b);
    case 'state':
      return (a, b) => sign * (STATE_RANK[a.status] - STATE_RANK[b.status]) || tieBreak(a, b);
    case 'headline':
      return (a, b) => byText(a.headline.trim(), b.headline.trim(), sign) || tieBreak(a, b);
  }
}

export interface Placed {
  page: ArticlePage;
  /** The page cannot tell whether it counted this article already: its total may be off. */
  uncertain: boolean;
}

/**
 * `page` after a live change to `article`: taken out when it no longer `belongs`, otherwise put
 * where `compare` says. An article that sorts past the last loaded one of an incomplete page is
 * left for "Show more". An article the page did not hold may or may not be in its total already
 * (it may have been beyond the loaded part): then `uncertain` says so and the caller recounts.
 */
export function placeInPage(
  page: ArticlePage,
  article: ArticleSummary,
  belongs: boolean,
  compare: (a: ArticleSummary, b: ArticleSummary) => number,
): Placed {
  const held = page.articles.some((a) => a.id === article.id);
  const complete = page.articles.length >= page.total;
  const rest = held ? page.articles.filter((a) => a.id !== article.id) : page.articles;
  if (!belongs) {
    return { page: held ? { articles: rest, total: Math.max(0, page.total - 1) } : page, uncertain: !held && !complete };
  }
  const at = rest.findIndex((a) => compare(article, a) < 0);
  const index = at === -1 ? rest.length : at;
  const total = held ? page.total : page.total + (complete ? 1 : 0);
  // Past the loaded part of an incomplete page: not shown until "Show more" reaches it.
  if (index === rest.length && !complete) return { page: { articles: rest, total }, uncertain: !held };
  const articles = [...rest.slice(0, index), article, ...rest.slice(index)];
  return { page: { articles, total: Math.max(total, articles.length) }, uncertain: !held && !complete };
}

/** `more` (the next page from the server) after `page`, without repeating what a live change already put there. */
export function appendPage(page: ArticlePage, more: ArticlePage): ArticlePage {
  const seen = new Set(page.articles.map((a) => a.id));
  return { articles: [...page.articles, ...more.articles.filter((a) => !seen.has(a.id))], total: more.total };
}
