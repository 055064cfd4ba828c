/**
 * One client WebSocket: reads frames (buffering them while the room loads), enforces the
 * message rate, decodes, and hands messages to its room. Whatever a client sends, the worst
 * outcome is that this one socket closes with a code and a reason.
 */
import type { WebSocket } from 'ws';
import { CloseCode, type PersonRef } from '@copydesk/shared';
import type { Logger } from '../logger.js';
import type { CollabMetrics } from '../metrics.js';
import { ProtocolError, decodeClientMessage, encodeSaved } from './protocol.js';
import { Receipts } from './receipts.js';
import { RefusedUpdateError, type Peer, type Room } from './room.js';
import { handleMessage } from './messages.js';
import { directSocket, SharedMessage } from './ws-frame.js';

/** Who is on the other end: the account and the session the socket was opened with. */
export interface ConnectionAccount {
  userId: string;
  sessionId: string;
  identity: PersonRef;
}

export interface RateLimit {
  perSecond: number;
  burst: number;
}

/** Past this many bytes queued to a client that does not read, the client is dropped. */
const MAX_BUFFERED_BYTES = 16 * 1024 * 1024;

export class Connection implements Peer {
  readonly awarenessIds = new Set<number>();
  room: Room | undefined;
  alive = true;
  /** Some of this connection's updates were refused while it was read-only. */
  refusedUpdates = false;
  private pending: Uint8Array[] | undefined = [];
  private tokens: number;
  private refilledAt = Date.now();
  private closed = false;
  readonly receipts: Receipts | undefined;

  constructor(
    readonly ws: WebSocket,
    readonly articleId: string,
    readonly account: ConnectionAccount,
    public readOnly: boolean,
    private readonly log: Logger,
    private readonly rate: RateLimit,
    /** The client asked to be told which of its updates are stored (`?saved=1`). */
    receipts = false,
    private readonly metrics?: Pick<CollabMetrics, 'refusedUpdate'>,
  ) {
    this.tokens = rate.burst;
    this.receipts = receipts ? new Receipts((saved) => this.send(encodeSaved(saved))) : undefined;
  }

  get identity(): PersonRef {
    return this.account.identity;
  }

  /** The room is loaded: join it and replay what arrived meanwhile. */
  attach(room: Room): void {
    // Held even when this connection closed itself while the room loaded: its close event,
    // still to come, is what releases the room (without it, the room would never unload).
    this.room = room;
    if (this.closed) return;
    room.join(this);
    const pending = this.pending ?? [];
    this.pending = undefined;
    for (const frame of pending) {
      if (this.closed) break;
      this.process(frame);
    }
  }

  /**
   * One frame as received: its bytes (a view, possibly into a larger buffer: the decoder
   * copies what it keeps) or, for a text frame, its text.
   */
  receive(data: Uint8Array | string): void {
    if (this.closed) return;
    if (typeof data === 'string') {
      this.metrics?.refusedUpdate('malformed');
      this.close(CloseCode.malformed, 'text frames are not part of the protocol');
      return;
    }
    if (!this.take()) {
      this.metrics?.refusedUpdate('rate-limited');
      this.close(CloseCode.rateLimited, 'too many messages');
      return;
    }
    if (this.pending) {
      if (this.pending.length >= this.rate.burst) {
        this.metrics?.refusedUpdate('rate-limited');
        this.close(CloseCode.rateLimited, 'too many messages before sync');
      } else {
        this.pending.push(data.slice());
      }
      return;
    }
    this.process(data);
  }

  send(message: Uint8Array<ArrayBuffer> | SharedMessage): void {
    if (this.closed || this.ws.readyState !== this.ws.OPEN) return;
    if (this.ws.bufferedAmount > MAX_BUFFERED_BYTES) {
      this.close(CloseCode.rateLimited, 'client is not reading');
      return;
    }
    if (message instanceof SharedMessage) {
      const socket = directSocket(this.ws);
      if (socket) socket.write(message.wire());
      else this.ws.send(message.payload);
    } else {
      this.ws.send(message);
    }
  }

  sendAll(messages: readonly SharedMessage[]): void {
    if (this.closed || this.ws.readyState !== this.ws.OPEN) return;
    const socket = directSocket(this.ws);
    if (!socket || this.ws.bufferedAmount > MAX_BUFFERED_BYTES) {
      for (const m of messages) this.send(m);
      return;
    }
    socket.write(Buffer.concat(messages.map((m) => m.wire())));
  }

  close(code: number, reason: string): void {
    if (this.closed) return;
    this.closed = true;
    this.log.debug({ articleId: this.articleId, code, reason }, 'closing connection');
    try {
      this.ws.close(code, reason.slice(0, 120));
    } catch {
      this.ws.terminate();
    }
  }

  /** The socket is gone: leave the room. Safe to call more than once. */
  detach(): void {
    this.closed = true;
    this.pending = undefined;
    this.room?.leave(this);
  }

  private process(frame: Uint8Array): void {
    try {
      handleMessage(this.room!, this, decodeClientMessage(frame));
    } catch (err) {
      if (err instanceof ProtocolError) {
        this.metrics?.refusedUpdate('malformed');
        this.close(CloseCode.malformed, err.message);
      } else if (err instanceof RefusedUpdateError) {
        this.close(CloseCode.refused, err.message);
      } else {
        this.log.error({ err, articleId: this.articleId }, 'unexpected error handling a message');
        this.close(CloseCode.serverError, 'server error');
      }
    }
  }

  /** Token bucket: `burst` at once, refilled at `perSecond`. */
  private take(): boolean {
    const now = Date.now();
    const refill = ((now - this.refilledAt) / 1000) * this.rate.perSecond;
    if (refill >= 1) {
      this.tokens = Math.min(this.rate.burst, this.tokens + refill);
      this.refilledAt = now;
    }
    if (this.tokens < 1) return false;
    this.tokens--;
    return true;
  }
}
