/**
 * The collaboration service: accepts WebSockets for an article, ties each to its room, pings
 * idle sockets, and shuts down cleanly (every socket closed with a code, every write committed).
 */
import type { WebSocket } from 'ws';
import { CloseCode } from '@copydesk/shared';
import type { ArticleMeta } from '../articles/repo.js';
import type { DocStore } from '../db/doc-store.js';
import type { Logger } from '../logger.js';
import { Connection, type RateLimit } from './connection.js';
import { localFanout, type Fanout } from './fanout.js';
import { OverloadedError, Rooms } from './rooms.js';
import { UpdateWriter } from './update-writer.js';

export interface CollabOptions {
  store: DocStore;
  log: Logger;
  saveMeta(articleId: string, meta: ArticleMeta): Promise<void>;
  compactAfterUpdates: number;
  maxDocuments: number;
  rateLimit: RateLimit;
  /** How this node hears of and tells other nodes' edits; a lone node by default. */
  fanout?: Fanout;
  heartbeatMs?: number;
}

export class Collab {
  readonly writer: UpdateWriter;
  readonly rooms: Rooms;
  private readonly connections = new Set<Connection>();
  private readonly heartbeat: NodeJS.Timeout;
  private closing = false;

  constructor(private readonly options: CollabOptions) {
    this.writer = new UpdateWriter(options.store, options.log);
    this.rooms = new Rooms({ ...options, fanout: options.fanout ?? localFanout, writer: this.writer });
    this.heartbeat = setInterval(() => this.ping(), options.heartbeatMs ?? 30_000);
    this.heartbeat.unref();
  }

  get connectionCount(): number {
    return this.connections.size;
  }

  /** Takes over an accepted WebSocket for `articleId`; returns the handlers for its events. */
  open(ws: WebSocket, articleId: string, access: { readOnly: boolean }): Connection {
    const conn = new Connection(ws, articleId, access.readOnly, this.options.log, this.options.rateLimit);
    if (this.closing) {
      conn.close(CloseCode.goingAway, 'server is shutting down');
      return conn;
    }
    this.connections.add(conn);
    ws.on('pong', () => {
      conn.alive = true;
    });
    this.rooms.acquire(articleId).then(
      (room) => {
        if (!this.connections.has(conn)) {
          this.rooms.release(room);
          return;
        }
        conn.attach(room);
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
    const room = conn.room;
    conn.detach();
    if (room) this.rooms.release(room);
  }

  async shutdown(): Promise<void> {
    this.closing = true;
    clearInterval(this.heartbeat);
    for (const conn of this.connections) conn.close(CloseCode.goingAway, 'server is restarting');
    for (const conn of [...this.connections]) this.closed(conn);
    await this.writer.flushed();
    await this.rooms.unloadAll();
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
