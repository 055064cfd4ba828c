/**
 * One article's live document: its Y.Doc and its connections (their presence is awareness.ts).
 * Applies what clients send, hands accepted updates to the writer, broadcasts them once committed
 * (encoded once for all peers) and publishes them to the other nodes; applies what other nodes
 * publish; keeps the articles row's headline/dek/word count current, and compacts the log.
 */
import * as Y from 'yjs';
import { bodyOf, bodyText, countWords, readMeta } from '@copydesk/shared';
import type { ArticleMeta } from '../articles/repo.js';
import type { DocStore, StoredDoc } from '../db/doc-store.js';
import type { Logger } from '../logger.js';
import {
  ProtocolError,
  encodeSyncStep1,
  encodeSyncStep2,
  encodeUpdate,
} from './protocol.js';
import { LOADING, REMOTE, type Origin } from './origins.js';
import type { Fanout, FanoutMessage } from './fanout.js';
import type { CommitTarget, UpdateWriter } from './update-writer.js';
import { RoomPresence, type PresencePeer } from './awareness.js';
import { MetaSaver } from './room-meta.js';
import { LogLedger } from './log-ledger.js';
import { SharedMessage } from './ws-frame.js';
import type { Receipts } from './receipts.js';
import { addsNothing, isEmptyUpdate } from './update-check.js';
import { checkUpdate, type DocumentLimits, type UpdateVerdictKind } from './update-rules.js';

/** What a room needs of a client connection. */
export interface Peer extends PresencePeer {
  readonly readOnly: boolean;
  refusedUpdates: boolean;
  /** Sends one message; a SharedMessage is the same message for several peers (framed once). */
  send(message: Uint8Array<ArrayBuffer> | SharedMessage): void;
  /** Sends several shared messages in order, in one write where the transport allows. */
  sendAll(messages: readonly SharedMessage[]): void;
  /** Save receipts, when the client asked for them (receipts.ts). */
  readonly receipts?: Receipts | undefined;
}

export interface RoomDeps {
  store: DocStore;
  writer: UpdateWriter;
  log: Logger;
  saveMeta(articleId: string, meta: ArticleMeta): Promise<void>;
  /** What the article row holds now (read when a room loads). */
  savedMeta?(articleId: string): Promise<ArticleMeta | undefined>;
  fanout: Fanout;
  compactAfterUpdates: number;
  metaDelayMs?: number;
  /** How often edits that change no metadata still mark the article as edited (room-meta.ts). */
  metaTouchMs?: number;
  activity?: ((roomId: string) => void) | undefined;
  /** What a client update may do to a document (update-rules.ts). */
  limits: DocumentLimits;
  /** A client update was refused (for metrics). */
  refused?: ((kind: UpdateVerdictKind | 'read-only') => void) | undefined;
}

/** Thrown for an update that does not fit the article: the connection closes with 4422. */
export class RefusedUpdateError extends Error {
  override name = 'RefusedUpdateError';
}

/** Marks the transaction of `apply`, which decides itself what becomes of the change. */
const APPLYING = Symbol('applying');

/**
 * What became of a client's update: applied and handed to the writer (relayed and confirmed
 * once committed), nothing new in it (a reader's answer to the sync request, a repeat), or not
 * taken, and why (messages.ts tells the sender and counts the save receipt from it).
 */
export type UpdateOutcome = 'stored' | 'nothing' | { kind: UpdateVerdictKind | 'read-only'; reason: string };

function sameBytes(a: Uint8Array | null, b: Uint8Array | null): boolean {
  if (a === b) return true;
  if (!a || !b || a.length !== b.length) return false;
  return Buffer.from(a.buffer, a.byteOffset, a.length).equals(b);
}

function isEmptyStateVector(sv: Uint8Array): boolean {
  return sv.length === 1 && sv[0] === 0;
}

/** Whether a transaction added structs or deleted anything. */
function changedBy(tr: Y.Transaction): boolean {
  if (tr.deleteSet.clients.size > 0) return true;
  for (const [client, clock] of tr.afterState) if (tr.beforeState.get(client) !== clock) return true;
  return false;
}

