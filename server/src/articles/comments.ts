/**
 * Comment threads on an article. Authorship and time are the server's; the anchor is a pair
 * of Yjs relative positions into the body, so a thread stays on its words while others edit
 * around them. Anyone who may open the article may comment, even when they can no longer edit.
 */
import { randomBytes } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { CommentThread, PersonRef } from '@copydesk/shared';
import { nowIso } from '../db/database.js';
import type { DB } from '../db/schema.js';

export class ThreadNotFoundError extends Error {
  override name = 'ThreadNotFoundError';
}

export class Comments {
  constructor(private readonly db: Kysely<DB>) {}

  async list(articleId: string): Promise<CommentThread[]> {
    const rows = await this.db
      .selectFrom('comments as c')
      .leftJoin('users as a', 'a.id', 'c.author_id')
      .leftJoin('users as r', 'r.id', 'c.resolved_by')
      .select([
        'c.id as id',
        'c.thread_id as thread_id',
        'c.body as body',
        'c.anchor_from as anchor_from',
        'c.anchor_to as anchor_to',
        'c.quote as quote',
        'c.resolved as resolved',
        'c.resolved_at as resolved_at',
        'c.created_at as created_at',
        'a.id as author_id',
        'a.display_name as author_name',
        'a.color as author_color',
        'r.id as resolver_id',
        'r.display_name as resolver_name',
        'r.color as resolver_color',
      ])
      .where('c.article_id', '=', articleId)
      .orderBy('c.created_at')
      .orderBy('c.id')
      .execute();
    const threads = new Map<string, CommentThread>();
    const person = (id: string | null, name: string | null, color: string | null): PersonRef | null =>
      id ? { id, name: name ?? 'Former user', color: color ?? '#667085' } : null;
    for (const r of rows) {
      if (r.id === r.thread_id) {
        threads.set(r.id, {
          id: r.id,
          anchor: r.anchor_from && r.anchor_to ? { from: r.anchor_from, to: r.anchor_to } : null,
          quote: r.quote,
          resolved: Number(r.resolved) !== 0,
          resolvedBy: person(r.resolver_id, r.resolver_name, r.resolver_color),
          resolvedAt: r.resolved_at,
          comments: [],
        });
      }
      threads.get(r.thread_id)?.comments.push({
        id: r.id,
        author: person(r.author_id, r.author_name, r.author_color),
        body: r.body,
        createdAt: r.created_at,
      });
    }
    return [...threads.values()];
  }

  async create(articleId: string, authorId: string, input: { body: string; anchor: { from: string; to: string }; quote: string }): Promise<string> {
    return this.insert({ articleId, authorId, body: input.body, anchor: input.anchor, quote: input.quote });
  }

  async reply(articleId: string, threadId: string, authorId: string, body: string): Promise<string> {
    await this.thread(articleId, threadId);
    return this.insert({ articleId, authorId, body, threadId });
  }

  /** A new thread (with an anchor) or a reply (with the thread's id). */
  private async insert(c: { articleId: string; authorId: string; body: string; threadId?: string; anchor?: { from: string; to: string }; quote?: string }): Promise<string> {
    const id = randomBytes(12).toString('base64url');
    await this.db
      .insertInto('comments')
      .values({
        id,
        article_id: c.articleId,
        thread_id: c.threadId ?? id,
        author_id: c.authorId,
        body: c.body,
        anchor_from: c.anchor?.from ?? null,
        anchor_to: c.anchor?.to ?? null,
        quote: c.quote ?? '',
        resolved: 0,
        resolved_by: null,
        resolved_at: null,
        created_at: nowIso(),
      })
      .execute();
    return id;
  }

  async setResolved(articleId: string, threadId: string, resolved: boolean, by: string): Promise<void> {
    await this.thread(articleId, threadId);
    await this.db
      .updateTable('comments')
      .set(resolved ? { resolved: 1, resolved_by: by, resolved_at: nowIso() } : { resolved: 0, resolved_by: null, resolved_at: null })
      .where('id', '=', threadId)
      .execute();
  }

  private async thread(articleId: string, threadId: string): Promise<void> {
    const row = await this.db
      .selectFrom('comments')
      .select('id')
      .where('id', '=', threadId)
      .where('article_id', '=', articleId)
      .whereRef('thread_id', '=', 'id')
      .executeTakeFirst();
    if (!row) throw new ThreadNotFoundError(threadId);
  }
}
