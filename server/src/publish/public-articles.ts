/**
 * Finding a published story from the outside: by slug (public API) or by path (reader pages).
 * A slug a story left answers with the story at its current place, for a 301.
 */
import { articlePath, SLUG_PATTERN } from '@copydesk/shared';
import type { PreviousUrls } from './previous-urls.js';
import type { Revision, Revisions } from './revisions.js';

export type Found = { live: Revision; moved?: never } | { moved: Revision; live?: never };

/** The live story at `slug`, or the one that was there before (moved), or nothing. */
export async function findBySlug(deps: { revisions: Revisions; previousUrls: PreviousUrls }, slug: string): Promise<Found | undefined> {
  const live = await deps.revisions.publishedBySlug(slug);
  if (live) return { live };
  const articleId = await deps.previousUrls.articleThatHad(slug);
  const moved = articleId ? await deps.revisions.live(articleId) : undefined;
  return moved ? { moved } : undefined;
}

/** The path of a published revision under `pattern`. */
export function revisionPath(pattern: string, r: Revision): string {
  return articlePath(pattern, { slug: r.slug, section: r.section, id: r.articleId });
}

/**
 * Reads the slug out of a request path shaped by ARTICLE_PATH_PATTERN (`/{section}/{slug}`
 * matches `/politics/budget-passes`); undefined when the path has another shape.
 */
export function slugFromPath(pattern: string, path: string): string | undefined {
  const names: string[] = [];
  const parts = pattern.split(/(\{section\}|\{slug\}|\{id\})/);
  let source = '';
  for (let i = 0; i < parts.length; i++) {
    const part = parts[i]!;
    const m = /^\{(section|slug|id)\}$/.exec(part);
    if (!m) {
      source += part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
      continue;
    }
    names.push(m[1]!);
    // A story without a section has no such segment (its path's `//` became `/`).
    if (m[1] === 'section' && parts[i + 1]?.startsWith('/')) {
      source += '(?:([^/]+)/)?';
      parts[i + 1] = parts[i + 1]!.slice(1);
    } else {
      source += '([^/]+)';
    }
  }
  const match = new RegExp(`^${source}$`).exec(path);
  if (!match) return undefined;
  const slug = match[names.indexOf('slug') + 1];
  return slug && SLUG_PATTERN.test(slug) ? slug : undefined;
}
