/**
 * Who may open which article, and how they relate to it — the one rule (`mayOpen`), used by REST,
 * the WebSocket, the desk's event stream and the article lists alike. Editors and admins open
 * everything; writers open what they created or are assigned to. Edit rights then follow the
 * workflow state (shared/src/workflow.ts).
 */
import type { Kysely } from 'kysely';
import {
  availableActions,
  canEditBody,
  isEditorRole,
  readOnlyReason,
  type ArticlePermissions,
  type ArticleState,
  type Relation,
  type Role,
} from '@copydesk/shared';
import type { UserRepo } from '../auth/users.js';
import type { DB } from '../db/schema.js';

export type ArticleAccess = 'missing' | 'forbidden' | 'open';

export interface AccessSubject {
  id: string;
  role: Role;
}

export interface ArticleStanding {
  access: ArticleAccess;
  relation: Relation;
  state: ArticleState;
}

/** How `userId` relates to an article created by `createdBy` and assigned to `assigneeIds`. */
export function relationTo(userId: string, createdBy: string | null, assigneeIds: readonly string[]): Relation {
  return createdBy === userId ? 'owner' : assigneeIds.includes(userId) ? 'assignee' : 'none';
}

/**
 * The access rule. Lists ask it with relation 'none' (may this person open articles that are not
 * theirs?) and otherwise keep to the ones created by or assigned to them (repo.ts).
 */
export function mayOpen(user: AccessSubject, relation: Relation): boolean {
  return isEditorRole(user.role) || relation !== 'none';
}

export async function articleStanding(db: Kysely<DB>, user: AccessSubject, articleId: string): Promise<ArticleStanding> {
  const row = await db
    .selectFrom('articles')
    .leftJoin('article_assignees', (j) =>
      j.onRef('article_assignees.article_id', '=', 'articles.id').on('article_assignees.user_id', '=', user.id),
    )
    .select(['articles.created_by as created_by', 'articles.status as status', 'article_assignees.user_id as assignee'])
    .where('articles.id', '=', articleId)
    .executeTakeFirst();
  if (!row) return { access: 'missing', relation: 'none', state: 'draft' };
  const relation = relationTo(user.id, row.created_by, row.assignee ? [row.assignee] : []);
  return { access: mayOpen(user, relation) ? 'open' : 'forbidden', relation, state: row.status };
}

/**
 * Who may put another person on the story (a co-writer, or someone who asked for access):
 * editors always; writers while it is a draft they started or are assigned to.
 */
export function mayAddCowriter(role: Role, standing: ArticleStanding): boolean {
  if (standing.access !== 'open') return false;
  return isEditorRole(role) || (standing.relation !== 'none' && standing.state === 'draft');
}

export function permissionsFor(role: Role, standing: ArticleStanding): ArticlePermissions {
  const canEdit = standing.access === 'open' && canEditBody(standing.state, role, standing.relation);
  return {
    canEdit,
    canEditMeta: canEdit,
    canAssign: isEditorRole(role),
    canAddCowriter: mayAddCowriter(role, standing),
    canRestore: isEditorRole(role),
    actions: standing.access === 'open' ? availableActions(standing.state, role, standing.relation) : [],
    readOnlyReason: canEdit ? null : (readOnlyReason(standing.state, role, standing.relation) ?? null),
  };
}

/** What an open collaboration socket may do: stay open, and write. */
export interface SocketRights {
  open: boolean;
  canEdit: boolean;
}

/**
 * A socket's rights now, read afresh when an article's state or assignees change (a socket
 * outlives the check made when it opened): none once the account is disabled or gone.
 */
export async function currentSocketRights(
  db: Kysely<DB>,
  users: Pick<UserRepo, 'get'>,
  userId: string,
  articleId: string,
): Promise<SocketRights> {
  const row = await users.get(userId);
  if (!row || Number(row.disabled) !== 0) return { open: false, canEdit: false };
  const standing = await articleStanding(db, row, articleId);
  return { open: standing.access === 'open', canEdit: permissionsFor(row.role, standing).canEdit };
}
