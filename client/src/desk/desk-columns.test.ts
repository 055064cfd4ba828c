import type { ArticleState } from '@copydesk/shared';
import { describe, expect, it } from 'vitest';
import { summary } from './test-articles.js';
import { cameBack, columnOf, groupByColumn, matchesFilters, NO_FILTERS, removeArticle, upsertArticle, withEditing, type DeskFilters } from './desk-columns.js';

const article = summary;

const all: DeskFilters = NO_FILTERS;

describe('columns', () => {
  it('puts every state in one column; approved and scheduled share one, unpublished sits with published', () => {
    const cases: [ArticleState, string][] = [
      ['draft', 'draft'],
      ['in_review', 'in_review'],
      ['approved', 'approved'],
      ['scheduled', 'approved'],
      ['published', 'published'],
      ['unpublished', 'published'],
    ];
    for (const [state, column] of cases) expect(columnOf(state)).toBe(column);
  });

  it('groups articles, latest change first, scheduled soonest first ahead of approved, unpublished last', () => {
    const groups = groupByColumn([
      article('d1', { updatedAt: '2026-03-01T10:00:00Z' }),
      article('d2', { updatedAt: '2026-03-01T11:00:00Z' }),
      article('a1', { status: 'approved', updatedAt: '2026-03-02T00:00:00Z' }),
      article('s2', { status: 'scheduled', publishAt: '2026-03-05T08:00:00Z' }),
      article('s1', { status: 'scheduled', publishAt: '2026-03-04T08:00:00Z' }),
      article('u1', { status: 'unpublished', updatedAt: '2026-03-09T00:00:00Z' }),
      article('p1', { status: 'published', updatedAt: '2026-03-03T00:00:00Z' }),
      article('r1', { status: 'in_review' }),
    ]);
    expect(groups.draft.map((a) => a.id)).toEqual(['d2', 'd1']);
    expect(groups.in_review.map((a) => a.id)).toEqual(['r1']);
    expect(groups.approved.map((a) => a.id)).toEqual(['s1', 's2', 'a1']);
    expect(groups.published.map((a) => a.id)).toEqual(['p1', 'u1']);
  });

  it('knows a draft that came back from a draft that never left', () => {
    expect(cameBack(article('x'))).toBe(false);
    expect(cameBack(article('x', { statusChangedAt: '2026-03-02T00:00:00Z' }))).toBe(true);
    expect(cameBack(article('x', { status: 'in_review', statusChangedAt: '2026-03-02T00:00:00Z' }))).toBe(false);
  });
});

describe('live changes to a filtered list', () => {
  it('matches mine (created or assigned), section and headline words, case-insensitively', () => {
    const mine: DeskFilters = { ...all, mine: true };
    expect(matchesFilters(article('x'), mine, 'ada')).toBe(true);
    expect(matchesFilters(article('x'), mine, 'ben')).toBe(false);
    expect(matchesFilters(article('x', { assignees: [{ id: 'ben', name: 'Ben', color: '#000' }] }), mine, 'ben')).toBe(true);
    expect(matchesFilters(article('x', { section: 'Sport' }), { ...all, section: 'Politics' }, 'ada')).toBe(false);
    expect(matchesFilters(article('x', { headline: 'Council votes on Pier' }), { ...all, q: 'pier' }, 'ada')).toBe(true);
    expect(matchesFilters(article('x', { headline: 'Council votes' }), { ...all, q: 'pier' }, 'ada')).toBe(false);
  });

  it('matches the time range the date filter meant when the list was loaded', () => {
    const range = { from: '2026-03-01T00:00:00.000Z', to: '2026-03-02T00:00:00.000Z' };
    expect(matchesFilters(article('x'), all, 'ada', range)).toBe(true);
    expect(matchesFilters(article('x', { updatedAt: '2026-03-02T00:00:00.000Z' }), all, 'ada', range)).toBe(false);
    expect(matchesFilters(article('x', { updatedAt: '2026-02-28T23:59:59.000Z' }), all, 'ada', range)).toBe(false);
  });

  it('adds, replaces and drops articles as they change', () => {
    const list = [article('a'), article('b')];
    expect(upsertArticle(list, article('c'), all, 'ada').map((a) => a.id)).toEqual(['c', 'a', 'b']);
    const moved = upsertArticle(list, article('b', { status: 'in_review' }), all, 'ada');
    expect(moved.map((a) => [a.id, a.status])).toEqual([
      ['b', 'in_review'],
      ['a', 'draft'],
    ]);
    expect(upsertArticle(list, article('b', { section: 'Sport' }), { ...all, section: 'News' }, 'ada').map((a) => a.id)).toEqual(['a']);
    expect(removeArticle(list, 'a').map((a) => a.id)).toEqual(['b']);
  });

  it('updates who is editing, and leaves the list alone for articles it does not hold', () => {
    const list = [article('a')];
    const ada = { id: 'ada', name: 'Ada', color: '#175cd3' };
    expect(withEditing(list, 'a', [ada])[0]!.editing).toEqual([ada]);
    expect(withEditing(list, 'zzz', [ada])).toBe(list);
  });
});
