/**
 * Who is in this article right now, from the provider's awareness: everyone who announced a
 * `user` field (CollaborationCaret writes it), the local person first.
 */
import { onScopeDispose, shallowRef, type Ref } from 'vue';
import type { Awareness } from 'y-protocols/awareness';

export interface Peer {
  clientId: number;
  name: string;
  color: string;
  isSelf: boolean;
}

const COLOR = /^#[0-9a-f]{6}$/i;
const NAME_MAX = 60;

/** Awareness states are written by other browsers: take only a well-formed user. */
function peerFrom(clientId: number, state: Record<string, unknown>, selfId: number): Peer | undefined {
  const user = state.user;
  if (typeof user !== 'object' || user === null) return undefined;
  const { name, color } = user as Record<string, unknown>;
  if (typeof name !== 'string' || !name.trim()) return undefined;
  return {
    clientId,
    name: name.trim().slice(0, NAME_MAX),
    color: typeof color === 'string' && COLOR.test(color) ? color : '#475569',
    isSelf: clientId === selfId,
  };
}

export function readPeers(awareness: Awareness): Peer[] {
  const peers: Peer[] = [];
  for (const [clientId, state] of awareness.getStates()) {
    const peer = peerFrom(clientId, state, awareness.clientID);
    if (peer) peers.push(peer);
  }
  return peers.sort((a, b) => Number(b.isSelf) - Number(a.isSelf) || a.name.localeCompare(b.name) || a.clientId - b.clientId);
}

export function usePresence(awareness: Awareness): Readonly<Ref<Peer[]>> {
  const peers = shallowRef<Peer[]>(readPeers(awareness));
  const onChange = () => {
    peers.value = readPeers(awareness);
  };
  awareness.on('change', onChange);
  onScopeDispose(() => awareness.off('change', onChange));
  return peers;
}
