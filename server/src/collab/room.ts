/**
 * One article's live document: its Y.Doc, awareness and connections. Applies what clients
 * send, hands accepted updates to the writer, broadcasts them once committed (encoded once for
 * all peers), keeps the articles row's headline/dek/word count current, and compacts the log.
 */
import * as Y from 'yjs';
import {
  Awareness,
  applyAwarenessUpdate,
  encodeAwarenessUpdate,
  removeAwarenessStates,
} from 'y-protocols/awareness';
import { bodyOf, bodyText, countWords, readMeta } from '@copydesk/shared';
import type { ArticleMeta } from '../articles/repo.js';
import type { DocStore, StoredDoc } from '../db/doc-store.js';
import type { Logger } from '../logger.js';
import {
  ProtocolError,
  encodeAwareness,
  encodePermissionDenied,
  encodeSyncStep1,
  encodeSyncStep2,
  encodeUpdate,
  type ClientMessage,
} from './protocol.js';
import type { CommitTarget, UpdateWriter } from './update-writer.js';
import { stampAwarenessUpdate, type PresenceIdentity } from './awareness.js';

/** What a room needs of a client connection. */
export interface Peer {
  readonly readOnly: boolean;
  refusedUpdates: boolean;
  readonly awarenessIds: Set<number>;
  /** Whose presence this connection shows (stamped on its awareness states). */
  readonly identity: PresenceIdentity;
  send(message: Uint8Array<ArrayBuffer>): void;
}

export interface RoomDeps {
  store: DocStore;
  writer: UpdateWriter;
  log: Logger;
  saveMeta(articleId: string, meta: ArticleMeta): Promise<void>;
  compactAfterUpdates: number;
  metaDelayMs?: number;
  activity?: ((roomId: string) => void) | undefined;
}

const LOADING = Symbol('loading');

export class Room implements CommitTarget {
  readonly doc = new Y.Doc();
  readonly awareness = new Awareness(this.doc);
  readonly peers = new Set<Peer>();
  /** Connections that hold or are about to hold this room; it unloads only at zero. */
  refs = 0;
  private lastSeq: number;
  private sinceSnapshot: number;
  private metaTimer: NodeJS.Timeout | undefined;
  private metaDirty = false;
  private compacting = false;
  private destroyed = false;

  constructor(
    readonly id: string,
    stored: StoredDoc,
    private readonly deps: RoomDeps,
  ) {
    this.doc.transact(() => {
      if (stored.snapshot) Y.applyUpdate(this.doc, stored.snapshot, LOADING);
      for (const u of stored.updates) Y.applyUpdate(this.doc, u, LOADING);
    }, LOADING);
    this.lastSeq = stored.lastSeq;
    this.sinceSnapshot = stored.updates.length;
    this.awareness.setLocalState(null);
    this.doc.on('update', (update: Uint8Array, origin: unknown) => {
      if (origin !== LOADING) this.deps.writer.enqueue(this, update, origin);
    });
    this.awareness.on('update', this.onAwarenessUpdate);
    if (this.sinceSnapshot >= deps.compactAfterUpdates) this.compact();
  }

  join(peer: Peer): void {
    this.peers.add(peer);
    peer.send(encodeSyncStep1(Y.encodeStateVector(this.doc)));
    const states = this.awareness.getStates();
    if (states.size > 0) peer.send(encodeAwareness(encodeAwarenessUpdate(this.awareness, [...states.keys()])));
  }

  leave(peer: Peer): void {
    if (!this.peers.delete(peer)) return;
    if (peer.awarenessIds.size > 0) removeAwarenessStates(this.awareness, [...peer.awarenessIds], null);
  }

