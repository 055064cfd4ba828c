/** REST for comments: threads anchored in the body, replies, resolve and reopen. */
import { Hono, type Context } from 'hono';
import { createCommentSchema, replySchema, resolveSchema } from '@copydesk/shared';
import { jsonBody } from '../http/validate.js';
import type { AppEnv } from '../http/context.js';
import { openArticle } from './guard.js';

async function changed(c: Context<AppEnv>, articleId: string) {
  const { hub, articles, comments } = c.var.ctx;
  hub.publishAbout(articleId, { type: 'comments', articleId });
  const article = await articles.get(articleId);
  if (article) hub.publishArticle(article);
  return c.json({ threads: await comments.list(articleId) });
}

export function commentRoutes() {
  return new Hono<AppEnv>()
    .get('/:id/comments', async (c) => {
      const { id } = await openArticle(c);
      return c.json({ threads: await c.var.ctx.comments.list(id) });
    })
    .post('/:id/comments', jsonBody(createCommentSchema), async (c) => {
      const { id, user } = await openArticle(c);
      await c.var.ctx.comments.create(id, user.id, c.req.valid('json'));
      return changed(c, id);
    })
    .post('/:id/comments/:thread/replies', jsonBody(replySchema), async (c) => {
      const { id, user } = await openArticle(c);
      await c.var.ctx.comments.reply(id, c.req.param('thread'), user.id, c.req.valid('json').body);
      return changed(c, id);
    })
    .patch('/:id/comments/:thread', jsonBody(resolveSchema), async (c) => {
      const { id, user } = await openArticle(c);
      await c.var.ctx.comments.setResolved(id, c.req.param('thread'), c.req.valid('json').resolved, user.id);
      return changed(c, id);
    });
}
