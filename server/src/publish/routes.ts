/** REST for published revisions (per article, for the newsroom) and the public read API. */
import { Hono } from 'hono';
import { SLUG_PATTERN } from '@copydesk/shared';
import { cors } from 'hono/cors';
import { errors } from '../errors.js';
import type { AppEnv } from '../http/context.js';
import { openArticle } from '../articles/guard.js';
import { findBySlug } from './public-articles.js';
import { revisionBody } from './revision-text.js';

export function revisionRoutes() {
  return new Hono<AppEnv>()
    .get('/:id/revisions', async (c) => {
      const { id } = await openArticle(c);
      const { config } = c.var.ctx;
      // How URLs are made, so the editor can say where a new slug or section would move the story.
      return c.json({ revisions: await c.var.ctx.revisions.list(id), urls: { siteUrl: config.siteUrl, articlePathPattern: config.articlePathPattern } });
    })
    .get('/:id/revisions/compare', async (c) => {
      const { id } = await openArticle(c);
      const { revisions, unpublishedChanges } = c.var.ctx;
      const fromRaw = c.req.query('from');
      // `from=live`: the revision on the site now; `to=current`: the draft as it stands.
      const from = fromRaw === 'live' ? await revisions.latestRevision(id) : await revisions.get(id, Number(fromRaw));
      if (!from) throw errors.notFound('Revision');
      if (c.req.query('to') === 'current') return c.json(await unpublishedChanges.compare(id, from));
      const to = await revisions.get(id, Number(c.req.query('to')));
      if (!to) throw errors.notFound('Revision');
      const comparison = await c.var.ctx.comparisons.compare(
        { headline: from.headline, dek: from.dek, body: revisionBody(from) },
        { headline: to.headline, dek: to.dek, body: revisionBody(to) },
      );
      return c.json(comparison);
    });
}

export function publicRoutes() {
  return new Hono<AppEnv>().use(cors({ origin: '*', allowMethods: ['GET'] })).get('/articles/:slug', async (c) => {
    const slug = c.req.param('slug');
    const found = SLUG_PATTERN.test(slug) ? await findBySlug(c.var.ctx, slug) : undefined;
    if (!found) throw errors.notFound('Published article');
    // A story whose slug changed: the old address keeps working, as a permanent redirect.
    if (found.moved) {
      c.header('Cache-Control', 'public, max-age=0, s-maxage=300');
      return c.redirect(`/api/public/articles/${encodeURIComponent(found.moved.slug)}`, 301);
    }
    const { publishedBy: _who, json: _json, ...pub } = found.live;
    c.header('Cache-Control', 'public, max-age=30');
    return c.json({ article: pub });
  });
}
