/**
 * Reader pages served by Copydesk itself, for a newsroom without a site of its own (SITE_URL
 * unset, so canonical URLs point here): the live revision of a story at its canonical path, a
 * 301 from a path it had before, and for signed-in people a noindex preview of the current draft
 * at /preview/:id (same access rule as the editor). The app's own routes are matched before
 * these (app.ts), so a section called "admin" cannot shadow a page of the app.
 */
import { Hono, type Context } from 'hono';
import { HTTPException } from 'hono/http-exception';
import { readMeta } from '@copydesk/shared';
import { openArticle } from '../articles/guard.js';
import type { AppEnv } from '../http/context.js';
import { findBySlug, revisionPath, slugFromPath } from './public-articles.js';
import { canonicalUrl } from './publisher.js';
import { readerPage, readerProblemPage, type ReaderSite, type ReaderStory } from './reader-page.js';
import { READER_CSS, READER_CSS_PATH, READER_CSS_VERSION } from './reader-style.js';
import { renderDoc } from './render.js';
import type { Revision } from './revisions.js';

function siteOf(c: Context<AppEnv>): ReaderSite {
  const { config } = c.var.ctx;
  return { name: config.siteName, feedUrl: `${config.publicUrl}/feed.xml` };
}

/** Correction and update notes of an article's revisions, oldest first. */
function notesOf(revisions: Revision[]): ReaderStory['notes'] {
  return revisions
    .filter((r) => r.correction)
    .sort((a, b) => a.number - b.number)
    .map((r) => ({ at: r.updatedAt, text: r.correction! }));
}

function problem(c: Context<AppEnv>, status: 401 | 403 | 404, title: string, message: string) {
  c.header('Cache-Control', 'no-store');
  return c.html(readerProblemPage(siteOf(c), title, message), status);
}

/** True when canonical URLs point at this server, so it serves the reader pages. */
export function servesReaderPages(config: { siteUrl: string; publicUrl: string }): boolean {
  return config.siteUrl === config.publicUrl;
}

export function readerRoutes() {
  return new Hono<AppEnv>()
    .get(READER_CSS_PATH, (c) => {
      c.header('Content-Type', 'text/css; charset=utf-8');
      c.header('Cache-Control', c.req.query('v') === READER_CSS_VERSION ? 'public, max-age=31536000, immutable' : 'public, max-age=300');
      return c.body(READER_CSS);
    })
    .get('/preview/:id', async (c) => {
      if (!c.var.user) return c.redirect(`/login?next=${encodeURIComponent(c.req.path)}`, 302);
      c.header('X-Robots-Tag', 'noindex, nofollow');
      let id: string;
      try {
        ({ id } = await openArticle(c));
      } catch (err) {
        if (!(err instanceof HTTPException)) throw err;
        if (err.status === 403) return problem(c, 403, 'Not yours to preview', 'This article is not assigned to you.');
        return problem(c, 404, 'No such article', 'This article does not exist, or was deleted.');
      }
      const { revisions, articles, collab, config } = c.var.ctx;
      const article = await articles.get(id);
      if (!article) return problem(c, 404, 'No such article', 'This article does not exist, or was deleted.');
      const draft = await collab.withDoc(id, (doc) => ({ ...readMeta(doc), body: renderDoc(doc) }));
      const all = await revisions.list(id);
      const story: ReaderStory = {
        headline: draft.headline || 'Untitled',
        dek: draft.dek,
        byline: article.byline,
        section: article.section,
        tags: article.tags,
        seoDescription: article.seoDescription,
        html: draft.body.html,
        publishedAt: all.at(-1)?.publishedAt ?? null,
        updatedAt: all[0]?.updatedAt ?? null,
        canonicalUrl: article.slug ? canonicalUrl(config, { slug: article.slug, section: article.section, id }) : null,
        notes: notesOf(all),
      };
      c.header('Cache-Control', 'private, no-store');
      return c.html(readerPage(story, siteOf(c), { preview: true }));
    })
    .get('*', async (c, next) => {
      const { config } = c.var.ctx;
      if (!servesReaderPages(config)) return next();
      const slug = slugFromPath(config.articlePathPattern, c.req.path);
      if (!slug) return next();
      const found = await findBySlug(c.var.ctx, slug);
      if (!found) return next();
      const revision = found.live ?? found.moved;
      const path = revisionPath(config.articlePathPattern, revision);
      // Shared caches may keep a page a little; browsers ask again, so a reader (or the editor
      // who just published an update) never sees a story where it no longer is.
      // Moved (a new slug or section), or asked for under another section: one place only.
      if (path !== c.req.path) {
        c.header('Cache-Control', 'public, max-age=0, s-maxage=300');
        return c.redirect(path, 301);
      }
      const all = await c.var.ctx.revisions.list(revision.articleId);
      const story: ReaderStory = { ...revision, canonicalUrl: canonicalUrl(config, { ...revision, id: revision.articleId }), notes: notesOf(all) };
      c.header('Cache-Control', 'public, max-age=0, s-maxage=30');
      return c.html(readerPage(story, siteOf(c)));
    });
}
