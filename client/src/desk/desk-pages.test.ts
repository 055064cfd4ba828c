import { describe, expect, it } from 'vitest';
import { summary } from './test-articles.js';
import { appendPage, compareArticles, placeInPage, type ArticlePage } from './desk-pages.js';
import { lastChangeText } from './last-change.js';

const article = summary;

const at = (minute: number) => `2026-03-01T09:${String(minute).padStart(2, '0')}:00.000Z`;
const ids = (page: ArticlePage) => page.articles.map((a) => a.id);

describe('sorting like the server', () => {
  it('puts articles without the sorted value last either way, and breaks ties by the latest change', () => {
    const list = [
      article('a', { section: 'sport', wordCount: 10, updatedAt: at(1) }),
      article('b', { section: '', wordCount: 30, updatedAt: at(2) }),
      article('c', { section: 'Politics', wordCount: 10, updatedAt: at(3), publishAt: at(50) }),
    ];
    expect([...list].sort(compareArticles('section', 'asc')).map((a) => a.id)).toEqual(['c', 'a', 'b']);
    expect([...list].sort(compareArticles('section', 'desc')).map((a) => a.id)).toEqual(['a', 'c', 'b']);
    expect([...list].sort(compareArticles('words', 'desc')).map((a) => a.id)).toEqual(['b', 'c', 'a']);
    expect([...list].sort(compareArticles('deadline', 'asc')).map((a) => a.id)).toEqual(['c', 'b', 'a']);
    expect([...list].sort(compareArticles('updated', 'asc')).map((a) => a.id)).toEqual(['a', 'b', 'c']);
  });
});

describe('live changes on a loaded page', () => {
  const newest = compareArticles('updated', 'desc');
  const page: ArticlePage = { articles: [article('c', { updatedAt: at(3) }), article('b', { updatedAt: at(2) })], total: 5 };

  it('puts a changed article where it sorts, and takes one out that no longer belongs', () => {
    const moved = placeInPage(page, article('b', { updatedAt: at(9) }), true, newest);
    expect(ids(moved.page)).toEqual(['b', 'c']);
    expect(moved.page.total).toBe(5);
    expect(moved.uncertain).toBe(false);
    const gone = placeInPage(page, article('c'), false, newest);
    expect(ids(gone.page)).toEqual(['b']);
    expect(gone.page.total).toBe(4);
  });

  it('leaves an article that sorts past the loaded part for "Show more"', () => {
    const older = placeInPage(page, article('b', { updatedAt: at(0) }), true, compareArticles('updated', 'desc'));
    expect(ids(older.page)).toEqual(['c']);
    expect(older.page.total).toBe(5);
  });

  it('counts a new article on a complete page, and asks for a recount when it cannot tell', () => {
    const complete: ArticlePage = { articles: page.articles, total: 2 };
    const added = placeInPage(complete, article('d', { updatedAt: at(5) }), true, newest);
    expect(ids(added.page)).toEqual(['d', 'c', 'b']);
    expect(added.page.total).toBe(3);
    expect(added.uncertain).toBe(false);
    // On an incomplete page the article may have been counted already, beyond the loaded part.
    expect(placeInPage(page, article('e', { updatedAt: at(5) }), true, newest).uncertain).toBe(true);
  });

  it('appends the next page without repeating what live changes already showed', () => {
    const more = appendPage(page, { articles: [article('b'), article('a')], total: 5 });
    expect(ids(more)).toEqual(['c', 'b', 'a']);
  });
});

describe('the last change on a card', () => {
  it('says what happened and who did it', () => {
    expect(lastChangeText(article('a', { lastChange: { action: 'edit', by: 'Ada', at: at(1) } }))).toBe('Edited by Ada');
    expect(lastChangeText(article('a', { lastChange: { action: 'submit', by: 'Ben', at: at(1) } }))).toBe('Submitted by Ben');
    expect(lastChangeText(article('a', { lastChange: { action: 'approve', by: 'Eve', at: at(1) } }))).toBe('Approved by Eve');
    expect(lastChangeText(article('a', { lastChange: { action: 'publish', by: null, at: at(1) } }))).toBe('Published on schedule');
    expect(lastChangeText(article('a', { lastChange: { action: 'kill', by: 'Eve', at: at(1) } }))).toBe('Changed by Eve');
    expect(lastChangeText(article('a'))).toBe('Edited');
  });
});
