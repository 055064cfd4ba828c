/** Fitting pasted text into a field with a length limit (headline, dek) without cutting a word in two. */

/** How far back from the limit a cut looks for a space before it gives up and cuts a word. */
const WORD_BACKTRACK = 40;

/**
 * The part of `text` that fits in `room` UTF-16 units (as `maxlength` and the server count),
 * cut after the last whole word when there is one near the limit, never inside a surrogate
 * pair; and the rest, which did not fit.
 */
export function fitText(text: string, room: number): { kept: string; dropped: string } {
  if (text.length <= room) return { kept: text, dropped: '' };
  let cut = Math.max(0, room);
  // Never split a surrogate pair (an emoji, a rare CJK character).
  if (cut > 0 && /[\uD800-\uDBFF]/.test(text[cut - 1]!)) cut--;
  if (!/\s/.test(text[cut] ?? ' ')) {
    const space = text.slice(Math.max(0, cut - WORD_BACKTRACK), cut).search(/\s\S*$/);
    if (space >= 0) cut = Math.max(0, cut - WORD_BACKTRACK) + space;
  }
  return { kept: text.slice(0, cut).trimEnd(), dropped: text.slice(cut).trim() };
}
