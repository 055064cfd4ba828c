/**
 * Who is in this article right now, from the provider's awareness: everyone who announced a
 * `user` field (CollaborationCaret writes it), once per person, the local person first.
 */
import { onScopeDispose, shallowRef, type Ref } from 'vue';
import type { Awareness } from 'y-protocols/awareness';

export interface Peer {
  /** The first of this person's awareness clients (their own first when it is the local person). */
  clientId: number;
  /** One key per person: the account id the server stamps, else the client id. */
  key: string;
  name: string;
  color: string;
  isSelf: boolean;
  /** How many tabs (awareness clients) this person has here: a person shows once however many. */
  tabs: number;
}

const COLOR = /^#[0-9a-f]{6}$/i;
const NAME_MAX = 60;

function accountOf(state: Record<string, unknown> | undefined): string | undefined {
  const user = state?.user;
  if (typeof user !== 'object' || user === null) return undefined;
  const { id } = user as Record<string, unknown>;
  return typeof id === 'string' && id ? id : undefined;
}

/** Awareness states are written by other browsers: take only a well-formed user. */
function peerFrom(clientId: number, state: Record<string, unknown>, selfId: number, selfAccount: string | undefined): Peer | undefined {
  const user = state.user;
  if (typeof user !== 'object' || user === null) return undefined;
  const { name, color } = user as Record<string, unknown>;
  if (typeof name !== 'string' || !name.trim()) return undefined;
  const account = accountOf(state);
  const isSelf = clientId === selfId || (account !== undefined && account === selfAccount);
  return {
    clientId,
    key: isSelf ? 'self' : account !== undefined ? `account:${account}` : `client:${clientId}`,
    name: name.trim().slice(0, NAME_MAX),
    color: typeof color === 'string' && COLOR.test(color) ? color : '#475569',
    isSelf,
    tabs: 1,
  };
}

/**
 * Everyone here, one entry per person: the same account in several tabs (the server stamps each
 * state with the account's id) is one face with a count of tabs, and the local person's other
 * tabs are the local person.
 */
export function readPeers(awareness: Awareness): Peer[] {
  const selfAccount = accountOf(awareness.getLocalState() ?? undefined);
  const byKey = new Map<string, Peer>();
  for (const [clientId, state] of awareness.getStates()) {
    const peer = peerFrom(clientId, state, awareness.clientID, selfAccount);
    if (!peer) continue;
    const seen = byKey.get(peer.key);
    if (!seen) byKey.set(peer.key, peer);
    else {
      // The local client speaks for the local person; otherwise the lowest client id, so the
      // face does not change with the order states arrive in.
      const first = clientId === awareness.clientID || (seen.clientId !== awareness.clientID && clientId < seen.clientId) ? peer : seen;
      byKey.set(peer.key, { ...first, tabs: seen.tabs + 1 });
    }
  }
  return [...byKey.values()].sort((a, b) => Number(b.isSelf) - Number(a.isSelf) || a.name.localeCompare(b.name) || a.clientId - b.clientId);
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
