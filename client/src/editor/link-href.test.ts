import { describe, expect, it } from 'vitest';
import { parseLinkInput } from './link-href.js';

describe('parseLinkInput', () => {
  it.each([
    ['https://example.com/a?b=1', 'https://example.com/a?b=1'],
    ['  http://example.com  ', 'http://example.com'],
    ['example.com/story', 'https://example.com/story'],
    ['www.zeit.de', 'https://www.zeit.de'],
    ['desk@example.com', 'mailto:desk@example.com'],
    ['mailto:desk@example.com', 'mailto:desk@example.com'],
  ])('accepts %j as %j', (input, href) => {
    expect(parseLinkInput(input)).toEqual({ ok: true, href });
  });

  it.each(['javascript:alert(1)', ' JavaScript:alert(1)', 'data:text/html,x', 'vbscript:x', 'ftp://example.com'])(
    'refuses the scheme of %j',
    (input) => {
      expect(parseLinkInput(input)).toEqual({ ok: false, message: expect.stringContaining('Only web') });
    },
  );

  it.each(['', '   ', '/relative', 'not a link'])('refuses %j', (input) => {
    expect(parseLinkInput(input).ok).toBe(false);
  });
});
