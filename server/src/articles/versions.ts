/**
 * Versions: full snapshots of an article's document, taken at every workflow transition, every
 * few minutes of editing, and on demand with a name. They can be previewed, compared (word-level
 * insertions and deletions) and restored — a restore is a new change on top, never a rewrite,
 * and keeps the text it replaces as a version of its own.
 */
import type { Kysely } from 'kysely';
import * as Y from 'yjs';
import type { Comparison, VersionContent, VersionInfo } from '@copydesk/shared';
import { bodyOf, bodyText, comparableBody, countWords, dekOf, fragmentToJSON, headlineOf, readMeta, restoreFragment, spliceText } from '@copydesk/shared';
import { removeDeepParts } from '../collab/deep-body.js';
import { nowIso } from '../db/database.js';
import type { DB, VersionsTable } from '../db/schema.js';
import type { Collab } from '../collab/collab.js';
import type { ComparableText, Comparisons } from './comparisons.js';

export class VersionNotFoundError extends Error {
  override name = 'VersionNotFoundError';
}

/** Versions are numbered from 1 per article. */
export function isVersionNumber(n: number): boolean {
  return Number.isInteger(n) && n >= 1;
}

/** Minutes of editing between automatic versions. */
export const AUTO_VERSION_MS = 5 * 60 * 1000;

export class Versions {
  private readonly lastAuto = new Map<string, number>();

  constructor(
    private readonly db: Kysely<DB>,
    private readonly collab: Collab,
    private readonly comparisons: Comparisons,
  ) {}

  /** Snapshots the live document as a new version; returns its number. */
  async save(articleId: string, v: NewVersion): Promise<number> {
    const content = await this.collab.withDoc(articleId, capture);
    this.lastAuto.set(articleId, Date.now());
    return this.store(articleId, v, content);
  }

  /** Stores a snapshot as the article's next version; returns its number. */
  private async store(articleId: string, v: NewVersion, content: Captured): Promise<number> {
    // Numbers are max + 1 per article. Two saves racing on PostgreSQL (several nodes, or a pool)
    // can pick the same number; the unique key refuses the second, which then takes the next.
    for (let attempt = 1; ; attempt++) {
      try {
        return await this.insert(articleId, v, content);
      } catch (err) {
        if (attempt >= 10) throw err;
      }
    }
  }

  private insert(articleId: string, v: NewVersion, content: Captured): Promise<number> {
    return this.db.transaction().execute(async (trx) => {
      const max = await trx
        .selectFrom('versions')
        .select((eb) => eb.fn.max<number>('n').as('n'))
        .where('article_id', '=', articleId)
        .executeTakeFirst();
      const n = Number(max?.n ?? 0) + 1;
      await trx
        .insertInto('versions')
        .values({
          article_id: articleId,
          n,
          kind: v.kind,
          name: v.name ?? '',
          action: v.action ?? null,
          state: v.state,
          headline: content.headline,
          word_count: content.wordCount,
          snapshot: Buffer.from(content.snapshot),
          created_by: v.actorId,
          created_at: nowIso(),
        })
        .execute();
      return n;
    });
  }

  /** Called on committed edits: takes an automatic version after a stretch of activity. */
  activity(articleId: string, state: () => Promise<string | undefined>): void {
    const last = this.lastAuto.get(articleId);
    const now = Date.now();
    if (last === undefined) {
      this.lastAuto.set(articleId, now);
      return;
    }
    if (now - last < AUTO_VERSION_MS) return;
    this.lastAuto.set(articleId, now);
    void state().then((s) => (s ? this.save(articleId, { kind: 'auto', state: s, actorId: null }) : undefined));
  }

  async list(articleId: string): Promise<VersionInfo[]> {
    const rows = await this.db
      .selectFrom('versions')
      .leftJoin('users', 'users.id', 'versions.created_by')
      .select([
        'versions.n as n',
        'versions.kind as kind',
        'versions.name as name',
        'versions.action as action',
        'versions.state as state',
        'versions.headline as headline',
        'versions.word_count as word_count',
        'versions.created_by as by_id',
        'users.display_name as by_name',
        'versions.created_at as at',
      ])
      .where('versions.article_id', '=', articleId)
      .orderBy('versions.n', 'desc')
      .execute();
    return rows.map((r) => ({
      n: Number(r.n),
      kind: r.kind,
      name: r.name,
      action: r.action,
      state: r.state,
      headline: r.headline,
      wordCount: Number(r.word_count),
      by: r.by_id ? { id: r.by_id, name: r.by_name ?? 'Former user' } : null,
      at: r.at,
    }));
  }

  /** The latest version saved by a transition with `action` (e.g. the last submit). */
  async latestFor(articleId: string, action: string): Promise<number | null> {
    const row = await this.db
      .selectFrom('versions')
      .select('n')
      .where('article_id', '=', articleId)
      .where('action', '=', action)
      .orderBy('n', 'desc')
      .executeTakeFirst();
    return row ? Number(row.n) : null;
  }

