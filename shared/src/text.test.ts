import { describe, expect, it } from 'vitest';
import { countWords, readingMinutes } from './text.js';

describe('countWords', () => {
  it.each([
    ['', 0],
    ['   ', 0],
    ['One', 1],
    ['The mayor’s office — closed today.', 5],
    ['Zürich: 2 000 Menschen', 4],
    ['東京 都', 2],
    ['well-known co-op', 2],
    ['Repairs cost 4.2 million, or 1,500 euros a metre.', 9],
    ['Polls close at 10:30. Turnout: 61.5%.', 6],
    ['It ended.Then 3.', 4],
  ])('%j has %i words', (text, n) => {
    expect(countWords(text)).toBe(n);
  });
});

describe('readingMinutes', () => {
  it('is 0 for nothing and at least 1 for any text', () => {
    expect(readingMinutes(0)).toBe(0);
    expect(readingMinutes(10)).toBe(1);
    expect(readingMinutes(2300)).toBe(10);
  });
});
