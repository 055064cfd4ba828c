/** The article of a route, checked against the access rule: 404 if it does not exist, 403 if closed to this user. */
import type { Context } from 'hono';
import { articleIdSchema } from '@copydesk/shared';
import { currentUser } from '../auth/middleware.js';
import type { SessionUser } from '../auth/sessions.js';
import { errors } from '../errors.js';
import type { AppEnv } from '../http/context.js';
import { articleStanding, type ArticleStanding } from './access.js';

export interface OpenArticle {
  id: string;
  user: SessionUser;
  standing: ArticleStanding;
}

export async function openArticle(c: Context<AppEnv>): Promise<OpenArticle> {
  const article = await existingArticle(c);
  if (article.standing.access === 'forbidden') throw errors.forbidden('This article is not assigned to you.');
  return article;
}

/** The article of a route whether or not this user may open it (asking for access): 404 if it does not exist. */
export async function existingArticle(c: Context<AppEnv>): Promise<OpenArticle> {
  const id = c.req.param('id') ?? '';
  if (!articleIdSchema.safeParse(id).success) throw errors.notFound('Article');
  const user = currentUser(c);
  const standing = await articleStanding(c.var.ctx.database.db, user, id);
  if (standing.access === 'missing') throw errors.notFound('Article');
  return { id, user, standing };
}
