import { describe, expect, it } from 'vitest';
import { NO_FILTERS } from './desk-columns.js';
import { DEFAULT_LAYOUT, filtersFromQuery, layoutFromQuery, queryFromFilters, toggleSort, updatedRange } from './desk-filters.js';

describe('desk filters in the address', () => {
  it('reads what is there and ignores the rest', () => {
    expect(filtersFromQuery({})).toEqual(NO_FILTERS);
    expect(filtersFromQuery({ mine: '1', section: 'Politics', q: 'pier' })).toEqual({ ...NO_FILTERS, mine: true, section: 'Politics', q: 'pier' });
    expect(filtersFromQuery({ mine: 'yes', section: ['Sport', 'News'], q: null })).toEqual({ ...NO_FILTERS, section: 'Sport' });
    expect(filtersFromQuery({ updated: 'forever' }).updated).toBe('');
    // Days only with a custom range, and only real ones.
    expect(filtersFromQuery({ updated: '7d', from: '2026-12-01' })).toMatchObject({ updated: '7d', from: '' });
    expect(filtersFromQuery({ updated: 'custom', from: '2026-12-01', to: 'soon' })).toMatchObject({ updated: 'custom', from: '2026-12-01', to: '' });
  });

  it('writes only what is set, and round-trips filters, view and sort', () => {
    expect(queryFromFilters({ ...NO_FILTERS, q: '  ' })).toEqual({});
    const filters = { mine: true, section: 'Local news', q: 'ferry strike', updated: 'custom' as const, from: '2026-12-01', to: '2026-12-07' };
    const layout = { view: 'list' as const, sort: 'words' as const, dir: 'asc' as const };
    const query = queryFromFilters(filters, layout) as Record<string, string>;
    expect(query).toMatchObject({ updated: 'custom', from: '2026-12-01', to: '2026-12-07', view: 'list', sort: 'words', dir: 'asc' });
    expect(filtersFromQuery(query)).toEqual(filters);
    expect(layoutFromQuery(query)).toEqual(layout);
    expect(queryFromFilters(NO_FILTERS, DEFAULT_LAYOUT)).toEqual({});
  });

  it('reads an unknown view or sort as the default', () => {
    expect(layoutFromQuery({ view: 'grid', sort: 'mood', dir: 'up' })).toEqual(DEFAULT_LAYOUT);
    // The board's own order is not a list sort.
    expect(layoutFromQuery({ sort: 'desk' }).sort).toBe('updated');
  });

  it('sorts a clicked column in its first direction, and turns it round on a second click', () => {
    const byWords = toggleSort(DEFAULT_LAYOUT, 'words');
    expect(byWords).toMatchObject({ sort: 'words', dir: 'desc' });
    expect(toggleSort(byWords, 'words')).toMatchObject({ sort: 'words', dir: 'asc' });
    expect(toggleSort(byWords, 'headline')).toMatchObject({ sort: 'headline', dir: 'asc' });
  });
});

describe('the date filter', () => {
  const now = new Date(2026, 11, 8, 15, 30);
  it('means today since local midnight, and the last 7 or 30 days back from now', () => {
    expect(updatedRange(NO_FILTERS, now)).toEqual({});
    expect(updatedRange({ ...NO_FILTERS, updated: 'today' }, now)).toEqual({ from: new Date(2026, 11, 8).toISOString() });
    expect(updatedRange({ ...NO_FILTERS, updated: '7d' }, now)).toEqual({ from: new Date(now.getTime() - 7 * 86_400_000).toISOString() });
    expect(updatedRange({ ...NO_FILTERS, updated: '30d' }, now)).toEqual({ from: new Date(now.getTime() - 30 * 86_400_000).toISOString() });
  });

  it('takes a custom range from the first day’s start to the last day’s end, either end open', () => {
    const range = { ...NO_FILTERS, updated: 'custom' as const, from: '2026-12-01', to: '2026-12-07' };
    expect(updatedRange(range, now)).toEqual({ from: new Date(2026, 11, 1).toISOString(), to: new Date(2026, 11, 8).toISOString() });
    expect(updatedRange({ ...range, from: '' }, now)).toEqual({ to: new Date(2026, 11, 8).toISOString() });
  });
});
