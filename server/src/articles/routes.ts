/** REST for articles: list, create, read, and (editors) assignment. */
import { Hono, type Context } from 'hono';
import { articleIdSchema, createArticleSchema, updateArticleSchema } from '@copydesk/shared';
import { apiError, errors } from '../errors.js';
import { currentUser, forbidden, requireRole } from '../auth/middleware.js';
import { jsonBody } from '../http/validate.js';
import type { AppEnv } from '../http/context.js';
import { articleAccess } from './access.js';
import { UnknownUserError } from './repo.js';

/** The article id of the route, checked against the access rule: 404 or 403 otherwise. */
async function openableArticle(c: Context<AppEnv>): Promise<string> {
  const id = c.req.param('id') ?? '';
  if (!articleIdSchema.safeParse(id).success) throw errors.notFound('Article');
  const access = await articleAccess(c.var.ctx.database.db, currentUser(c), id);
  if (access === 'missing') throw errors.notFound('Article');
  if (access === 'forbidden') throw forbidden('This article is not assigned to you.');
  return id;
}

export function articleRoutes() {
  return new Hono<AppEnv>()
    .get('/', async (c) => {
      const articles = await c.var.ctx.articles.list(currentUser(c));
      return c.json({ articles });
    })
    .post('/', jsonBody(createArticleSchema), async (c) => {
      const article = await c.var.ctx.articles.create(c.req.valid('json'), currentUser(c).id);
      return c.json({ article }, 201);
    })
    .get('/:id', async (c) => {
      const id = await openableArticle(c);
      const article = await c.var.ctx.articles.get(id);
      if (!article) throw errors.notFound('Article');
      return c.json({ article, assignees: await c.var.ctx.articles.assignees(id) });
    })
    .patch('/:id', requireRole('editor', 'admin'), jsonBody(updateArticleSchema), async (c) => {
      const id = await openableArticle(c);
      const { articles, collab } = c.var.ctx;
      const body = c.req.valid('json');
      if (body.assignees) {
        try {
          const { removed } = await articles.setAssignees(id, body.assignees);
          for (const userId of removed) void collab.recheckAccess(userId, id);
        } catch (err) {
          if (err instanceof UnknownUserError) throw apiError(400, 'unknown_user', 'Assignees must be existing people.');
          throw err;
        }
      }
      const article = await articles.get(id);
      return c.json({ article, assignees: await articles.assignees(id) });
    });
}
