import { describe, expect, it } from 'vitest';
import { articlePath, isAppRoute } from './routes.js';

describe('app routes', () => {
  it('knows the client pages as vue-router matches them, and nothing else', () => {
    for (const path of ['/', '/articles/abc123', '/articles/abc123/', '/Admin/People', '/admin/webhooks', '/admin/webhooks/x', '/login', '/setup']) {
      expect(isAppRoute(path), path).toBe(true);
    }
    for (const path of ['/articles', '/articles/a/b', '/admin', '/politics/budget', '/loginx', '/preview/abc', '//']) {
      expect(isAppRoute(path), path).toBe(false);
    }
  });

  it('builds article paths from the pattern, without empty segments', () => {
    expect(articlePath('/{section}/{slug}', { section: 'City Hall', slug: 'budget', id: 'a1' })).toBe('/city-hall/budget');
    expect(articlePath('/{section}/{slug}', { section: '', slug: 'budget', id: 'a1' })).toBe('/budget');
    expect(articlePath('/news/{id}/{slug}', { section: 'x', slug: 'budget', id: 'a1' })).toBe('/news/a1/budget');
  });
});
