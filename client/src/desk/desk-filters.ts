/** The desk's filters in the address (`/?mine=1&section=Politics&q=pier`), so a reload keeps them. */
import type { LocationQuery, LocationQueryRaw } from 'vue-router';
import type { DeskFilters } from './desk-columns.js';

function first(value: LocationQuery[string] | undefined): string {
  const v = Array.isArray(value) ? value[0] : value;
  return typeof v === 'string' ? v : '';
}

export function filtersFromQuery(query: LocationQuery): DeskFilters {
  return { mine: first(query.mine) === '1', section: first(query.section).slice(0, 60), q: first(query.q).slice(0, 200) };
}

export function queryFromFilters(filters: DeskFilters): LocationQueryRaw {
  const query: LocationQueryRaw = {};
  if (filters.mine) query.mine = '1';
  if (filters.section) query.section = filters.section;
  if (filters.q.trim()) query.q = filters.q.trim();
  return query;
}
