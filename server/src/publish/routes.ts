/** REST for published revisions (per article, for the newsroom) and the public read API. */
import { Hono } from 'hono';
import { cors } from 'hono/cors';
import { errors } from '../errors.js';
import type { AppEnv } from '../http/context.js';
import { openArticle } from '../articles/guard.js';
import { textOf } from './revision-text.js';

export function revisionRoutes() {
  return new Hono<AppEnv>()
    .get('/:id/revisions', async (c) => {
      const { id } = await openArticle(c);
      return c.json({ revisions: await c.var.ctx.revisions.list(id) });
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
        { headline: from.headline, dek: from.dek, body: textOf(from.html) },
        { headline: to.headline, dek: to.dek, body: textOf(to.html) },
      );
      return c.json(comparison);
    });
}

export function publicRoutes() {
  return new Hono<AppEnv>().use(cors({ origin: '*', allowMethods: ['GET'] })).get('/articles/:slug', async (c) => {
    const revision = await c.var.ctx.revisions.publishedBySlug(c.req.param('slug'));
    if (!revision) throw errors.notFound('Published article');
    const { publishedBy: _who, json: _json, ...pub } = revision;
    c.header('Cache-Control', 'public, max-age=30');
    return c.json({ article: pub });
  });
}
