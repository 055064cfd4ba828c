/**
 * The three feed formats, written from one description of the feed: RSS 2.0, Atom 1.0 and
 * JSON Feed 1.1. Headline, dek, tags and byline are plain text and are written as text, never
 * as markup: Atom's title and summary say type="text"; an RSS title is plain text, and since
 * an RSS description is HTML the dek is HTML-escaped there. Only the article body (render.ts,
 * from a schema without scripts or handlers) is HTML. The XML goes through xml.ts, which also
 * drops the characters XML cannot hold; JSON Feed strings lose the same characters (an
 * unpaired surrogate is not valid UTF-8, and readers show these strings in the same places).
 */
import { el, xmlChars, xmlDocument } from './xml.js';

export interface FeedEntry {
  id: string;
  url: string;
  title: string;
  /** Plain text; empty for none. */
  summary: string;
  contentHtml: string;
  authors: string[];
  tags: string[];
  published: Date;
  updated: Date;
}

export interface FeedChannel {
  title: string;
  /** Plain text, one line about the site. */
  description: string;
  /** The site's home page, also the feed's Atom id. */
  homeUrl: string;
  urls: { rss: string; atom: string; json: string };
  updated: Date;
  entries: FeedEntry[];
}

const LANGUAGE = 'en';
const GENERATOR = 'Copydesk';

/** Plain text as HTML, for the fields that hold HTML. */
export function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (ch) => `&#${ch.charCodeAt(0)};`);
}

export function rss2(feed: FeedChannel): string {
  const items = feed.entries.map((e) =>
    el(
      'item',
      null,
      el('title', null, e.title),
      el('link', null, e.url),
      el('guid', { isPermaLink: 'false' }, e.id),
      el('pubDate', null, e.published.toUTCString()),
      e.summary ? el('description', null, escapeHtml(e.summary)) : undefined,
      el('content:encoded', null, e.contentHtml),
      // RSS's own <author> is an email address; a name goes in dc:creator.
      ...e.authors.map((name) => el('dc:creator', null, name)),
      ...e.tags.map((tag) => el('category', null, tag)),
    ),
  );
  const channel = el(
    'channel',
    null,
    el('title', null, feed.title),
    el('link', null, feed.homeUrl),
    el('description', null, escapeHtml(feed.description)),
    el('language', null, LANGUAGE),
    el('copyright', null, `© ${feed.title}`),
    el('lastBuildDate', null, feed.updated.toUTCString()),
    el('generator', null, GENERATOR),
    el('docs', null, 'https://www.rssboard.org/rss-specification'),
    el('atom:link', { href: feed.urls.rss, rel: 'self', type: 'application/rss+xml' }),
    ...items,
  );
  return xmlDocument(
    el(
      'rss',
      {
        version: '2.0',
        'xmlns:atom': 'http://www.w3.org/2005/Atom',
        'xmlns:content': 'http://purl.org/rss/1.0/modules/content/',
        'xmlns:dc': 'http://purl.org/dc/elements/1.1/',
      },
      channel,
    ),
  );
}

export function atom1(feed: FeedChannel): string {
  const entries = feed.entries.map((e) =>
    el(
      'entry',
      null,
      el('title', { type: 'text' }, e.title),
      el('id', null, e.id),
      el('link', { rel: 'alternate', href: e.url }),
      el('updated', null, e.updated.toISOString()),
      el('published', null, e.published.toISOString()),
      e.summary ? el('summary', { type: 'text' }, e.summary) : undefined,
      el('content', { type: 'html' }, e.contentHtml),
      ...e.authors.map((name) => el('author', null, el('name', null, name))),
      ...e.tags.map((tag) => el('category', { term: tag })),
    ),
  );
  return xmlDocument(
    el(
      'feed',
      { xmlns: 'http://www.w3.org/2005/Atom', 'xml:lang': LANGUAGE },
      el('id', null, feed.homeUrl),
      el('title', { type: 'text' }, feed.title),
      el('subtitle', { type: 'text' }, feed.description),
      el('updated', null, feed.updated.toISOString()),
      el('generator', null, GENERATOR),
      el('link', { rel: 'alternate', href: feed.homeUrl }),
      el('link', { rel: 'self', href: feed.urls.atom }),
      el('rights', { type: 'text' }, `© ${feed.title}`),
      // Atom wants an author for every entry; the site stands in for entries without a byline.
      el('author', null, el('name', null, feed.title)),
      ...entries,
    ),
  );
}

export function jsonFeed11(feed: FeedChannel): string {
  const t = xmlChars;
  return JSON.stringify(
    {
      version: 'https://jsonfeed.org/version/1.1',
      title: t(feed.title),
      description: t(feed.description),
      home_page_url: feed.homeUrl,
      feed_url: feed.urls.json,
      language: LANGUAGE,
      items: feed.entries.map((e) => ({
        id: t(e.id),
        url: t(e.url),
        title: t(e.title),
        ...(e.summary ? { summary: t(e.summary) } : {}),
        content_html: t(e.contentHtml),
        date_published: e.published.toISOString(),
        date_modified: e.updated.toISOString(),
        ...(e.authors.length ? { authors: e.authors.map((name) => ({ name: t(name) })) } : {}),
        ...(e.tags.length ? { tags: e.tags.map(t) } : {}),
      })),
    },
    null,
    2,
  );
}
