/** REST for versions: list, save with a name, preview, compare, restore. */
import { Hono } from 'hono';
import { nameVersionSchema } from '@copydesk/shared';
import { errors } from '../errors.js';
import { jsonBody } from '../http/validate.js';
import type { AppEnv } from '../http/context.js';
import { permissionsFor } from './access.js';
import { openArticle } from './guard.js';
import type { VersionLimit } from './version-limit.js';
import { VersionNotFoundError } from './versions.js';

/** Counts versions saved on demand against the article's limit; 429 past it. */
function takeVersions(limit: VersionLimit, articleId: string, count: number): void {
  const wait = limit.take(articleId, count);
  if (wait > 0) throw errors.rateLimited(`Too many versions saved of this article in the last minute. Try again in ${wait} seconds.`, wait);
}

function versionNumber(raw: string | undefined): number {
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 1) throw errors.notFound('Version');
  return n;
}

export function versionRoutes() {
  return new Hono<AppEnv>()
    .get('/:id/versions', async (c) => {
      const { id } = await openArticle(c);
      const { versions } = c.var.ctx;
      return c.json({
        versions: await versions.list(id),
        sinceSubmitted: await versions.latestFor(id, 'submit'),
        sinceApproved: await versions.latestFor(id, 'approve'),
      });
    })
    .post('/:id/versions', jsonBody(nameVersionSchema), async (c) => {
      const { id, user, standing } = await openArticle(c);
      // Saving stores the whole document again: only someone who may change it now may.
      const permissions = permissionsFor(user.role, standing);
      if (!permissions.canEdit) throw errors.forbidden(permissions.readOnlyReason ?? 'You cannot edit this article now.');
      takeVersions(c.var.ctx.versionLimit, id, 1);
      const { name } = c.req.valid('json');
      const n = await c.var.ctx.versions.save(id, { kind: 'named', name, state: standing.state, actorId: user.id });
      await c.var.ctx.audit.record({ articleId: id, actorId: user.id, action: 'version', data: { n, name } });
      return c.json({ n }, 201);
    })
    .get('/:id/versions/:n', async (c) => {
      const { id } = await openArticle(c);
      return c.json(await c.var.ctx.versions.content(id, versionNumber(c.req.param('n'))));
    })
    .get('/:id/compare', async (c) => {
      const { id } = await openArticle(c);
      const from = versionNumber(c.req.query('from'));
      const toRaw = c.req.query('to') ?? 'current';
      const to = toRaw === 'current' ? ('current' as const) : versionNumber(toRaw);
      return c.json(await c.var.ctx.versions.compare(id, from, to));
    })
    .post('/:id/versions/:n/restore', async (c) => {
      const { id, user, standing } = await openArticle(c);
      if (!permissionsFor(user.role, standing).canRestore) throw errors.forbidden('Only editors restore versions.');
      const n = versionNumber(c.req.param('n'));
      const { versions, versionLimit, audit, log } = c.var.ctx;
      // The text before the restore and the restored text: two versions.
      takeVersions(versionLimit, id, 2);
      let saved: { before: number; restored: number };
      try {
        saved = await versions.restore(id, n, { state: standing.state, actorId: user.id });
      } catch (err) {
        if (err instanceof VersionNotFoundError) throw err;
        // The answer cannot say what broke; the log must.
        log.error({ err, articleId: id, n }, 'restore failed');
        throw errors.restoreFailed();
      }
      await audit.record({ articleId: id, actorId: user.id, action: 'restore', data: { restored: n, version: saved.restored, before: saved.before } });
      return c.json({ ok: true, n: saved.restored, before: saved.before });
    });
}
