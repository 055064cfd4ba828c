/**
 * Who may open which article — the one rule, used by REST and the WebSocket alike.
 * Editors and admins open everything; writers open what they created or are assigned to.
 */
import type { Kysely } from 'kysely';
import { isEditorRole } from '@copydesk/shared';
import type { DB } from '../db/schema.js';
import type { SessionUser } from '../auth/sessions.js';

export type ArticleAccess = 'missing' | 'forbidden' | 'open';

export async function articleAccess(db: Kysely<DB>, user: SessionUser, articleId: string): Promise<ArticleAccess> {
  const row = await db
    .selectFrom('articles')
    .leftJoin('article_assignees', (j) =>
      j.onRef('article_assignees.article_id', '=', 'articles.id').on('article_assignees.user_id', '=', user.id),
    )
    .select(['articles.created_by as created_by', 'article_assignees.user_id as assignee'])
    .where('articles.id', '=', articleId)
    .executeTakeFirst();
  if (!row) return 'missing';
  if (isEditorRole(user.role) || row.created_by === user.id || row.assignee === user.id) return 'open';
  return 'forbidden';
}
