/**
 * The audit log: an append-only record of who did what to an article, never edited. Reading it
 * folds runs of tag changes into one entry (coalesceTagRuns); the rows stay as they were.
 */
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

/** Tag changes by one person this close together read as one change in the history. */
export const TAG_RUN_GAP_MS = 5 * 60_000;

function isTagsOnly(entry: AuditEntry): boolean {
  const fields = entry.data.fields;
  return entry.action === 'metadata' && Array.isArray(fields) && fields.length === 1 && fields[0] === 'tags';
}

function strings(value: unknown): string[] {
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];
}

/**
 * Folds runs of tag changes (each tag is its own save) into one entry: consecutive tags-only
 * changes by the same person, each within TAG_RUN_GAP_MS of the next. The folded entry keeps
 * the newest one's id and time and says what the run did in all: `added` and `removed` (a tag
 * added and removed again in the run is in neither) and `changes`, how many saves it folds.
 * `entries` are newest first, as `list` returns them.
 */
export function coalesceTagRuns(entries: readonly AuditEntry[]): AuditEntry[] {
  const out: AuditEntry[] = [];
  let run: AuditEntry[] = [];
  const flush = () => {
    if (run.length === 1) out.push(run[0]!);
    else if (run.length > 1) {
      // Oldest first, replaying the run.
      const added = new Set<string>();
      const removed = new Set<string>();
      for (const e of [...run].reverse()) {
        for (const t of strings(e.data.added)) if (!removed.delete(t)) added.add(t);
        for (const t of strings(e.data.removed)) if (!added.delete(t)) removed.add(t);
      }
      const newest = run[0]!;
      out.push({ ...newest, data: { ...newest.data, added: [...added], removed: [...removed], changes: run.length } });
    }
    run = [];
  };
  for (const entry of entries) {
    const prev = run[run.length - 1];
    const continues =
      prev !== undefined && isTagsOnly(entry) && entry.actor?.id === prev.actor?.id && Date.parse(prev.at) - Date.parse(entry.at) <= TAG_RUN_GAP_MS;
    if (!continues) flush();
    if (isTagsOnly(entry)) run.push(entry);
    else out.push(entry);
  }
  flush();
  return out;
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
    return coalesceTagRuns(rows.map((r) => ({
      id: Number(r.id),
      action: r.action,
      actor: r.actor_id ? { id: r.actor_id, name: r.actor_name ?? 'Former user' } : null,
      from: r.from_state,
      to: r.to_state,
      note: r.note,
      data: JSON.parse(r.data) as Record<string, unknown>,
      at: r.created_at,
    })));
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
