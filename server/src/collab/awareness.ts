/**
 * Presence is the server's word, not the client's: every awareness state a connection sends
 * is stamped with its account's name and colour, and a connection may speak only for the
 * awareness client ids it introduced itself (it cannot overwrite or remove someone else's,
 * on this node or another). `RoomPresence` is one article's presence; `stampAwarenessUpdate`
 * the stamping.
 */
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import { Awareness, applyAwarenessUpdate, encodeAwarenessUpdate, removeAwarenessStates } from 'y-protocols/awareness';
import type * as Y from 'yjs';
import { Limits, type PersonRef } from '@copydesk/shared';
import { ProtocolError, encodeAwareness } from './protocol.js';
import { SharedMessage } from './ws-frame.js';

/**
 * Returns the update with foreign client ids dropped and each state's `user` replaced by
 * `identity`; null when nothing is left. `ownerOf` says which connection owns a client id.
 */
export function stampAwarenessUpdate(
  update: Uint8Array,
  identity: PersonRef,
  mayUse: (clientId: number) => boolean,
): Uint8Array | null {
  const entries: { clientId: number; clock: number; state: string }[] = [];
  try {
    const d = decoding.createDecoder(update);
    const n = decoding.readVarUint(d);
    if (n > 1000) throw new ProtocolError('too many awareness states');
    for (let i = 0; i < n; i++) {
      const clientId = decoding.readVarUint(d);
      const clock = decoding.readVarUint(d);
      const json = decoding.readVarString(d);
      if (!mayUse(clientId)) continue;
      if (json.length > Limits.awarenessStateChars) throw new ProtocolError('awareness state too large');
      const state: unknown = JSON.parse(json);
      const stamped =
        state !== null && typeof state === 'object' && !Array.isArray(state)
          ? JSON.stringify({ ...(state as Record<string, unknown>), user: { ...identity } })
          : 'null';
      entries.push({ clientId, clock, state: stamped });
    }
  } catch (err) {
    if (err instanceof ProtocolError) throw err;
    throw new ProtocolError('malformed awareness update');
  }
  if (entries.length === 0) return null;
  const e = encoding.createEncoder();
  encoding.writeVarUint(e, entries.length);
  for (const { clientId, clock, state } of entries) {
    encoding.writeVarUint(e, clientId);
    encoding.writeVarUint(e, clock);
    encoding.writeVarString(e, state);
  }
  return encoding.toUint8Array(e);
}

/** What presence needs of a connection. */
export interface PresencePeer {
  /** The awareness client ids this connection introduced. */
  readonly awarenessIds: Set<number>;
  /** Whose presence this connection shows (stamped on its awareness states). */
  readonly identity: PersonRef;
  send(message: Uint8Array<ArrayBuffer> | SharedMessage): void;
}

/** Origin of what another node published. */
const REMOTE = Symbol('remote');
/** Origin of the removal when a peer leaves: other nodes must drop its cursors too. */
const LEFT = Symbol('left');

/**
 * One article's presence: the awareness states of everyone editing it, on this node and (through
 * the fan-out) on the others. Every change goes to every peer here; changes made by this node's
 * own clients, and their departures, are also published for the other nodes.
 */
export class RoomPresence<P extends PresencePeer> {
  private readonly awareness: Awareness;

  constructor(
    doc: Y.Doc,
    /** The room's peers (the room adds and removes them). */
    private readonly peers: ReadonlySet<P>,
    /** Sends an awareness update to the other nodes. */
    private readonly publish: (update: Uint8Array) => void,
  ) {
    this.awareness = new Awareness(doc);
    this.awareness.setLocalState(null);
    this.awareness.on('update', this.onUpdate);
  }

  /** Sends `peer` everyone's current state (when it joins, and when it asks). */
  sendAll(peer: P): void {
    const states = this.awareness.getStates();
    if (states.size > 0) peer.send(encodeAwareness(encodeAwarenessUpdate(this.awareness, [...states.keys()])));
  }

  /** An awareness update from `peer`: stamped, and only for client ids it may use. Throws ProtocolError. */
  fromPeer(peer: P, update: Uint8Array): void {
    // Each client id is a caret everyone's editor draws: a connection gets a few, not thousands.
    let introduced = 0;
    const stamped = stampAwarenessUpdate(update, peer.identity, (clientId) => {
      if (peer.awarenessIds.has(clientId)) return true;
      if (peer.awarenessIds.size + introduced >= Limits.awarenessIdsPerConnection || !this.mayUse(peer, clientId)) return false;
      introduced++;
      return true;
    });
    if (!stamped) return;
    try {
      applyAwarenessUpdate(this.awareness, stamped, peer);
    } catch {
      throw new ProtocolError('malformed awareness update');
    }
  }

  /** An awareness update another node published (stamped there). Throws what y-protocols throws. */
  fromNode(update: Uint8Array): void {
    applyAwarenessUpdate(this.awareness, update, REMOTE);
  }

  /** `peer` has left the room: its states go, here and on the other nodes. */
  left(peer: P): void {
    if (peer.awarenessIds.size > 0) removeAwarenessStates(this.awareness, [...peer.awarenessIds], LEFT);
  }

  destroy(): void {
    this.awareness.destroy();
  }

  private readonly onUpdate = (
    { added, updated, removed }: { added: number[]; updated: number[]; removed: number[] },
    origin: unknown,
  ): void => {
    const from = this.peers.has(origin as P) ? (origin as P) : undefined;
    if (from) {
      for (const id of added) from.awarenessIds.add(id);
      for (const id of removed) from.awarenessIds.delete(id);
    }
    const update = encodeAwarenessUpdate(this.awareness, added.concat(updated, removed));
    // Other nodes hear of this node's clients only ('timeout' removals happen on every node).
    if (from || origin === LEFT) this.publish(update);
    const message = new SharedMessage(encodeAwareness(update));
    // The sender gets its own state back too: y-websocket clients count any message as a sign
    // of life and reconnect after 30 s of silence, which a lone editor would otherwise hit.
    for (const peer of this.peers) peer.send(message);
  };

  /**
   * A client id is usable by the peer that introduced it. One no peer of this node holds, but
   * with a state here, is held by a client of another node (its state came through the
   * fan-out): only the same account may take it over (a client that moved nodes). A free id is
   * anyone's.
   */
  private mayUse(peer: P, clientId: number): boolean {
    if (peer.awarenessIds.has(clientId)) return true;
    for (const other of this.peers) if (other !== peer && other.awarenessIds.has(clientId)) return false;
    const state = this.awareness.getStates().get(clientId) as { user?: { id?: unknown } } | undefined;
    return state === undefined || state.user?.id === peer.identity.id;
  }
}
