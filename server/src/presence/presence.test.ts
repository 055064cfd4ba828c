import { afterEach, describe, expect, it, vi } from 'vitest';
import type { PersonRef } from '@copydesk/shared';
import type { ControlMessage } from '../collab/fanout.js';
import type { DeskEvent } from '../events/hub.js';
import { createLogger } from '../logger.js';
import { Presence } from './presence.js';

const ada: PersonRef = { id: 'ada', name: 'Ada', color: '#175cd3' };
const ben: PersonRef = { id: 'ben', name: 'Ben', color: '#b42318' };
const cy: PersonRef = { id: 'cy', name: 'Cy', color: '#027a48' };

function presence(linked = true) {
  let now = 0;
  const told: ControlMessage[] = [];
  const delivered: DeskEvent[] = [];
  const p = new Presence({
    fanout: { linked, publishControl: (m) => told.push(m) },
    hub: { deliver: (e) => delivered.push(e) },
    log: createLogger('silent'),
    repeatMs: 1000,
    now: () => now,
  });
  return { p, told, delivered, advance: (ms: number) => (now += ms) };
}

const seat = (identity: PersonRef) => ({ identity });

describe('presence', () => {
  afterEach(() => vi.useRealTimers());

  it('lists each person once, however many sockets they have open, until the last leaves', () => {
    const { p, delivered } = presence();
    const [tab1, tab2] = [seat(ada), seat(ada)];
    p.joined('a1', tab1);
    p.joined('a1', tab2);
    p.joined('a1', seat(ben));
    expect(p.editing('a1')).toEqual([ada, ben]);
    p.left('a1', tab1);
    expect(p.editing('a1')).toEqual([ada, ben]);
    p.left('a1', tab2);
    expect(p.editing('a1')).toEqual([ben]);
    expect(delivered.at(-1)).toEqual({ type: 'presence', articleId: 'a1', editing: [ben] });
  });

  it('shows a new name from the next listing', () => {
    const { p } = presence();
    const tab = { identity: { ...ada } };
    p.joined('a1', tab);
    tab.identity = { ...ada, name: 'Ada L.' };
    expect(p.editing('a1')).toEqual([{ ...ada, name: 'Ada L.' }]);
  });

  it('tells other nodes this node’s list only, and merges theirs after its own', () => {
    const { p, told, delivered } = presence();
    p.joined('a1', seat(ada));
    expect(told).toEqual([{ type: 'presence', articleId: 'a1', editing: [ada] }]);
    p.hear({ type: 'presence', articleId: 'a1', editing: [ben, ada] }, 'node-2');
    p.hear({ type: 'presence', articleId: 'a1', editing: [cy] }, 'node-3');
    expect(p.editing('a1')).toEqual([ada, ben, cy]);
    expect(delivered.at(-1)).toEqual({ type: 'presence', articleId: 'a1', editing: [ada, ben, cy] });
    // An empty list: nobody there any more.
    p.hear({ type: 'presence', articleId: 'a1', editing: [] }, 'node-3');
    expect(p.editing('a1')).toEqual([ada, ben]);
    // Other kinds of control message are not presence's.
    const heard = delivered.length;
    p.hear({ type: 'access', articleId: 'a1' }, 'node-2');
    expect(delivered).toHaveLength(heard);
    expect(told).toHaveLength(1);
  });

  it('forgets a node that stopped repeating, after two and a half repeats', () => {
    const { p, advance } = presence();
    p.hear({ type: 'presence', articleId: 'a1', editing: [ben] }, 'node-2');
    advance(2500);
    expect(p.editing('a1')).toEqual([ben]);
    advance(1);
    expect(p.editing('a1')).toEqual([]);
  });

  it('repeats what is open here while started', () => {
    vi.useFakeTimers();
    const { p, told } = presence();
    p.joined('a1', seat(ada));
    const mine = seat(ben);
    p.joined('a2', mine);
    p.left('a2', mine);
    told.length = 0;
    p.start();
    vi.advanceTimersByTime(2000);
    expect(told).toEqual([
      { type: 'presence', articleId: 'a1', editing: [ada] },
      { type: 'presence', articleId: 'a1', editing: [ada] },
    ]);
    p.stop();
    vi.advanceTimersByTime(2000);
    expect(told).toHaveLength(2);
  });

  it('tells nobody when no other node is linked', () => {
    const { p, told, delivered } = presence(false);
    p.joined('a1', seat(ada));
    expect(told).toEqual([]);
    expect(delivered).toHaveLength(1);
  });
});