export class Room implements CommitTarget {
  private readonly ydoc = new Y.Doc();
  readonly peers = new Set<Peer>();
  readonly presence = new RoomPresence(this.ydoc, this.peers, (update) =>
    this.deps.fanout.publish(this.id, { kind: 'awareness', update }),
  );
  /**
   * A stored snapshot not applied to the doc yet. A room loaded with an empty log answers its
   * first reader with the snapshot as stored (see `pristine`) and builds the doc only when
   * something needs it: opening a long article does not wait for Yjs to build it.
   */
  private unbuilt: Uint8Array | null = null;
  /** Connections that hold or are about to hold this room; it unloads only at zero. */
  refs = 0;
  /** The log rows this doc holds that no compaction has folded, and the stored size. */
  private readonly ledger: LogLedger;
  /** Committed updates not sent yet: the writer calls afterCommit once per commit. */
  private outbox: { message: SharedMessage; origin: Origin | undefined }[] = [];
  private readonly meta: MetaSaver;
  private compacting = false;
  private catchingUp: Promise<void> | undefined;
  private catchUpAgain = false;
  private destroyed = false;

  constructor(
    readonly id: string,
    stored: StoredDoc,
    private readonly deps: RoomDeps,
    /** What the article row held when the room loaded, if known: no save until it differs. */
    saved?: ArticleMeta,
  ) {
    this.meta = new MetaSaver(
      {
        articleId: id,
        read: () => ({ ...readMeta(this.doc), wordCount: countWords(bodyText(bodyOf(this.doc))) }),
        save: deps.saveMeta,
        log: deps.log,
        delayMs: deps.metaDelayMs,
        touchMs: deps.metaTouchMs,
      },
      saved,
    );
    this.ledger = new LogLedger(stored.snapshot?.length ?? 0);
    if (stored.updates.length === 0 && stored.snapshot) this.unbuilt = stored.snapshot;
    else this.applyStored(stored, LOADING);
    this.pristine = stored.updates.length === 0 ? stored.snapshot : null;
    // No 'update' listener: with one, Yjs encodes every transaction afresh. An update from a
    // client or another node is stored and relayed as it was received (see `apply`); only
    // the server's own changes are encoded here.
    this.ydoc.on('afterTransaction', this.afterTransaction);
    this.maybeCompact();
  }

  /** The article's document (built from the stored snapshot at first use). */
  get doc(): Y.Doc {
    if (this.unbuilt) {
      const snapshot = this.unbuilt;
      this.unbuilt = null;
      Y.applyUpdate(this.ydoc, snapshot, LOADING);
    }
    return this.ydoc;
  }

  /** Whether the Y.Doc has been built (a room only read from never builds it). */
  get built(): boolean {
    return this.unbuilt === null;
  }

  join(peer: Peer): void {
    this.peers.add(peer);
    // Asking what the client has needs the doc's state vector; with the doc not built yet, it is
    // read from the stored snapshot (struct headers only) instead of building the doc for it.
    const stateVector = this.unbuilt ? Y.encodeStateVectorFromUpdate(this.unbuilt) : Y.encodeStateVector(this.doc);
    peer.send(encodeSyncStep1(stateVector));
    this.presence.sendAll(peer);
    // With several nodes, a join is often a client arriving from a node that just died, which
    // may have committed updates it never published: read the log back (cheap, coalesced).
    if (this.deps.fanout.linked) void this.catchUp();
  }

  leave(peer: Peer): void {
    if (this.peers.delete(peer)) this.presence.left(peer);
  }

