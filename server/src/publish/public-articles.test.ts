import { describe, expect, it } from 'vitest';
import { slugFromPath } from './public-articles.js';

describe('slugFromPath', () => {
  it('reads the slug from paths the pattern makes, and nothing from others', () => {
    expect(slugFromPath('/{section}/{slug}', '/city-hall/budget-passes')).toBe('budget-passes');
    expect(slugFromPath('/{section}/{slug}', '/budget-passes')).toBe('budget-passes');
    expect(slugFromPath('/{section}/{slug}', '/a/b/c')).toBeUndefined();
    expect(slugFromPath('/{section}/{slug}', '/city/Not-A-Slug')).toBeUndefined();
    expect(slugFromPath('/news/{id}/{slug}.html', '/news/abc/story.html')).toBe('story');
    expect(slugFromPath('/news/{id}/{slug}.html', '/news/abc/storyxhtml')).toBeUndefined();
    expect(slugFromPath('/{slug}', '/login')).toBe('login');
  });
});
