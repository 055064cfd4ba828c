/**
 * Guidance for the article's details as the person types: headline and SEO description
 * lengths, whether a slug is valid and whether it still follows the headline, a byline from
 * the assignees, and tags from typed text.
 */
import { HEADLINE_IDEAL_MAX, HEADLINE_MAX, SEO_DESCRIPTION_IDEAL, SEO_DESCRIPTION_MAX, SLUG_PATTERN, slugify } from '@copydesk/shared';
import { listWords } from '../audit-text.js';

export type Tone = 'quiet' | 'good' | 'warn';

export interface Guidance {
  tone: Tone;
  message: string;
}

const chars = (n: number) => `${n} ${n === 1 ? 'character' : 'characters'}`;

/** How close to the headline's hard limit the guidance starts counting down. */
export const HEADLINE_NEAR_LIMIT = 20;

/**
 * Length guidance for a headline: quiet up to the ideal, a warning past it, and a countdown as
 * the hard limit (`HEADLINE_MAX`, counted as the field and the server count) nears and is reached.
 */
export function headlineGuidance(headline: string): Guidance | undefined {
  const n = [...headline.trim()].length;
  if (n === 0) return undefined;
  if (n <= HEADLINE_IDEAL_MAX) return { tone: 'quiet', message: `${n} / ${HEADLINE_IDEAL_MAX}` };
  const long = `long for search results and shares (ideal ${HEADLINE_IDEAL_MAX} or fewer)`;
  const left = HEADLINE_MAX - headline.length;
  if (left <= 0) return { tone: 'warn', message: `${chars(n)}: the most a headline can have; ${long}.` };
  if (left <= HEADLINE_NEAR_LIMIT) return { tone: 'warn', message: `${chars(n)}: ${chars(left)} left before the limit of ${HEADLINE_MAX}; ${long}.` };
  return { tone: 'warn', message: `${chars(n)}: ${long}.` };
}

export function seoGuidance(description: string): Guidance {
  const n = [...description.trim()].length;
  const [low, high] = SEO_DESCRIPTION_IDEAL;
  if (n === 0) return { tone: 'quiet', message: `Search engines show about ${low}–${high} characters.` };
  if (n < low) return { tone: 'warn', message: `${chars(n)}: a little short, aim for ${low}–${high}.` };
  if (n <= high) return { tone: 'good', message: `${chars(n)}: a good length.` };
  if (n <= SEO_DESCRIPTION_MAX) return { tone: 'warn', message: `${chars(n)}: may be cut off in search results.` };
  return { tone: 'warn', message: `${chars(n)}: at most ${SEO_DESCRIPTION_MAX}.` };
}

/** Why a slug cannot be saved, or undefined when it can. */
export function slugProblem(slug: string): string | undefined {
  const s = slug.trim();
  if (!s) return 'Enter a slug: lower-case words joined by hyphens.';
  if (s.length > 80) return 'At most 80 characters.';
  if (!SLUG_PATTERN.test(s)) return 'Use lower-case letters, digits and single hyphens (like council-votes-on-pier).';
  return undefined;
}

export interface SlugHint {
  message: string;
  /** A slug made from the headline, offered when the slug no longer follows it. */
  suggestion?: string;
}

/** Whether the slug still follows the headline (the server may add -2, -3 to keep it unique). */
export function slugHint(slug: string | null, headline: string): SlugHint {
  const fromHeadline = slugify(headline);
  if (!fromHeadline) return { message: slug ? 'Set by hand.' : 'Made from the headline once it has one.' };
  if (!slug || slug === fromHeadline || new RegExp(`^${fromHeadline}-\\d+$`).test(slug)) {
    return { message: 'Follows the headline until you change it.' };
  }
  return { message: 'Set by hand. From the headline it would be:', suggestion: fromHeadline };
}

/** A byline from the assignees' names ("Ada Okafor and Wren Hale"). */
export function bylineFrom(names: readonly string[]): string {
  return listWords(names);
}

/** Tags typed into the field ("budget, city hall"), trimmed and without repeats of `existing`. */
export function parseTags(text: string, existing: readonly string[] = []): string[] {
  const seen = new Set(existing.map((t) => t.toLocaleLowerCase()));
  const tags: string[] = [];
  for (const raw of text.split(',')) {
    const tag = raw.trim().replace(/\s+/g, ' ').slice(0, 40);
    if (!tag || seen.has(tag.toLocaleLowerCase())) continue;
    seen.add(tag.toLocaleLowerCase());
    tags.push(tag);
  }
  return tags;
}
