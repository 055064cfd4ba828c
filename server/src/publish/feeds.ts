/**
 * Public feeds of the latest published revisions: RSS 2.0 with full content, Atom 1.0 and JSON
 * Feed 1.1 (written by feed-formats.ts), with ETag/Last-Modified and 304 on a repeat request.
 */
import { createHash } from 'node:crypto';
import { Hono, type Context } from 'hono';
import type { Config } from '../env.js';
import type { AppEnv } from '../http/context.js';
import { atom1, escapeHtml, jsonFeed11, rss2, type FeedChannel } from './feed-formats.js';
import type { Revision } from './revisions.js';

export type FeedFormat = 'rss' | 'atom' | 'json';

const CONTENT_TYPES: Record<FeedFormat, string> = {
  rss: 'application/rss+xml; charset=utf-8',
  atom: 'application/atom+xml; charset=utf-8',
  json: 'application/feed+json; charset=utf-8',
};

/** One feed of `items` (newest first), as served. */
export function buildFeed(site: Pick<Config, 'siteName' | 'siteDescription' | 'siteUrl' | 'publicUrl'>, items: Revision[], format: FeedFormat): string {
  const feed: FeedChannel = {
    title: site.siteName,
    description: site.siteDescription,
    homeUrl: `${site.siteUrl}/`,
    urls: { rss: `${site.publicUrl}/feed.xml`, atom: `${site.publicUrl}/feed.atom`, json: `${site.publicUrl}/feed.json` },
    updated: items[0] ? new Date(items[0].updatedAt) : new Date(0),
    entries: items.map((r) => ({
      id: r.canonicalUrl,
      url: r.canonicalUrl,
      title: r.headline,
      summary: r.dek || r.seoDescription,
      contentHtml: r.correction ? `${r.html}<p><em>Correction: ${escapeHtml(r.correction)}</em></p>` : r.html,
      authors: r.byline ? [r.byline] : [],
      tags: r.tags,
      published: new Date(r.publishedAt),
      updated: new Date(r.updatedAt),
    })),
  };
  if (format === 'rss') return rss2(feed);
  if (format === 'atom') return atom1(feed);
  return jsonFeed11(feed);
}

async function serve(c: Context<AppEnv>, format: FeedFormat) {
  const items = await c.var.ctx.revisions.feed(50);
  const body = buildFeed(c.var.ctx.config, items, format);
  const etag = `"${createHash('sha256').update(body).digest('base64url').slice(0, 32)}"`;
  const lastModified = (items[0] ? new Date(items[0].updatedAt) : new Date(0)).toUTCString();
  c.header('ETag', etag);
  c.header('Last-Modified', lastModified);
  c.header('Cache-Control', 'public, max-age=60');
  const inm = c.req.header('if-none-match');
  const ims = c.req.header('if-modified-since');
  if ((inm && inm.split(',').some((t) => t.trim() === etag)) || (!inm && ims && Date.parse(ims) >= Date.parse(lastModified))) {
    return c.body(null, 304);
  }
  c.header('Content-Type', CONTENT_TYPES[format]);
  return c.body(body);
}

export function feedRoutes() {
  return new Hono<AppEnv>()
    .get('/feed.xml', (c) => serve(c, 'rss'))
    .get('/feed.atom', (c) => serve(c, 'atom'))
    .get('/feed.json', (c) => serve(c, 'json'));
}
