import { describe, expect, it } from 'vitest';
import { SLUG_PATTERN } from './api.js';
import { slugify } from './slug.js';

describe('slugify', () => {
  it.each([
    ['City council votes to close the library', 'city-council-votes-to-close-the-library'],
    ['Zürich’s “best” café — 2026', 'zurichs-best-cafe-2026'],
    ['  --Hello,   World!--  ', 'hello-world'],
    ['東京', ''],
  ])('%j -> %j', (text, slug) => {
    expect(slugify(text)).toBe(slug);
  });

  it('cuts long headlines at a word boundary and always matches the slug pattern', () => {
    const s = slugify('a very long headline that goes on and on about the budget vote at the council tonight and more');
    expect(s.length).toBeLessThanOrEqual(80);
    expect(s).toMatch(SLUG_PATTERN);
    expect(s.endsWith('-')).toBe(false);
  });
});
