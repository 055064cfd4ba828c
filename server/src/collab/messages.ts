/**
 * What a client's decoded message does to its room, what the sender is told when its update
 * is not taken, and the one place that counts the save receipt of an update-bearing message
 * (receipts.ts): stored (confirmed once its commit is done), nothing to store (confirmed once
 * everything before it is), dropped for the client's fuller answer (counted with that answer),
 * or refused (never confirmed: the editor shows why).
 */
import { ProtocolError, encodePermissionDenied, encodeSyncStep1, type ClientMessage } from './protocol.js';
import { RefusedUpdateError, type Peer, type Room, type UpdateOutcome } from './room.js';

/** Handles one message from `peer`. Throws ProtocolError or RefusedUpdateError to close it. */
export function handleMessage(room: Room, peer: Peer, msg: ClientMessage): void {
  switch (msg.type) {
    case 'sync-step1':
      room.answerSync(peer, msg.stateVector);
      return;
    case 'sync-update': {
      const outcome = room.receiveUpdate(peer, msg.update);
      const receipts = peer.receipts;
      if (outcome === 'stored') {
        receipts?.storing();
        receipts?.handledUpdate();
      } else if (outcome === 'nothing') {
        receipts?.handledUpdate();
      } else if (refuse(room, peer, outcome) === 'skipped') {
        receipts?.skipped();
      }
      return;
    }
    case 'awareness':
      room.presence.fromPeer(peer, msg.update);
      return;
    case 'query-awareness':
      room.presence.sendAll(peer);
      return;
    case 'auth':
      return;
  }
}

/**
 * Tells the sender of an update that was not taken. Bytes that are not an update, or content
 * that does not fit the article, close the connection (the editor never sends either). A
 * read-only connection, or a limit, is told with y-websocket's permission-denied message ("Not
 * saved: …"); what it sends next builds on the refused change, so that is refused as well,
 * quietly, until it reloads (or, read-only, until it may edit again: Collab.refreshAccess). An
 * update that builds on changes the document lacks (typed while the editor's offline changes
 * were still on their way, say) is dropped and the client asked for everything it has: its
 * answer holds the dropped change too, in order, and is checked whole.
 */
function refuse(room: Room, peer: Peer, { kind, reason }: Exclude<UpdateOutcome, string>): 'skipped' | 'refused' {
  room.refusedUpdate(peer, kind, reason);
  if (kind === 'malformed') throw new ProtocolError(reason);
  if (kind === 'invalid') throw new RefusedUpdateError(reason);
  if (kind === 'missing' && !peer.refusedUpdates) {
    peer.send(encodeSyncStep1(room.stateVector()));
    return 'skipped';
  }
  peer.refusedUpdates = true;
  peer.send(encodePermissionDenied(kind === 'missing' ? 'An earlier change from this editor was not saved.' : reason));
  return 'refused';
}
