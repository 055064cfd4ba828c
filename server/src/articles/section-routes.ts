/** REST for the newsroom's sections: everyone signed in reads the list; admins keep it. */
import { Hono } from 'hono';
import { sectionInputSchema } from '@copydesk/shared';
import { requireRole } from '../auth/middleware.js';
import { errors } from '../errors.js';
import type { AppEnv } from '../http/context.js';
import { jsonBody } from '../http/validate.js';

export function sectionRoutes() {
  const admin = requireRole('admin');
  return new Hono<AppEnv>()
    .get('/', async (c) => c.json({ sections: await c.var.ctx.sections.list() }))
    .post('/', admin, jsonBody(sectionInputSchema), async (c) => {
      const section = await c.var.ctx.sections.create(c.req.valid('json').name);
      return c.json({ section }, 201);
    })
    .patch('/:id', admin, jsonBody(sectionInputSchema), async (c) => {
      const { sections, articles } = c.var.ctx;
      const id = c.req.param('id');
      const moved = await sections.rename(id, c.req.valid('json').name);
      if (!moved) throw errors.notFound('Section');
      // Desks and open editors show the new spelling without a reload.
      await articles.announce(moved);
      return c.json({ section: (await sections.get(id))! });
    })
    .delete('/:id', admin, async (c) => {
      if (!(await c.var.ctx.sections.remove(c.req.param('id')))) throw errors.notFound('Section');
      return c.json({ ok: true });
    });
}
