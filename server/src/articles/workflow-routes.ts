/** REST for the workflow: transitions, the review's notes and the audit log. */
import { Hono } from 'hono';
import { reviewNoteSchema, transitionSchema } from '@copydesk/shared';
import { jsonBody } from '../http/validate.js';
import type { AppEnv } from '../http/context.js';
import { openArticle } from './guard.js';

export function workflowRoutes() {
  return new Hono<AppEnv>()
    .post('/:id/transitions', jsonBody(transitionSchema), async (c) => {
      const { id, user } = await openArticle(c);
      const { articles, workflow } = c.var.ctx;
      const article = await workflow.apply(user, id, c.req.valid('json'));
      return c.json({ article: articles.live(article), permissions: await articles.permissions(user, id) });
    })
    .post('/:id/notes', jsonBody(reviewNoteSchema), async (c) => {
      const open = await openArticle(c);
      return c.json({ reviewNotes: await c.var.ctx.articles.addReviewNote(open, c.req.valid('json').note) }, 201);
    })
    .get('/:id/audit', async (c) => {
      const { id } = await openArticle(c);
      return c.json({ entries: await c.var.ctx.audit.list(id) });
    });
}
