/**
 * One article's live document: its Y.Doc, awareness and connections. Applies what clients
 * send, hands accepted updates to the writer, broadcasts them once committed (encoded once for
 * all peers) and publishes them to the other nodes; applies what other nodes publish; keeps the
 * articles row's headline/dek/word count current, and compacts the log.
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
import type { Fanout, FanoutMessage } from './fanout.js';
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
  fanout: Fanout;
  compactAfterUpdates: number;
  metaDelayMs?: number;
  activity?: ((roomId: string) => void) | undefined;
}

/** Origin of what was read from the database while loading: already stored, nobody to tell. */
const LOADING = Symbol('loading');
/**
 * Origin of what another node accepted (or the database already holds): it is in the log
 * already, so it is broadcast to this node's peers at once and neither written nor published.
 */
const REMOTE = Symbol('remote');
/** Origin of the awareness removal when a peer leaves: other nodes must drop its cursors too. */
const LEFT = Symbol('left');

export class Room implements CommitTarget {
  readonly doc = new Y.Doc();
  readonly awareness = new Awareness(this.doc);
  readonly peers = new Set<Peer>();
  /** Connections that hold or are about to hold this room; it unloads only at zero. */
  refs = 0;
  /**
   * Log rows whose updates this doc holds and that no compaction of this room has folded yet.
   * Compaction folds exactly these: with several nodes, a lower seq may still be uncommitted or
   * on its way from another node, so "everything up to the highest seq seen" would be wrong.
   */
  private readonly applied = new Set<number>();
  private metaTimer: NodeJS.Timeout | undefined;
  private metaDirty = false;
  private compacting = false;
  private catchingUp: Promise<void> | undefined;
  private catchUpAgain = false;
  private destroyed = false;

  constructor(
    readonly id: string,
    stored: StoredDoc,
    private readonly deps: RoomDeps,
  ) {
    this.applyStored(stored, LOADING);
    this.awareness.setLocalState(null);
    this.doc.on('update', (update: Uint8Array, origin: unknown) => {
      if (origin === LOADING) return;
      if (origin === REMOTE) this.deliver(update, undefined);
      else this.deps.writer.enqueue(this, update, origin);
    });
    this.awareness.on('update', this.onAwarenessUpdate);
    this.maybeCompact();
  }

  join(peer: Peer): void {
    this.peers.add(peer);
    peer.send(encodeSyncStep1(Y.encodeStateVector(this.doc)));
    const states = this.awareness.getStates();
    if (states.size > 0) peer.send(encodeAwareness(encodeAwarenessUpdate(this.awareness, [...states.keys()])));
    // With several nodes, a join is often a client arriving from a node that just died, which
    // may have committed updates it never published: read the log back (cheap, coalesced).
    if (this.deps.fanout.linked) void this.catchUp();
  }

  leave(peer: Peer): void {
    if (!this.peers.delete(peer)) return;
    if (peer.awarenessIds.size > 0) removeAwarenessStates(this.awareness, [...peer.awarenessIds], LEFT);
  }

  /** Applies what another node published for this article. */
  receive(message: FanoutMessage): void {
    if (this.destroyed) return;
    switch (message.kind) {
      case 'update':
        try {
          Y.applyUpdate(this.doc, message.update, REMOTE);
        } catch (err) {
          this.deps.log.error({ err, articleId: this.id, seq: message.seq }, 'could not apply an update from another node');
          void this.catchUp();
          return;
        }
        this.applied.add(message.seq);
        this.maybeCompact();
        return;
      case 'awareness':
        try {
          applyAwarenessUpdate(this.awareness, message.update, REMOTE);
        } catch (err) {
          this.deps.log.warn({ err, articleId: this.id }, 'could not apply awareness from another node');
        }
        return;
      case 'resync':
        void this.catchUp();
        return;
    }
  }

  /**
   * Reads the article back from the database and applies what this doc lacks (broadcast to
   * the peers like any remote update). Runs when fan-out messages may have been missed; calls
   * that arrive meanwhile share one more read after the current one.
   */
  catchUp(): Promise<void> {
    if (this.catchingUp) {
      this.catchUpAgain = true;
      return this.catchingUp;
    }
    const run = async () => {
      do {
        this.catchUpAgain = false;
        try {
          const stored = await this.deps.store.load(this.id);
          if (this.destroyed) return;
          this.applyStored(stored, REMOTE);
        } catch (err) {
          this.deps.log.error({ err, articleId: this.id }, 'could not read the document back from the database');
        }
      } while (this.catchUpAgain && !this.destroyed);
      this.maybeCompact();
    };
    this.catchingUp = run().finally(() => {
      this.catchingUp = undefined;
    });
    return this.catchingUp;
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
    this.applied.add(seq);
    this.deliver(update, origin);
    this.deps.fanout.publish(this.id, { kind: 'update', seq, update });
    this.maybeCompact();
  }

  /**
   * Writes a snapshot of the live doc that replaces the log rows it holds. The snapshot stored
   * now (perhaps another node's, folding rows this doc has not received yet) is applied to the
   * doc first, so the new one holds everything the old one did.
   */
  compact(): Promise<void> {
    if (this.compacting) return Promise.resolve();
    this.compacting = true;
    return this.deps.writer.then(async () => {
      try {
        if (this.applied.size === 0) return;
        let folded: number[] = [];
        await this.deps.store.compact(this.id, (stored) => {
          if (stored) Y.applyUpdate(this.doc, stored, REMOTE);
          folded = [...this.applied];
          return { snapshot: Y.encodeStateAsUpdate(this.doc), folded };
        });
        for (const seq of folded) this.applied.delete(seq);
        this.deps.log.debug({ articleId: this.id, folded: folded.length }, 'compacted');
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
    if (this.applied.size > 0) await this.compact();
  }

  destroy(): void {
    this.destroyed = true;
    clearTimeout(this.metaTimer);
    this.awareness.destroy();
    this.doc.destroy();
  }

  /** An update that is now in the log: to every peer but its sender, and into the metadata. */
  private deliver(update: Uint8Array, origin: unknown): void {
    const message = encodeUpdate(update);
    for (const peer of this.peers) if (peer !== origin) peer.send(message);
    this.scheduleMeta();
    this.deps.activity?.(this.id);
  }

  private applyStored(stored: StoredDoc, origin: typeof LOADING | typeof REMOTE): void {
    // One transaction: one 'update' event, so peers get one message for the whole read.
    this.doc.transact(() => {
      if (stored.snapshot) Y.applyUpdate(this.doc, stored.snapshot, origin);
      for (const u of stored.updates) Y.applyUpdate(this.doc, u.data, origin);
    }, origin);
    for (const u of stored.updates) this.applied.add(u.seq);
  }

  private maybeCompact(): void {
    if (this.applied.size >= this.deps.compactAfterUpdates) void this.compact();
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
    const update = encodeAwarenessUpdate(this.awareness, changed);
    // Other nodes hear of this node's clients only ('timeout' removals happen on every node).
    if (from || origin === LEFT) this.deps.fanout.publish(this.id, { kind: 'awareness', update });
    const message = encodeAwareness(update);
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
