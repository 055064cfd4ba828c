/** Word count and reading time for an article's plain text. */

const WORDS_PER_MINUTE = 230;

/**
 * Words as an editor counts them: letters and digits, joined by apostrophes and hyphens, and a
 * number's own separators ("4.2", "1,500", "10:30" are one word each).
 */
const WORD = /[\p{L}\p{N}](?:[\p{L}\p{N}'’-]|(?<=\p{N})[.,:](?=\p{N}))*/gu;

export function countWords(text: string): number {
  const matches = text.match(WORD);
  return matches ? matches.length : 0;
}

/** Whole minutes to read `words` at an adult reading pace, at least 1 for any text. */
export function readingMinutes(words: number): number {
  return words === 0 ? 0 : Math.max(1, Math.round(words / WORDS_PER_MINUTE));
}
