/**
 * The collaboration service: accepts WebSockets for an article, ties each to its room, pings
 * idle sockets, and shuts down cleanly (every socket closed with a code, every write committed).
 */
import type { WebSocket } from 'ws';
import type * as Y from 'yjs';
import { CloseCode, type PersonRef } from '@copydesk/shared';
import type { ArticleMeta } from '../articles/repo.js';
import type { SeatChanges } from '../presence/presence.js';
import type { DocStore } from '../db/doc-store.js';
import { guarded, type Logger } from '../logger.js';
import { Connection, type ConnectionAccount, type RateLimit } from './connection.js';
import { localFanout, type Fanout } from './fanout.js';
import { OverloadedError, Rooms } from './rooms.js';
import type { CollabMetrics, CommitLatency } from '../metrics.js';
import { UpdateWriter } from './update-writer.js';
import { SERVER } from './origins.js';
import type { DocumentLimits, UpdateVerdictKind } from './update-rules.js';

export interface CollabOptions {
  store: DocStore;
  log: Logger;
  saveMeta(articleId: string, meta: ArticleMeta): Promise<void>;
  /** What the article row holds now (read when a room loads). */
  savedMeta?(articleId: string): Promise<ArticleMeta | undefined>;
  compactAfterUpdates: number;
  /** See UpdateWriter; 0 commits every tick. */
  groupCommitMs?: number;
  maxDocuments: number;
  /** What a client update may do to a document (update-rules.ts). */
  limits: DocumentLimits;
  /** Articles and sockets one person may have open at once on this node. */
  perPerson?: { articles: number; connections: number };
  /** A client update was refused, by kind (metrics). */
  onRefused?(kind: UpdateVerdictKind | 'read-only'): void;
  rateLimit: RateLimit;
  /** How this node hears of and tells other nodes' edits; a lone node by default. */
  fanout?: Fanout;
  heartbeatMs?: number;
  /** Measures accepted-to-committed time of every update (benchmarks only). */
  commitLatency?: CommitLatency;
  /** Prometheus counters for edits, commits and refusals; undefined when metrics are off. */
  metrics?: CollabMetrics | undefined;
  /** A user's current rights on an article (re-checked when state or assignments change). */
  standing(userId: string, articleId: string): Promise<{ open: boolean; canEdit: boolean }>;
  /** Told who joins and leaves each article's room (who is editing). */
  presence: SeatChanges;
}


export class Collab {
  readonly writer: UpdateWriter;
  readonly rooms: Rooms;
  private readonly connections = new Set<Connection>();
  /** The same connections by article: access checks touch one article's only. */
  private readonly byArticle = new Map<string, Set<Connection>>();
  /** The same connections by account: one person cannot hold every room of the node. */
  private readonly byUser = new Map<string, Set<Connection>>();
  private readonly heartbeat: NodeJS.Timeout;
  private readonly activityListeners: ((articleId: string) => void)[] = [];
  private closing = false;

  constructor(private readonly options: CollabOptions) {
    this.writer = new UpdateWriter(options.store, options.log, {
      groupCommitMs: options.groupCommitMs,
      latency: options.commitLatency,
      metrics: options.metrics,
    });
    this.rooms = new Rooms({
      ...options,
      fanout: options.fanout ?? localFanout,
      writer: this.writer,
      activity: (articleId) => {
        for (const listener of this.activityListeners) listener(articleId);
      },
      refused: options.onRefused,
    });
    this.heartbeat = setInterval(guarded(options.log, { task: 'heartbeat' }, () => this.ping()), options.heartbeatMs ?? 30_000);
    this.heartbeat.unref();
  }

  /**
   * Hears of every update that reaches an article's log (periodic versions). Registered, not an
   * option: what listens (Versions) is built on Collab.
   */
  onActivity(listener: (articleId: string) => void): void {
    this.activityListeners.push(listener);
  }

  get connectionCount(): number {
    return this.connections.size;
  }

  /** Takes over an accepted WebSocket for `articleId`; returns the handlers for its events. */
  open(ws: WebSocket, articleId: string, access: { readOnly: boolean; account: ConnectionAccount; receipts?: boolean }): Connection {
    const { log, rateLimit, metrics } = this.options;
    const conn = new Connection(ws, articleId, access.account, access.readOnly, log, rateLimit, access.receipts, metrics);
    if (this.closing) {
      conn.close(CloseCode.goingAway, 'server is shutting down');
      return conn;
    }
    const over = this.overPersonalLimit(access.account.userId, articleId);
    if (over) {
      conn.close(CloseCode.tooManyOpen, over);
      return conn;
    }
    this.connections.add(conn);
    let mine = this.byUser.get(access.account.userId);
    if (!mine) this.byUser.set(access.account.userId, (mine = new Set()));
    mine.add(conn);
    let forArticle = this.byArticle.get(articleId);
    if (!forArticle) this.byArticle.set(articleId, (forArticle = new Set()));
    forArticle.add(conn);
    ws.on('pong', () => {
      conn.alive = true;
    });
    this.rooms.acquire(articleId).then(
      (room) => {
        if (!this.connections.has(conn)) {
          this.rooms.release(room);
          return;
        }
        // Attached (holding the room) even if it closed itself meanwhile: its close event, still
        // to come, releases the room and says it left, so it is counted as joined here too.
        conn.attach(room);
        this.options.presence.joined(articleId, conn);
      },
      (err: unknown) => {
        if (err instanceof OverloadedError) {
          conn.close(CloseCode.overloaded, 'too many open documents');
        } else {
          this.options.log.error({ err, articleId }, 'could not load document');
          conn.close(CloseCode.serverError, 'could not load document');
        }
      },
    );
    return conn;
  }

