/** REST for articles: list (with filters), create, read (with this person's permissions), metadata and assignment. */
import { Hono, type Context } from 'hono';
import { createArticleSchema, updateArticleSchema, type ArticleSummary } from '@copydesk/shared';
import { errors } from '../errors.js';
import { currentUser } from '../auth/middleware.js';
import { jsonBody } from '../http/validate.js';
import type { AppEnv } from '../http/context.js';
import { articleStanding, permissionsFor } from './access.js';
import { openArticle } from './guard.js';

/** The summary with who is editing it now, as the desk shows it. */
export function live(c: Context<AppEnv>, article: ArticleSummary): ArticleSummary {
  return { ...article, editing: c.var.ctx.presence.editing(article.id) };
}

export function articleRoutes() {
  return new Hono<AppEnv>()
    .get('/', async (c) => {
      const user = currentUser(c);
      const { articles } = c.var.ctx;
      const list = await articles.list(user, {
        mine: c.req.query('mine') === '1',
        ...(c.req.query('section') ? { section: c.req.query('section')! } : {}),
        ...(c.req.query('q') ? { q: c.req.query('q')!.slice(0, 200) } : {}),
      });
      return c.json({ articles: list.map((a) => live(c, a)), sections: await articles.sections(user) });
    })
    .post('/', jsonBody(createArticleSchema), async (c) => {
      const user = currentUser(c);
      const { articles, audit, hub } = c.var.ctx;
      const article = await articles.create(c.req.valid('json'), user.id);
      await audit.record({ articleId: article.id, actorId: user.id, action: 'create', to: 'draft' });
      hub.publishArticle(article);
      return c.json({ article }, 201);
    })
    .get('/:id', async (c) => {
      const { id, user, standing } = await openArticle(c);
      const { articles, audit } = c.var.ctx;
      const article = (await articles.get(id))!;
      return c.json({
        article: live(c, article),
        permissions: permissionsFor(user.role, standing),
        changeRequest: article.status === 'draft' ? await audit.lastChangeRequest(id) : null,
      });
    })
    .patch('/:id', jsonBody(updateArticleSchema), async (c) => {
      const { id, user, standing } = await openArticle(c);
      const { articles, audit, cluster, hub, database } = c.var.ctx;
      const { assignees, ...metadata } = c.req.valid('json');
      const perms = permissionsFor(user.role, standing);
      if (assignees !== undefined && !perms.canAssign) throw errors.forbidden('Only editors assign people.');
      if (Object.keys(metadata).length > 0 && !perms.canEditMeta) throw errors.forbidden(perms.readOnlyReason ?? 'You cannot change this article now.');
      if (Object.keys(metadata).length > 0) {
        await articles.updateMetadata(id, metadata);
        await audit.record({ articleId: id, actorId: user.id, action: 'metadata', data: { fields: Object.keys(metadata) } });
      }
      if (assignees !== undefined) {
        const { added, removed } = await articles.setAssignees(id, assignees);
        if (added.length || removed.length) {
          await audit.record({ articleId: id, actorId: user.id, action: 'assign', data: { added, removed } });
          for (const userId of removed) await cluster.refreshAccess(id, userId);
        }
      }
      const article = live(c, (await articles.get(id))!);
      hub.publishArticle(article);
      return c.json({ article, permissions: permissionsFor(user.role, await articleStanding(database.db, user, id)) });
    });
}
