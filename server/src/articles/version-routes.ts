/** REST for versions: list, save with a name, preview, compare, restore. */
import { Hono } from 'hono';
import { nameVersionSchema } from '@copydesk/shared';
import { errors } from '../errors.js';
import { jsonBody } from '../http/validate.js';
import type { AppEnv } from '../http/context.js';
import { openArticle } from './guard.js';
import { isVersionNumber, VersionNotFoundError } from './versions.js';

function versionNumber(raw: string | undefined): number {
  const n = Number(raw);
  if (!isVersionNumber(n)) throw errors.notFound('Version');
  return n;
}

export function versionRoutes() {
  return new Hono<AppEnv>()
    .get('/:id/versions', async (c) => {
      const { id } = await openArticle(c);
      const { versions } = c.var.ctx;
      return c.json({
        versions: await versions.list(id),
        sinceSubmitted: await versions.reviewBase(id),
        sinceApproved: await versions.latestFor(id, 'approve'),
      });
    })
    .post('/:id/versions', jsonBody(nameVersionSchema), async (c) => {
      const open = await openArticle(c);
      const n = await c.var.ctx.articles.saveVersion(open, c.req.valid('json').name);
      return c.json({ n }, 201);
    })
    .get('/:id/versions/:n', async (c) => {
      const { id } = await openArticle(c);
      try {
        return c.json(await c.var.ctx.versions.content(id, versionNumber(c.req.param('n'))));
      } catch (err) {
        if (err instanceof VersionNotFoundError) throw errors.notFound('Version');
        throw err;
      }
    })
    .get('/:id/compare', async (c) => {
      const { id } = await openArticle(c);
      const from = versionNumber(c.req.query('from'));
      const toRaw = c.req.query('to') ?? 'current';
      const to = toRaw === 'current' ? ('current' as const) : versionNumber(toRaw);
      try {
        return c.json(await c.var.ctx.versions.compare(id, from, to));
      } catch (err) {
        if (err instanceof VersionNotFoundError) throw errors.notFound('Version');
        throw err;
      }
    })
    .post('/:id/versions/:n/restore', async (c) => {
      const open = await openArticle(c);
      // Articles.restore checks the number after the permission: a writer hears they may not restore.
      const saved = await c.var.ctx.articles.restore(open, Number(c.req.param('n')));
      return c.json({ ok: true, n: saved.restored, before: saved.before });
    });
}