  /** Applies one decoded client message. Throws ProtocolError for content Yjs cannot take. */
  handle(peer: Peer, msg: ClientMessage): void {
    switch (msg.type) {
      case 'sync-step1': {
        let reply: Uint8Array<ArrayBuffer>;
        try {
          reply = encodeSyncStep2(Y.encodeStateAsUpdate(this.doc, msg.stateVector));
        } catch {
          throw new ProtocolError('malformed state vector');
        }
        // Answer with committed state only: wait for updates still being written.
        if (this.deps.writer.pendingCount === 0) peer.send(reply);
        else void this.deps.writer.flushed().then(() => {
          if (this.peers.has(peer)) peer.send(encodeSyncStep2(Y.encodeStateAsUpdate(this.doc, msg.stateVector)));
        });
        return;
      }
      case 'sync-update':
        if (peer.readOnly) {
          peer.refusedUpdates = true;
          peer.send(encodePermissionDenied('This article is read-only for you.'));
          return;
        }
        try {
          Y.applyUpdate(this.doc, msg.update, peer);
        } catch {
          throw new ProtocolError('update could not be applied');
        }
        return;
      case 'awareness': {
        const stamped = stampAwarenessUpdate(msg.update, peer.identity, (clientId) => this.mayUse(peer, clientId));
        if (!stamped) return;
        try {
          applyAwarenessUpdate(this.awareness, stamped, peer);
        } catch {
          throw new ProtocolError('malformed awareness update');
        }
        return;
      }
      case 'query-awareness': {
        const states = this.awareness.getStates();
        if (states.size > 0) peer.send(encodeAwareness(encodeAwarenessUpdate(this.awareness, [...states.keys()])));
        return;
      }
      case 'auth':
        return;
    }
  }

  committed(update: Uint8Array, origin: unknown, seq: number): void {
    if (this.destroyed) return;
    this.lastSeq = Math.max(this.lastSeq, seq);
    this.sinceSnapshot++;
    const message = encodeUpdate(update);
    for (const peer of this.peers) if (peer !== origin) peer.send(message);
    this.scheduleMeta();
    this.deps.activity?.(this.id);
    if (this.sinceSnapshot >= this.deps.compactAfterUpdates) this.compact();
  }

  /** Writes a snapshot of the live doc that replaces every committed log entry. */
  compact(): Promise<void> {
    if (this.compacting) return Promise.resolve();
    this.compacting = true;
    return this.deps.writer.then(async () => {
      try {
        if (this.destroyed && this.sinceSnapshot === 0) return;
        const folded = this.sinceSnapshot;
        const upto = this.lastSeq;
        await this.deps.store.compact(this.id, Y.encodeStateAsUpdate(this.doc), upto);
        this.sinceSnapshot -= folded;
        this.deps.log.debug({ articleId: this.id, folded, upto }, 'compacted');
      } finally {
        this.compacting = false;
      }
    });
  }

  /** Saves headline, dek and word count now if anything was committed since the last save. */
  async saveMeta(): Promise<void> {
    clearTimeout(this.metaTimer);
    this.metaTimer = undefined;
    if (!this.metaDirty) return;
    this.metaDirty = false;
    const { headline, dek } = readMeta(this.doc);
    const meta: ArticleMeta = { headline, dek, wordCount: countWords(bodyText(bodyOf(this.doc))) };
    try {
      await this.deps.saveMeta(this.id, meta);
    } catch (err) {
      this.deps.log.error({ err, articleId: this.id }, 'could not save article metadata');
    }
  }

  private scheduleMeta(): void {
    this.metaDirty = true;
    this.metaTimer ??= setTimeout(() => void this.saveMeta(), this.deps.metaDelayMs ?? 1000);
  }

  /** Flushes what is outstanding before the room is dropped from memory. */
  async finalize(): Promise<void> {
    await this.deps.writer.flushed();
    await this.saveMeta();
    if (this.sinceSnapshot > 0) await this.compact();
  }

  destroy(): void {
    this.destroyed = true;
    clearTimeout(this.metaTimer);
    this.awareness.destroy();
    this.doc.destroy();
  }

  private readonly onAwarenessUpdate = (
    { added, updated, removed }: { added: number[]; updated: number[]; removed: number[] },
    origin: unknown,
  ): void => {
    const from = this.isPeer(origin) ? origin : undefined;
    if (from) {
      for (const id of added) from.awarenessIds.add(id);
      for (const id of removed) from.awarenessIds.delete(id);
    }
    const changed = added.concat(updated, removed);
    const message = encodeAwareness(encodeAwarenessUpdate(this.awareness, changed));
    // The sender gets its own state back too: y-websocket clients count any message as a sign
    // of life and reconnect after 30 s of silence, which a lone editor would otherwise hit.
    for (const peer of this.peers) peer.send(message);
  };

  /** A client id is usable by the peer that introduced it, or by anyone if nobody holds it. */
  private mayUse(peer: Peer, clientId: number): boolean {
    if (peer.awarenessIds.has(clientId)) return true;
    for (const other of this.peers) if (other !== peer && other.awarenessIds.has(clientId)) return false;
    return true;
  }

  private isPeer(origin: unknown): origin is Peer {
    return typeof origin === 'object' && origin !== null && this.peers.has(origin as Peer);
  }
}
