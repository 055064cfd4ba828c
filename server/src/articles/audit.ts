/** The audit log: an append-only record of who did what to an article, never edited. */
import type { Kysely, Transaction } from 'kysely';
import type { ReviewNote } from '@copydesk/shared';
import { nowIso } from '../db/database.js';
import type { DB } from '../db/schema.js';

export interface AuditEntry {
  id: number;
  action: string;
  actor: { id: string; name: string } | null;
  from: string | null;
  to: string | null;
  note: string | null;
  data: Record<string, unknown>;
  at: string;
}

export interface NewAuditEntry {
  articleId: string;
  actorId: string | null;
  action: string;
  from?: string | null;
  to?: string | null;
  note?: string | null;
  data?: Record<string, unknown>;
}

/** The audit actions whose notes make the review's thread ('reply': a note on its own). */
const REVIEW_NOTE_ACTIONS = ['submit', 'request_changes', 'reopen', 'reply'];

export class AuditLog {
  constructor(private readonly db: Kysely<DB>) {}

  async record(entry: NewAuditEntry, trx: Kysely<DB> | Transaction<DB> = this.db): Promise<void> {
    await trx
      .insertInto('audit_log')
      .values({
        article_id: entry.articleId,
        actor_id: entry.actorId,
        action: entry.action,
        from_state: entry.from ?? null,
        to_state: entry.to ?? null,
        note: entry.note ?? null,
        data: JSON.stringify(entry.data ?? {}),
        created_at: nowIso(),
      })
      .execute();
  }

  async list(articleId: string): Promise<AuditEntry[]> {
    const rows = await this.db
      .selectFrom('audit_log')
      .leftJoin('users', 'users.id', 'audit_log.actor_id')
      .select([
        'audit_log.id as id',
        'audit_log.action as action',
        'audit_log.actor_id as actor_id',
        'users.display_name as actor_name',
        'audit_log.from_state as from_state',
        'audit_log.to_state as to_state',
        'audit_log.note as note',
        'audit_log.data as data',
        'audit_log.created_at as created_at',
      ])
      .where('audit_log.article_id', '=', articleId)
      .orderBy('audit_log.id', 'desc')
      .execute();
    return rows.map((r) => ({
      id: Number(r.id),
      action: r.action,
      actor: r.actor_id ? { id: r.actor_id, name: r.actor_name ?? 'Former user' } : null,
      from: r.from_state,
      to: r.to_state,
      note: r.note,
      data: JSON.parse(r.data) as Record<string, unknown>,
      at: r.created_at,
    }));
  }

  /**
   * The notes of the review under way, oldest first: change requests, the writer's answers and
   * what was said when submitting, since the article was last approved or published (at most
   * `limit`, the newest).
   */
  async reviewNotes(articleId: string, limit = 50): Promise<ReviewNote[]> {
    const since = await this.db
      .selectFrom('audit_log')
      .select((eb) => eb.fn.max('id').as('id'))
      .where('article_id', '=', articleId)
      .where('action', 'in', ['approve', 'publish'])
      .executeTakeFirst();
    const rows = await this.db
      .selectFrom('audit_log')
      .leftJoin('users', 'users.id', 'audit_log.actor_id')
      .select(['audit_log.action as action', 'audit_log.note as note', 'users.display_name as name', 'audit_log.created_at as at'])
      .where('audit_log.article_id', '=', articleId)
      .where('audit_log.action', 'in', REVIEW_NOTE_ACTIONS)
      .where('audit_log.note', 'is not', null)
      .where('audit_log.id', '>', Number(since?.id ?? 0))
      .orderBy('audit_log.id', 'desc')
      .limit(limit)
      .execute();
    return rows.reverse().map((r) => ({ action: r.action, note: r.note ?? '', by: r.name ?? 'Former user', at: r.at }));
  }

  /** The note of the most recent request for changes, if the article is back in draft because of one. */
  async lastChangeRequest(articleId: string): Promise<{ note: string; by: string; at: string } | null> {
    const row = await this.db
      .selectFrom('audit_log')
      .leftJoin('users', 'users.id', 'audit_log.actor_id')
      .select(['audit_log.action as action', 'audit_log.note as note', 'users.display_name as name', 'audit_log.created_at as at'])
      .where('audit_log.article_id', '=', articleId)
      .where('audit_log.from_state', 'is not', null)
      .orderBy('audit_log.id', 'desc')
      .executeTakeFirst();
    if (!row || row.action !== 'request_changes' || !row.note) return null;
    return { note: row.note, by: row.name ?? 'An editor', at: row.at };
  }
}
