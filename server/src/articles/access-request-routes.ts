/**
 * REST for putting people on a story: adding a co-writer, and requests for access (asked by
 * someone who may not open the article, decided by those who may add a co-writer).
 */
import { Hono } from 'hono';
import { accessRequestSchema, addCowriterSchema, isEditorRole } from '@copydesk/shared';
import { currentUser } from '../auth/middleware.js';
import { errors } from '../errors.js';
import type { AppEnv } from '../http/context.js';
import { jsonBody } from '../http/validate.js';
import { mayAddCowriter, permissionsFor } from './access.js';
import { existingArticle, openArticle, type OpenArticle } from './guard.js';

/** Only those who may add a co-writer see and decide an article's requests. */
function mayDecide(open: OpenArticle): void {
  if (!mayAddCowriter(open.user.role, open.standing)) throw errors.forbidden('Only the writers on this draft and editors decide requests for access.');
}

export function accessRoutes() {
  return new Hono<AppEnv>()
    .post('/:id/cowriters', jsonBody(addCowriterSchema), async (c) => {
      const open = await openArticle(c);
      const { articles } = c.var.ctx;
      const article = await articles.addCowriter(open, c.req.valid('json').userId);
      return c.json({ article, permissions: await articles.permissions(open.user, open.id) });
    })
    .get('/:id/access-request', async (c) => {
      const { id, user, standing } = await existingArticle(c);
      if (standing.access === 'open') return c.json({ request: null });
      const request = await c.var.ctx.accessRequests.latestOf(id, user.id);
      // The person asking may not read the article: not even its headline.
      return c.json({ request: request && { ...request, headline: '' } });
    })
    .post('/:id/access-requests', jsonBody(accessRequestSchema), async (c) => {
      const { id, user, standing } = await existingArticle(c);
      if (standing.access === 'open') throw errors.badRequest('You can already open this article.');
      const { request, created } = await c.var.ctx.accessRequests.ask(id, user, c.req.valid('json').message ?? '');
      return c.json({ request: { ...request, headline: '' } }, created ? 201 : 200);
    })
    .get('/:id/access-requests', async (c) => {
      const open = await openArticle(c);
      mayDecide(open);
      return c.json({ requests: await c.var.ctx.accessRequests.openFor(open.id) });
    })
    .post('/:id/access-requests/:request/grant', async (c) => {
      const open = await openArticle(c);
      mayDecide(open);
      const { accessRequests, articles } = c.var.ctx;
      const request = await accessRequests.open(open.id, c.req.param('request'));
      if (!request) throw errors.notFound('Open request');
      const article = await articles.addCowriter(open, request.requester_id);
      return c.json({ article, permissions: permissionsFor(open.user.role, open.standing) });
    })
    .post('/:id/access-requests/:request/dismiss', async (c) => {
      const open = await openArticle(c);
      mayDecide(open);
      if (!(await c.var.ctx.accessRequests.dismiss(open.id, c.req.param('request'), open.user.id))) throw errors.notFound('Open request');
      return c.json({ ok: true });
    });
}

/** GET /api/access-requests: the open requests this person may decide, for the desk. */
export function accessRequestListRoutes() {
  return new Hono<AppEnv>().get('/', async (c) => {
    const user = currentUser(c);
    return c.json({ requests: await c.var.ctx.accessRequests.decidableBy(user, isEditorRole(user.role)) });
  });
}