  /** The socket closed: leave the room and let it unload if it was the last. */
  closed(conn: Connection): void {
    if (!this.connections.delete(conn)) return;
    const mine = this.byUser.get(conn.account.userId);
    mine?.delete(conn);
    if (mine?.size === 0) this.byUser.delete(conn.account.userId);
    const forArticle = this.byArticle.get(conn.articleId);
    forArticle?.delete(conn);
    if (forArticle?.size === 0) this.byArticle.delete(conn.articleId);
    const room = conn.room;
    conn.detach();
    if (room) {
      this.rooms.release(room);
      this.options.presence.left(conn.articleId, conn);
    }
  }

  /**
   * Runs `fn` on the article's live document (loading it if needed). Changes made inside are
   * ordinary updates: committed to the log, then broadcast to everyone editing.
   */
  async withDoc<T>(articleId: string, fn: (doc: Y.Doc) => T): Promise<T> {
    return this.editDoc(articleId, (doc, transact) => {
      let result: T | undefined;
      transact(() => {
        result = fn(doc);
      });
      return result as T;
    });
  }

  /**
   * Like withDoc, for changes made in several transactions (`transact`, each one update): a
   * body nested too deep for Yjs to delete in one go is removed in steps (deep-body.ts).
   */
  async editDoc<T>(articleId: string, fn: (doc: Y.Doc, transact: (change: () => void) => void) => T): Promise<T> {
    const room = await this.rooms.acquire(articleId);
    try {
      const result = fn(room.doc, (change) => room.doc.transact(change, SERVER));
      await this.writer.flushed();
      return result;
    } finally {
      this.rooms.release(room);
    }
  }

  /**
   * Saves the article row's metadata from the live document now, instead of a second after the
   * last edit: a transition (publishing above all) reads the slug from the row. A document not
   * open here saved its row when it unloaded; with other nodes it may be open there, a save
   * still pending, so it is loaded and saved from what they committed.
   */
  async saveMetaNow(articleId: string): Promise<void> {
    if (!this.rooms.get(articleId) && !(this.options.fanout?.linked ?? false)) return;
    const room = await this.rooms.acquire(articleId);
    try {
      await this.writer.flushed();
      await room.saveMetaNow();
    } finally {
      this.rooms.release(room);
    }
  }

  /** Closes every socket opened with one of these sessions (logout, revocation). */
  revokeSessions(sessionIds: readonly string[]): void {
    if (sessionIds.length === 0) return;
    const ids = new Set(sessionIds);
    for (const conn of this.connections) {
      if (ids.has(conn.account.sessionId)) conn.close(CloseCode.unauthorized, 'session ended');
    }
  }

  /**
   * Re-checks the sockets on an article (optionally one user's) after its state or assignees
   * changed: those that lost access close with 4403, the others turn read-only or writable.
   */
  async refreshAccess(articleId: string, userId?: string): Promise<void> {
    const conns = [...(this.byArticle.get(articleId) ?? [])].filter((c) => !userId || c.account.userId === userId);
    const byUser = new Map<string, Promise<{ open: boolean; canEdit: boolean }>>();
    for (const conn of conns) {
      const uid = conn.account.userId;
      if (!byUser.has(uid)) byUser.set(uid, this.options.standing(uid, articleId));
    }
    for (const conn of conns) {
      const { open, canEdit } = await byUser.get(conn.account.userId)!;
      if (!open) conn.close(CloseCode.forbidden, 'access to this article was removed');
      else if (canEdit && conn.readOnly && conn.refusedUpdates) {
        // Its copy holds changes the server refused; later updates would build on them and
        // stall. A reconnect's sync sends them again, and now they are accepted.
        conn.close(CloseCode.resync, 'writable again; resynchronising');
      } else conn.readOnly = !canEdit;
    }
  }

  /** A person's name or colour changed: their presence shows it from their next update. */
  refreshIdentity(user: PersonRef): void {
    for (const conn of this.connections) {
      if (conn.account.userId === user.id) conn.account.identity = { id: user.id, name: user.name, color: user.color };
    }
  }

  async shutdown(): Promise<void> {
    this.closing = true;
    clearInterval(this.heartbeat);
    for (const conn of this.connections) conn.close(CloseCode.goingAway, 'server is restarting');
    for (const conn of [...this.connections]) this.closed(conn);
    await this.writer.flushed();
    await this.rooms.unloadAll();
  }

  /**
   * Why this person may not open another socket on `articleId`, if they may not: one account
   * (a compromised one, a runaway script) must not open every document the node can hold.
   */
  private overPersonalLimit(userId: string, articleId: string): string | undefined {
    const limits = this.options.perPerson;
    const mine = this.byUser.get(userId);
    if (!limits || !mine) return undefined;
    if (mine.size >= limits.connections) return `at most ${limits.connections} connections per person`;
    const articles = new Set<string>();
    for (const c of mine) articles.add(c.articleId);
    if (!articles.has(articleId) && articles.size >= limits.articles) return `at most ${limits.articles} articles open per person`;
    return undefined;
  }

  private ping(): void {
    for (const conn of this.connections) {
      if (!conn.alive) {
        conn.ws.terminate();
        continue;
      }
      conn.alive = false;
      conn.ws.ping();
    }
  }
}