  /**
   * What "Changes since submitted" compares with: the latest submission, or, once the article
   * was sent back to draft (changes requested, or reopened) and submitted again, the version
   * taken when it was sent back. The editor then sees what the writer changed in answer, not a
   * comparison with the resubmission itself (nothing) or with the first submission (which would
   * mix in the editor's own edits made during the first review).
   */
  async reviewBase(articleId: string): Promise<number | null> {
    const submitted = await this.latestFor(articleId, 'submit');
    if (submitted === null) return null;
    const sentBack = await this.db
      .selectFrom('versions')
      .select('n')
      .where('article_id', '=', articleId)
      .where('action', 'in', ['request_changes', 'reopen'])
      .where('n', '<', submitted)
      .orderBy('n', 'desc')
      .executeTakeFirst();
    return sentBack ? Number(sentBack.n) : submitted;
  }

  async content(articleId: string, n: number): Promise<VersionContent> {
    return withVersionDoc(await this.snapshot(articleId, n), readContent);
  }

  /** Compares version `a` with version `b` (or the live document when b is 'current'). */
  async compare(articleId: string, a: number, b: number | 'current'): Promise<Comparison> {
    const before = withVersionDoc(await this.snapshot(articleId, a), readComparable);
    const after =
      b === 'current'
        ? await this.collab.withDoc(articleId, readComparable)
        : withVersionDoc(await this.snapshot(articleId, b), readComparable);
    return this.comparisons.compare(before, after);
  }

  /**
   * Makes the live document say what version `n` said, as a new change everyone receives, and
   * keeps the text it replaces as a version ("Before restoring version n"). Both are taken from
   * the live document in one synchronous step, so every edit the server accepted before the
   * restore is in that version, and every edit after it lands on the restored text: none falls
   * between the two (as it could when the client saved first and restored in a second request).
   */
  async restore(articleId: string, n: number, v: { state: string; actorId: string | null }): Promise<{ before: number; restored: number }> {
    const snapshot = await this.snapshot(articleId, n);
    const old = new Y.Doc();
    Y.applyUpdate(old, snapshot);
    try {
      // Synchronous from the first capture to the last: no client's update comes in between.
      const [before, after] = await this.collab.editDoc(articleId, (doc, transact) => {
        const kept = capture(doc);
        // A body stored before the depth limit may be too deep to delete in one transaction.
        removeDeepParts(bodyOf(doc), transact);
        transact(() => replaceContent(doc, old));
        return [kept, capture(doc)] as const;
      });
      this.lastAuto.set(articleId, Date.now());
      return {
        before: await this.store(articleId, { kind: 'named', name: `Before restoring version ${n}`, ...v }, before),
        restored: await this.store(articleId, { kind: 'restore', name: `Restored version ${n}`, ...v }, after),
      };
    } finally {
      old.destroy();
    }
  }

  private async snapshot(articleId: string, n: number): Promise<Uint8Array> {
    const row = await this.db.selectFrom('versions').select('snapshot').where('article_id', '=', articleId).where('n', '=', n).executeTakeFirst();
    if (!row) throw new VersionNotFoundError(`version ${n}`);
    return new Uint8Array(row.snapshot);
  }
}

export interface NewVersion {
  kind: VersionsTable['kind'];
  name?: string;
  action?: string | null;
  state: string;
  actorId: string | null;
}

interface Captured {
  snapshot: Uint8Array;
  headline: string;
  wordCount: number;
}

function capture(doc: Y.Doc): Captured {
  return { snapshot: Y.encodeStateAsUpdate(doc), headline: readMeta(doc).headline, wordCount: countWords(bodyText(bodyOf(doc))) };
}

/**
 * Makes the headline, dek and body of `doc` what `source` says, changing only what differs (so
 * words typed meanwhile into text that stays survive: restore.ts in shared).
 */
function replaceContent(doc: Y.Doc, source: Y.Doc): void {
  restoreFragment(bodyOf(doc), bodyOf(source));
  spliceText(headlineOf(doc), headlineOf(source).toString());
  spliceText(dekOf(doc), dekOf(source).toString());
}

function withVersionDoc<T>(snapshot: Uint8Array, read: (doc: Y.Doc) => T): T {
  const doc = new Y.Doc();
  try {
    Y.applyUpdate(doc, snapshot);
    return read(doc);
  } finally {
    doc.destroy();
  }
}

function readContent(doc: Y.Doc): VersionContent {
  return { headline: headlineOf(doc).toString(), dek: dekOf(doc).toString(), body: fragmentToJSON(bodyOf(doc)) };
}

function readComparable(doc: Y.Doc): ComparableText {
  return { headline: headlineOf(doc).toString(), dek: dekOf(doc).toString(), body: comparableBody(fragmentToJSON(bodyOf(doc))) };
}
