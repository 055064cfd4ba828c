/** REST for articles: list (with filters), create, read (with this person's permissions), metadata and assignment. */
import { Hono } from 'hono';
import { articleListQuerySchema, createArticleSchema, updateArticleSchema } from '@copydesk/shared';
import { currentUser } from '../auth/middleware.js';
import { jsonBody, queryParams } from '../http/validate.js';
import type { AppEnv } from '../http/context.js';
import { permissionsFor } from './access.js';
import { openArticle } from './guard.js';

export function articleRoutes() {
  return new Hono<AppEnv>()
    .get('/', queryParams(articleListQuerySchema), async (c) => {
      const user = currentUser(c);
      const { articles } = c.var.ctx;
      const { mine, ...filter } = c.req.valid('query');
      const [page, sections] = await Promise.all([articles.list(user, { ...filter, mine: mine === '1' }), articles.sections(user)]);
      return c.json({ articles: page.articles, total: page.total, sections });
    })
    .post('/', jsonBody(createArticleSchema), async (c) => {
      const article = await c.var.ctx.articles.create(currentUser(c), c.req.valid('json'));
      return c.json({ article }, 201);
    })
    .get('/:id', async (c) => {
      const { id, user, standing } = await openArticle(c);
      const { articles, audit } = c.var.ctx;
      const article = (await articles.get(id))!;
      return c.json({
        article,
        permissions: permissionsFor(user.role, standing),
        changeRequest: article.status === 'draft' ? await audit.lastChangeRequest(id) : null,
        reviewNotes: await audit.reviewNotes(id),
      });
    })
    .patch('/:id', jsonBody(updateArticleSchema), async (c) => {
      const open = await openArticle(c);
      const { articles } = c.var.ctx;
      const article = await articles.update(open, c.req.valid('json'));
      return c.json({ article, permissions: await articles.permissions(open.user, open.id) });
    });
}