  /** Applies what another node published for this article. */
  receive(message: FanoutMessage): void {
    if (this.destroyed) return;
    switch (message.kind) {
      case 'update':
        try {
          // Already in the log: relayed to this node's peers as it came, never written again.
          if (this.apply(message.update, REMOTE)) this.deliver(message.update);
        } catch (err) {
          this.deps.log.error({ err, articleId: this.id, seq: message.seq }, 'could not apply an update from another node');
          void this.catchUp();
          return;
        }
        this.ledger.add(message.seq, message.update.length);
        this.maybeCompact();
        return;
      case 'awareness':
        try {
          this.presence.fromNode(message.update);
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

  /**
   * Answers a client's sync request with what it lacks, once committed. A new reader of a
   * document unchanged since it was loaded gets the stored snapshot as it is (already encoded:
   * opening a long article skips encoding it again). Throws ProtocolError for a bad state vector.
   */
  answerSync(peer: Peer, stateVector: Uint8Array): void {
    if (this.pristine && isEmptyStateVector(stateVector)) {
      peer.send(encodeSyncStep2(this.pristine));
      return;
    }
    let reply: Uint8Array<ArrayBuffer>;
    try {
      reply = encodeSyncStep2(Y.encodeStateAsUpdate(this.doc, stateVector));
    } catch {
      throw new ProtocolError('malformed state vector');
    }
    // Answer with committed state only: wait for updates still being written.
    if (this.deps.writer.pendingCount === 0) peer.send(reply);
    else void this.deps.writer.flushed().then(() => {
      if (this.peers.has(peer)) peer.send(encodeSyncStep2(Y.encodeStateAsUpdate(this.doc, stateVector)));
    });
  }

  /**
   * A client's update (an edit, or its answer to the sync request): checked against the rules
   * (update-rules.ts), applied, and handed to the writer when it changed anything; broadcast
   * once committed. Nothing of a refused update is applied, stored or relayed.
   */
  receiveUpdate(peer: Peer, update: Uint8Array): UpdateOutcome {
    if (isEmptyUpdate(update)) return 'nothing';
    if (peer.readOnly) {
      // Its answer to our sync request, with nothing new in it, is not an edit to refuse.
      if (addsNothing(this.doc, update)) return 'nothing';
      return { kind: 'read-only', reason: 'This article is read-only for you.' };
    }
    const verdict = checkUpdate(this.doc, update, this.deps.limits, this.storedBytes);
    if (!verdict.ok) return verdict;
    let relay: boolean;
    try {
      relay = this.apply(update, peer);
    } catch {
      throw new ProtocolError('update could not be applied');
    }
    if (!relay) return 'nothing';
    this.deps.writer.enqueue(this, update, peer);
    return 'stored';
  }

  committed(update: Uint8Array, origin: Origin, seq: number): void {
    if (this.destroyed) return;
    this.ledger.add(seq, update.length);
    if (this.isPeer(origin)) origin.receipts?.committed();
    this.queue(update, origin);
    this.deps.fanout.publish(this.id, { kind: 'update', seq, update });
    this.maybeCompact();
  }

  /**
   * Sends what one commit held for this room. A peer due several updates gets them in one
   * write (one system call, one TCP segment), not one write each.
   */
  afterCommit(): void {
    const outbox = this.outbox;
    this.outbox = [];
    if (outbox.length === 0 || this.destroyed) return;
    if (outbox.length === 1) {
      const { message, origin } = outbox[0]!;
      for (const peer of this.peers) if (peer !== origin) peer.send(message);
    } else {
      for (const peer of this.peers) {
        const due: SharedMessage[] = [];
        for (const o of outbox) if (o.origin !== peer) due.push(o.message);
        if (due.length === 1) peer.send(due[0]!);
        else if (due.length > 1) peer.sendAll(due);
      }
    }
    for (const { origin } of outbox) if (this.isPeer(origin)) origin.receipts?.flush();
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
        if (this.ledger.count === 0) return;
        let folded: number[] = [];
        let bytes = 0;
        await this.deps.store.compact(this.id, (stored) => {
          if (stored) Y.applyUpdate(this.doc, stored, REMOTE);
          folded = this.ledger.seqs();
          const snapshot = Y.encodeStateAsUpdate(this.doc);
          bytes = snapshot.length;
          return { snapshot, folded };
        });
        this.ledger.folded(folded, bytes);
        this.deps.log.debug({ articleId: this.id, folded: folded.length }, 'compacted');
      } finally {
        this.compacting = false;
      }
    });
  }

  /** The document's state vector (what a sync request asks the client to top up). */
  stateVector(): Uint8Array {
    return Y.encodeStateVector(this.doc);
  }

  /** A client update was refused (metrics), and what the log should say. */
  refusedUpdate(peer: Peer, kind: UpdateVerdictKind | 'read-only', reason: string): void {
    this.deps.refused?.(kind);
    if (kind === 'invalid') this.deps.log.warn({ articleId: this.id, userId: peer.identity.id, reason }, 'refused an update that does not fit the article');
    else if (kind === 'limit') this.deps.log.info({ articleId: this.id, userId: peer.identity.id, reason }, 'refused an update past a limit');
  }

  /** Brings the article row's headline, dek, word count (and the slug that follows) up to the live document. */
  saveMetaNow(): Promise<void> {
    return this.meta.saveNow();
  }

  /** Flushes what is outstanding before the room is dropped from memory. */
  async finalize(): Promise<void> {
    await this.deps.writer.flushed();
    await this.meta.flush();
    if (this.ledger.count > 0) await this.compact();
  }

