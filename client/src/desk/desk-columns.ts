/**
 * How the desk arranges articles: one column per stage of the workflow (approved and scheduled
 * share one; unpublished stories sit under the published ones), and how a live change from the
 * server updates a list that was loaded with filters.
 */
import type { ArticleState, ArticleSummary, PersonRef } from '@copydesk/shared';

export type ColumnId = 'draft' | 'in_review' | 'approved' | 'published';

export interface DeskColumn {
  id: ColumnId;
  label: string;
  /** The states whose articles the column shows. */
  states: readonly ArticleState[];
  /** Said when the column is empty. */
  empty: string;
}

export const DESK_COLUMNS: readonly DeskColumn[] = [
  { id: 'draft', label: 'Draft', states: ['draft'], empty: 'No drafts.' },
  { id: 'in_review', label: 'In review', states: ['in_review'], empty: 'Nothing waiting for review.' },
  { id: 'approved', label: 'Approved & scheduled', states: ['approved', 'scheduled'], empty: 'Nothing approved yet.' },
  { id: 'published', label: 'Published', states: ['published', 'unpublished'], empty: 'Nothing published yet.' },
];

export function columnOf(state: ArticleState): ColumnId {
  return DESK_COLUMNS.find((c) => c.states.includes(state))?.id ?? 'draft';
}

const time = (iso: string | null): number => (iso ? Date.parse(iso) || 0 : 0);

/**
 * Orders a column: scheduled stories by the time they go out (soonest first) ahead of the
 * approved ones; unpublished after the published; otherwise the latest change first.
 */
export function compareInColumn(a: ArticleSummary, b: ArticleSummary): number {
  const rank = (s: ArticleState) => (s === 'scheduled' ? 0 : s === 'unpublished' ? 2 : 1);
  const byRank = rank(a.status) - rank(b.status);
  if (byRank !== 0) return byRank;
  if (a.status === 'scheduled' && b.status === 'scheduled') return time(a.publishAt) - time(b.publishAt);
  return time(b.updatedAt) - time(a.updatedAt) || a.id.localeCompare(b.id);
}

export function groupByColumn(articles: readonly ArticleSummary[]): Record<ColumnId, ArticleSummary[]> {
  const groups: Record<ColumnId, ArticleSummary[]> = { draft: [], in_review: [], approved: [], published: [] };
  for (const article of articles) groups[columnOf(article.status)].push(article);
  for (const list of Object.values(groups)) list.sort(compareInColumn);
  return groups;
}

/** A draft that has been somewhere and came back (sent back with changes, or reopened). */
export function cameBack(article: ArticleSummary): boolean {
  return article.status === 'draft' && article.statusChangedAt !== null && article.statusChangedAt !== article.createdAt;
}

/** A date filter on the last change: any time, today, the last 7 or 30 days, or a custom range. */
export type UpdatedWithin = '' | 'today' | '7d' | '30d' | 'custom';

export interface DeskFilters {
  mine: boolean;
  section: string;
  q: string;
  updated: UpdatedWithin;
  /** With `custom`: the first and last day (YYYY-MM-DD, this browser's days), either may be ''. */
  from: string;
  to: string;
}

export const NO_FILTERS: DeskFilters = { mine: false, section: '', q: '', updated: '', from: '', to: '' };

/**
 * Whether an article the server pushed belongs in a list loaded with these filters. `range` is
 * what the date filter meant when the list was loaded (desk-filters.ts `updatedRange`).
 */
export function matchesFilters(
  article: ArticleSummary,
  filters: DeskFilters,
  userId: string | undefined,
  range: { from?: string; to?: string } = {},
): boolean {
  if (filters.mine && article.createdBy !== userId && !article.assignees.some((a) => a.id === userId)) return false;
  if (filters.section && article.section !== filters.section) return false;
  const q = filters.q.trim().toLocaleLowerCase();
  if (q && !article.headline.toLocaleLowerCase().includes(q)) return false;
  const updated = time(article.updatedAt);
  if (range.from && updated < time(range.from)) return false;
  if (range.to && updated >= time(range.to)) return false;
  return true;
}

/** The list with `article` added, replaced, or taken out when it no longer matches. */
export function upsertArticle(
  list: readonly ArticleSummary[],
  article: ArticleSummary,
  filters: DeskFilters,
  userId: string | undefined,
): ArticleSummary[] {
  const rest = list.filter((a) => a.id !== article.id);
  return matchesFilters(article, filters, userId) ? [article, ...rest] : rest;
}

export function removeArticle(list: readonly ArticleSummary[], id: string): ArticleSummary[] {
  return list.filter((a) => a.id !== id);
}

/** The list with who is editing `articleId` now; the same list when it is not there. */
export function withEditing(list: readonly ArticleSummary[], articleId: string, editing: PersonRef[]): readonly ArticleSummary[] {
  if (!list.some((a) => a.id === articleId)) return list;
  return list.map((a) => (a.id === articleId ? { ...a, editing } : a));
}
