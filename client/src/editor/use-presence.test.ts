import { describe, expect, it } from 'vitest';
import { Awareness, applyAwarenessUpdate, encodeAwarenessUpdate } from 'y-protocols/awareness';
import * as Y from 'yjs';
import { readPeers } from './use-presence.js';

/** One browser tab with its awareness: `user` as the server stamps it (account id, name, colour). */
function tab(user: Record<string, unknown>): Awareness {
  const awareness = new Awareness(new Y.Doc());
  awareness.setLocalStateField('user', user);
  return awareness;
}

/** What `local` sees once the others' states have reached it. */
function seenBy(local: Awareness, ...others: Awareness[]): Awareness {
  for (const other of others) applyAwarenessUpdate(local, encodeAwarenessUpdate(other, [other.clientID]), 'server');
  return local;
}

const ada = { id: 'u-ada', name: 'Ada Okafor', color: '#b42318' };
const ben = { id: 'u-ben', name: 'Ben Lindqvist', color: '#1f8a4c' };

describe('readPeers', () => {
  it('shows a person with two tabs once, with the count of tabs', () => {
    const peers = readPeers(seenBy(tab(ada), tab(ben), tab(ben)));
    expect(peers.map((p) => [p.name, p.isSelf, p.tabs])).toEqual([
      ['Ada Okafor', true, 1],
      ['Ben Lindqvist', false, 2],
    ]);
  });

  it("counts the local person's other tabs as the local person", () => {
    const local = tab(ada);
    const peers = readPeers(seenBy(local, tab(ada), tab(ben)));
    expect(peers.map((p) => [p.name, p.isSelf, p.tabs])).toEqual([
      ['Ada Okafor', true, 2],
      ['Ben Lindqvist', false, 1],
    ]);
    expect(peers[0]!.clientId).toBe(local.clientID);
  });

  it('tells apart people who share a name', () => {
    const other = { id: 'u-ada-2', name: 'Ada Okafor', color: '#2347a6' };
    const peers = readPeers(seenBy(tab(ben), tab(ada), tab(other)));
    expect(peers).toHaveLength(3);
    expect(peers.filter((p) => p.name === 'Ada Okafor').every((p) => p.tabs === 1)).toBe(true);
  });
});
