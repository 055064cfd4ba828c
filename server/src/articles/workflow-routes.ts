/** REST for the workflow: transitions and the audit log. */
import { Hono } from 'hono';
import { transitionSchema } from '@copydesk/shared';
import { jsonBody } from '../http/validate.js';
import type { AppEnv } from '../http/context.js';
import { articleStanding, permissionsFor } from './access.js';
import { openArticle } from './guard.js';
import { live } from './routes.js';

export function workflowRoutes() {
  return new Hono<AppEnv>()
    .post('/:id/transitions', jsonBody(transitionSchema), async (c) => {
      const { id, user } = await openArticle(c);
      const article = await c.var.ctx.workflow.apply(user, id, c.req.valid('json'));
      const standing = await articleStanding(c.var.ctx.database.db, user, id);
      return c.json({ article: live(c, article), permissions: permissionsFor(user.role, standing) });
    })
    .get('/:id/audit', async (c) => {
      const { id } = await openArticle(c);
      return c.json({ entries: await c.var.ctx.audit.list(id) });
    });
}
