import { describe, expect, it } from 'vitest';
import { filtersFromQuery, queryFromFilters } from './desk-filters.js';

describe('desk filters in the address', () => {
  it('reads what is there and ignores the rest', () => {
    expect(filtersFromQuery({})).toEqual({ mine: false, section: '', q: '' });
    expect(filtersFromQuery({ mine: '1', section: 'Politics', q: 'pier' })).toEqual({ mine: true, section: 'Politics', q: 'pier' });
    expect(filtersFromQuery({ mine: 'yes', section: ['Sport', 'News'], q: null })).toEqual({ mine: false, section: 'Sport', q: '' });
  });

  it('writes only what is set, and round-trips', () => {
    expect(queryFromFilters({ mine: false, section: '', q: '  ' })).toEqual({});
    const filters = { mine: true, section: 'Local news', q: 'ferry strike' };
    expect(filtersFromQuery(queryFromFilters(filters) as Record<string, string>)).toEqual(filters);
  });
});
