/**
 * What publishing freezes, and whether an article can go out. One check serves scheduling,
 * publishing and updating, so a story that could not be published cannot be scheduled either;
 * one list of frozen fields serves the revision's hash and the "Unpublished changes" check, so
 * the two can never disagree about what counts as a change.
 */
import type * as Y from 'yjs';
import { bodyOf, bodyText, readMeta } from '@copydesk/shared';
import { errors } from '../errors.js';
import type { ArticlesTable } from '../db/schema.js';
import { contentHash, renderDoc, type RenderedBody } from './render.js';

/** What publishing takes from the live document. */
export interface PublishableText {
  headline: string;
  dek: string;
  /** Characters of body text, trimmed. */
  textLength: number;
}

export function publishableText(doc: Y.Doc): PublishableText {
  return { ...readMeta(doc), textLength: bodyText(bodyOf(doc)).trim().length };
}

/** Throws the API error that says what is missing (headline, text, slug), in that order. */
export function assertPublishable(text: Pick<PublishableText, 'headline' | 'textLength'>, slug: string | null): void {
  if (!text.headline.trim()) throw errors.headlineRequired();
  if (text.textLength === 0) throw errors.bodyRequired();
  if (!slug) throw errors.slugRequired();
}

/** The fields a revision freezes, from the document's text and the article row. */
export function frozenFields(text: { headline: string; dek: string; body: RenderedBody }, article: ArticlesTable, slug: string) {
  return {
    headline: text.headline,
    dek: text.dek,
    slug,
    byline: article.byline,
    section: article.section,
    tags: JSON.parse(article.tags) as string[],
    seoDescription: article.seo_description,
    html: text.body.html,
  };
}

/** The hash a revision published now would have (renders the body: not for every keystroke). */
export function liveHash(doc: Y.Doc, article: ArticlesTable): string {
  const body = renderDoc(doc);
  return contentHash(frozenFields({ ...readMeta(doc), body }, article, article.slug ?? ''));
}
