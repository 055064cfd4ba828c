/**
 * Public feeds of the latest published revisions: RSS 2.0 with full content, Atom 1.0 and JSON
 * Feed 1.1, written by the `feed` library, with ETag/Last-Modified and 304 on a repeat request.
 */
import { createHash } from 'node:crypto';
import { Hono, type Context } from 'hono';
import { Feed } from 'feed';
import type { AppEnv } from '../http/context.js';
import type { Revision } from './revisions.js';

type Format = 'rss' | 'atom' | 'json';

const CONTENT_TYPES: Record<Format, string> = {
  rss: 'application/rss+xml; charset=utf-8',
  atom: 'application/atom+xml; charset=utf-8',
  json: 'application/feed+json; charset=utf-8',
};

function build(c: Context<AppEnv>, items: Revision[], format: Format): string {
  const { config } = c.var.ctx;
  const updated = items[0] ? new Date(items[0].updatedAt) : new Date(0);
  const feed = new Feed({
    title: config.siteName,
    id: `${config.siteUrl}/`,
    link: `${config.siteUrl}/`,
    language: 'en',
    updated,
    generator: 'Copydesk',
    copyright: `© ${config.siteName}`,
    feedLinks: { rss: `${config.publicUrl}/feed.xml`, atom: `${config.publicUrl}/feed.atom`, json: `${config.publicUrl}/feed.json` },
  });
  for (const r of items) {
    feed.addItem({
      title: r.headline,
      id: r.canonicalUrl,
      link: r.canonicalUrl,
      description: r.dek || r.seoDescription,
      content: r.correction ? `${r.html}<p><em>Correction: ${escapeHtml(r.correction)}</em></p>` : r.html,
      ...(r.byline ? { author: [{ name: r.byline }] } : {}),
      date: new Date(r.updatedAt),
      published: new Date(r.publishedAt),
      category: r.tags.map((t) => ({ name: t })),
    });
  }
  if (format === 'rss') return feed.rss2();
  if (format === 'atom') return feed.atom1();
  return toJsonFeed11(feed.json1());
}

/** `feed` writes JSON Feed 1.0; 1.1 renames `author` to `authors` and adds `language`. */
function toJsonFeed11(json: string): string {
  const data = JSON.parse(json) as Record<string, unknown> & { items: Record<string, unknown>[] };
  data.version = 'https://jsonfeed.org/version/1.1';
  data.language = 'en';
  for (const target of [data, ...data.items]) {
    if (target.author) {
      target.authors = [target.author];
      delete target.author;
    }
  }
  return JSON.stringify(data, null, 2);
}

function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (ch) => `&#${ch.charCodeAt(0)};`);
}

async function serve(c: Context<AppEnv>, format: Format) {
  const items = await c.var.ctx.revisions.feed(50);
  const body = build(c, items, format);
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
