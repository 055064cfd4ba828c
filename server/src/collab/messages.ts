/**
 * What a client's decoded message does to its room, and the one place that counts the save
 * receipt of an update-bearing message (receipts.ts): stored (confirmed once its commit is
 * done), nothing to store (confirmed once everything before it is), dropped for the client's
 * fuller answer (counted with that answer), or refused (never confirmed: the editor shows why).
 */
import type { ClientMessage } from './protocol.js';
import type { Peer, Room } from './room.js';

/** Handles one message from `peer`. Throws ProtocolError or RefusedUpdateError to close it. */
export function handleMessage(room: Room, peer: Peer, msg: ClientMessage): void {
  switch (msg.type) {
    case 'sync-step1':
      room.answerSync(peer, msg.stateVector);
      return;
    case 'sync-update': {
      const outcome = room.receiveUpdate(peer, msg.update);
      const receipts = peer.receipts;
      if (!receipts) return;
      switch (outcome) {
        case 'stored':
          receipts.storing();
          receipts.handledUpdate();
          return;
        case 'nothing':
          receipts.handledUpdate();
          return;
        case 'skipped':
          receipts.skipped();
          return;
        case 'refused':
          return;
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
