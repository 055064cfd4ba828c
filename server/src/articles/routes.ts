/** REST for articles: list, create, read. */
import { Hono } from 'hono';
import { zValidator } from '@hono/zod-validator';
import { articleIdSchema, createArticleSchema } from '@copydesk/shared';
import { errors } from '../errors.js';
import type { AppEnv } from '../http/context.js';

export function articleRoutes() {
  return new Hono<AppEnv>()
    .get('/', async (c) => {
      const articles = await c.var.ctx.articles.list();
      return c.json({ articles });
    })
    .post(
      '/',
      zValidator('json', createArticleSchema, (result) => {
        if (!result.success) throw errors.badRequest(result.error.issues.map((i) => i.message).join('; '));
      }),
      async (c) => {
        const article = await c.var.ctx.articles.create(c.req.valid('json'));
        return c.json({ article }, 201);
      },
    )
    .get('/:id', async (c) => {
      const id = c.req.param('id');
      if (!articleIdSchema.safeParse(id).success) throw errors.notFound('Article');
      const article = await c.var.ctx.articles.get(id);
      if (!article) throw errors.notFound('Article');
      return c.json({ article });
    });
}
