/**
 * The desk's filters, view and sort in the address (`/?mine=1&section=Politics&q=pier&updated=7d
 * &view=list&sort=words&dir=asc`), so a reload or a shared link shows the same desk; and the
 * time range a date filter means now.
 */
import { ARTICLE_SORTS, type ArticleSort, type SortDirection } from '@copydesk/shared';
import type { LocationQuery, LocationQueryRaw } from 'vue-router';
import type { DeskFilters, UpdatedWithin } from './desk-columns.js';

export type DeskView = 'board' | 'list';

/** How the articles are laid out: columns by stage, or one list sorted by a column. */
export interface DeskLayout {
  view: DeskView;
  /** The list's sort (the board always orders each column its own way). */
  sort: ArticleSort;
  dir: SortDirection;
}

export const UPDATED_WITHIN: readonly { value: UpdatedWithin; label: string }[] = [
  { value: '', label: 'Any time' },
  { value: 'today', label: 'Today' },
  { value: '7d', label: 'Last 7 days' },
  { value: '30d', label: 'Last 30 days' },
  { value: 'custom', label: 'Custom range' },
];

/** The list's sortable columns and the direction each starts in when clicked. */
export const LIST_SORTS: readonly { sort: ArticleSort; label: string; first: SortDirection }[] = [
  { sort: 'headline', label: 'Headline', first: 'asc' },
  { sort: 'section', label: 'Section', first: 'asc' },
  { sort: 'state', label: 'State', first: 'asc' },
  { sort: 'words', label: 'Words', first: 'desc' },
  { sort: 'deadline', label: 'Goes out', first: 'asc' },
  { sort: 'updated', label: 'Last change', first: 'desc' },
];

export const DEFAULT_LAYOUT: DeskLayout = { view: 'board', sort: 'updated', dir: 'desc' };

const DATE = /^\d{4}-\d{2}-\d{2}$/;

function first(value: LocationQuery[string] | undefined): string {
  const v = Array.isArray(value) ? value[0] : value;
  return typeof v === 'string' ? v : '';
}

function isDate(s: string): boolean {
  return DATE.test(s) && !Number.isNaN(Date.parse(`${s}T00:00:00`));
}

export function filtersFromQuery(query: LocationQuery): DeskFilters {
  const updated = first(query.updated);
  const within = UPDATED_WITHIN.some((u) => u.value === updated) ? (updated as UpdatedWithin) : '';
  const from = first(query.from);
  const to = first(query.to);
  return {
    mine: first(query.mine) === '1',
    section: first(query.section).slice(0, 60),
    q: first(query.q).slice(0, 200),
    updated: within,
    from: within === 'custom' && isDate(from) ? from : '',
    to: within === 'custom' && isDate(to) ? to : '',
  };
}

export function layoutFromQuery(query: LocationQuery): DeskLayout {
  const sort = first(query.sort);
  const dir = first(query.dir);
  return {
    view: first(query.view) === 'list' ? 'list' : 'board',
    sort: (ARTICLE_SORTS as readonly string[]).includes(sort) && sort !== 'desk' ? (sort as ArticleSort) : DEFAULT_LAYOUT.sort,
    dir: dir === 'asc' || dir === 'desc' ? dir : DEFAULT_LAYOUT.dir,
  };
}

/** The address's query: only what differs from the defaults. */
export function queryFromFilters(filters: DeskFilters, layout: DeskLayout = DEFAULT_LAYOUT): LocationQueryRaw {
  const query: LocationQueryRaw = {};
  if (filters.mine) query.mine = '1';
  if (filters.section) query.section = filters.section;
  if (filters.q.trim()) query.q = filters.q.trim();
  if (filters.updated) query.updated = filters.updated;
  if (filters.updated === 'custom' && filters.from) query.from = filters.from;
  if (filters.updated === 'custom' && filters.to) query.to = filters.to;
  if (layout.view !== 'board') query.view = layout.view;
  if (layout.sort !== DEFAULT_LAYOUT.sort || layout.dir !== DEFAULT_LAYOUT.dir) {
    query.sort = layout.sort;
    query.dir = layout.dir;
  }
  return query;
}

function localMidnight(date: string): Date {
  return new Date(`${date}T00:00:00`);
}

/**
 * The times a date filter means at `now`, in this browser's time zone: today since midnight;
 * the last 7 or 30 days since that many days ago; a custom range from the first day's midnight
 * to the end of the last day. Either end may be open.
 */
export function updatedRange(filters: DeskFilters, now: Date = new Date()): { from?: string; to?: string } {
  const DAY = 24 * 3600_000;
  switch (filters.updated) {
    case 'today': {
      const midnight = new Date(now);
      midnight.setHours(0, 0, 0, 0);
      return { from: midnight.toISOString() };
    }
    case '7d':
      return { from: new Date(now.getTime() - 7 * DAY).toISOString() };
    case '30d':
      return { from: new Date(now.getTime() - 30 * DAY).toISOString() };
    case 'custom': {
      const range: { from?: string; to?: string } = {};
      if (filters.from) range.from = localMidnight(filters.from).toISOString();
      if (filters.to) {
        const end = localMidnight(filters.to);
        end.setDate(end.getDate() + 1);
        range.to = end.toISOString();
      }
      return range;
    }
    default:
      return {};
  }
}

export function sameFilters(a: DeskFilters, b: DeskFilters): boolean {
  return a.mine === b.mine && a.section === b.section && a.q === b.q && a.updated === b.updated && a.from === b.from && a.to === b.to;
}

export function sameLayout(a: DeskLayout, b: DeskLayout): boolean {
  return a.view === b.view && a.sort === b.sort && a.dir === b.dir;
}

/** The layout after clicking `sort`'s column heading: the other direction, or that column in its first direction. */
export function toggleSort(layout: DeskLayout, sort: ArticleSort): DeskLayout {
  if (layout.sort === sort) return { ...layout, dir: layout.dir === 'asc' ? 'desc' : 'asc' };
  return { ...layout, sort, dir: LIST_SORTS.find((s) => s.sort === sort)?.first ?? 'asc' };
}