  destroy(): void {
    this.destroyed = true;
    this.meta.stop();
    this.presence.destroy();
    this.ydoc.destroy();
  }

  /** An update that is in the log already (another node's): to every peer at once. */
  private deliver(update: Uint8Array): void {
    this.queue(update, undefined);
    this.afterCommit();
  }

  /** An update now in the log: into the outbox (for every peer but `origin`) and the metadata. */
  private queue(update: Uint8Array, origin: Origin | undefined): void {
    this.outbox.push({ message: new SharedMessage(encodeUpdate(update)), origin });
    this.meta.edited(origin && typeof origin === 'object' ? origin.identity.id : undefined);
    this.deps.activity?.(this.id);
  }

  /**
   * Applies an update received from `origin` (a peer, or REMOTE). Returns whether its bytes
   * are to be stored and relayed as they are: when they changed the doc, or when Yjs holds
   * back more of them until a missing dependency arrives (peers then hold it back too). A
   * repeat of what the doc already has, or already holds back, is neither stored nor relayed
   * (so a client cannot fill the log by resending what cannot be applied). Throws what Yjs throws
   * for content it cannot read; whatever it integrated before giving up is kept, and stored
   * and relayed as Yjs encodes it (the received bytes never are).
   */
  private apply(update: Uint8Array, origin: Peer | typeof REMOTE): boolean {
    const { store } = this.doc;
    const heldBack = { structs: store.pendingStructs?.update ?? null, ds: store.pendingDs };
    // Yjs joins this transaction; it is cleaned up (afterState set) when transact returns or throws.
    let tr: Y.Transaction | undefined;
    try {
      this.doc.transact((t) => {
        tr = t;
        t.meta.set(APPLYING, true);
        Y.applyUpdate(this.doc, update, origin);
      }, origin);
    } catch (err) {
      if (tr && changedBy(tr)) this.changedOnServer(this.encodeSince(tr.beforeState), origin);
      throw err;
    }
    if (tr && changedBy(tr)) return true;
    return !sameBytes(heldBack.structs, store.pendingStructs?.update ?? null) || !sameBytes(heldBack.ds, store.pendingDs);
  }

  /** The stored snapshot while the doc is exactly it: loaded with an empty log, unchanged since. */
  private pristine: Uint8Array | null;

  private readonly afterTransaction = (tr: Y.Transaction): void => {
    if (tr.origin === LOADING || !changedBy(tr)) return;
    this.pristine = null;
    // `apply` decides itself what becomes of a received update.
    if (tr.meta.has(APPLYING)) return;
    // A change made on the server (or read back from the database, or integrated later from
    // held-back structs): encode what it added since the transaction began.
    this.changedOnServer(this.encodeSince(tr.beforeState), tr.origin as Origin);
  };

  private changedOnServer(update: Uint8Array, origin: Origin): void {
    if (origin === REMOTE) this.deliver(update);
    // Broadcast once committed (`committed`, `afterCommit`).
    else this.deps.writer.enqueue(this, update, origin);
  }

  private encodeSince(before: Map<number, number>): Uint8Array {
    return Y.encodeStateAsUpdate(this.doc, Y.encodeStateVector(before));
  }

  private applyStored(stored: StoredDoc, origin: typeof LOADING | typeof REMOTE): void {
    // One transaction: one update for the whole read (see afterTransaction).
    this.doc.transact(() => {
      if (stored.snapshot) Y.applyUpdate(this.doc, stored.snapshot, origin);
      for (const u of stored.updates) Y.applyUpdate(this.doc, u.data, origin);
    }, origin);
    for (const u of stored.updates) this.ledger.add(u.seq, u.data.length);
  }

  /** What the document takes in storage: its snapshot and the log rows not folded into it. */
  get storedBytes(): number {
    return this.ledger.storedBytes;
  }

  /**
   * Compacts after `compactAfterUpdates` updates, or once the log holds a quarter of the size
   * limit: compaction drops deleted content, so a document near the limit gets room back.
   */
  private maybeCompact(): void {
    if (this.ledger.count >= this.deps.compactAfterUpdates || this.ledger.logBytes > this.deps.limits.maxBytes / 4) void this.compact();
  }

  private isPeer(origin: Origin | undefined): origin is Peer {
    return typeof origin === 'object' && origin !== null && this.peers.has(origin as Peer);
  }
}
