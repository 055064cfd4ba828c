import { describe, expect, it } from 'vitest';
import { bylineFrom, headlineGuidance, parseTags, seoGuidance, slugHint, slugProblem } from './meta-guidance.js';

describe('headline length', () => {
  it('counts quietly up to 70 and warns past it', () => {
    expect(headlineGuidance('   ')).toBeUndefined();
    expect(headlineGuidance('Council votes')).toEqual({ tone: 'quiet', message: '13 / 70' });
    expect(headlineGuidance('x'.repeat(70))).toMatchObject({ tone: 'quiet' });
    expect(headlineGuidance('x'.repeat(71))).toEqual({ tone: 'warn', message: '71 characters: long for search results and shares (ideal 70 or fewer).' });
  });

  it('counts down as the limit of 200 nears, and says when it is reached', () => {
    expect(headlineGuidance('x'.repeat(179))?.message).toBe('179 characters: long for search results and shares (ideal 70 or fewer).');
    expect(headlineGuidance('x'.repeat(180))).toEqual({ tone: 'warn', message: '180 characters: 20 characters left before the limit of 200; long for search results and shares (ideal 70 or fewer).' });
    expect(headlineGuidance('x'.repeat(199))?.message).toMatch(/^199 characters: 1 character left before the limit of 200;/);
    expect(headlineGuidance('x'.repeat(200))?.message).toMatch(/^200 characters: the most a headline can have;/);
  });
});

describe('SEO description length', () => {
  it('guides toward 120–158 characters', () => {
    expect(seoGuidance('')).toMatchObject({ tone: 'quiet' });
    expect(seoGuidance('x'.repeat(119))).toEqual({ tone: 'warn', message: '119 characters: a little short, aim for 120–158.' });
    expect(seoGuidance('x'.repeat(120))).toEqual({ tone: 'good', message: '120 characters: a good length.' });
    expect(seoGuidance('x'.repeat(158))).toMatchObject({ tone: 'good' });
    expect(seoGuidance('x'.repeat(159))).toEqual({ tone: 'warn', message: '159 characters: may be cut off in search results.' });
    expect(seoGuidance('x'.repeat(161))).toMatchObject({ tone: 'warn', message: '161 characters: at most 160.' });
  });

  it('counts characters, not UTF-16 units', () => {
    expect(seoGuidance('é'.normalize('NFD').normalize('NFC').repeat(3)).message).toMatch(/^3 characters/);
    expect(seoGuidance('😀')).toMatchObject({ message: expect.stringMatching(/^1 character:/) });
  });
});

describe('slugs', () => {
  it('accepts lower-case words joined by single hyphens', () => {
    expect(slugProblem('council-votes-2026')).toBeUndefined();
    expect(slugProblem('')).toMatch(/Enter a slug/);
    expect(slugProblem('Council Votes')).toMatch(/lower-case/);
    expect(slugProblem('a--b')).toMatch(/single hyphens/);
    expect(slugProblem('-a')).toMatch(/single hyphens/);
    expect(slugProblem('a'.repeat(81))).toMatch(/80/);
  });

  it('says whether the slug follows the headline, and offers it back when it does not', () => {
    expect(slugHint(null, '')).toEqual({ message: 'Made from the headline once it has one.' });
    expect(slugHint('council-votes', 'Council votes')).toEqual({ message: 'Follows the headline until you change it.' });
    expect(slugHint('council-votes-2', 'Council votes')).toEqual({ message: 'Follows the headline until you change it.' });
    expect(slugHint('pier', 'Council votes on the pier')).toEqual({
      message: 'Set by hand. From the headline it would be:',
      suggestion: 'council-votes-on-the-pier',
    });
  });
});

describe('bylines and tags', () => {
  it('makes a byline from the assignees', () => {
    expect(bylineFrom([])).toBe('');
    expect(bylineFrom(['Ada Okafor', 'Wren Hale'])).toBe('Ada Okafor and Wren Hale');
  });

  it('splits typed tags on commas, trims them, and drops repeats', () => {
    expect(parseTags(' budget,  city   hall ,,Budget', [])).toEqual(['budget', 'city hall']);
    expect(parseTags('Harbour, pier', ['harbour'])).toEqual(['pier']);
    expect(parseTags('x'.repeat(50))).toEqual(['x'.repeat(40)]);
  });
});
