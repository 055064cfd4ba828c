import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { BENCH_TEXT, charAt, framing, typingUpdate } from './wire.js';

describe('typingUpdate', () => {
  it('is an update Yjs applies as typing after the client’s own characters', () => {
    const doc = new Y.Doc();
    const other = new Y.Doc();
    other.clientID = 7;
    other.getText(BENCH_TEXT).insert(0, 'xyz');
    Y.applyUpdate(doc, Y.encodeStateAsUpdate(other));
    for (let clock = 0; clock < 5; clock++) Y.applyUpdate(doc, typingUpdate(4242, clock, 'abcde'[clock]!));
    expect(Y.getState(doc.store, 4242)).toBe(5);
    const text = doc.getText(BENCH_TEXT).toString();
    expect(text.replace('xyz', '')).toBe('abcde');
    expect(text).toContain('xyz');
  });

  it('converges with a peer that receives the same updates in another interleaving', () => {
    const a = new Y.Doc();
    const b = new Y.Doc();
    const ua = [0, 1, 2].map((c) => typingUpdate(11, c, charAt(11, c)));
    const ub = [0, 1, 2].map((c) => typingUpdate(22, c, charAt(22, c)));
    for (const u of [...ua, ...ub]) Y.applyUpdate(a, u);
    for (let i = 0; i < 3; i++) {
      Y.applyUpdate(b, ub[i]!);
      Y.applyUpdate(b, ua[i]!);
    }
    expect(a.getText(BENCH_TEXT).toString()).toBe(b.getText(BENCH_TEXT).toString());
    expect(Y.parseUpdateMeta(ua[2]!)).toEqual({ from: new Map([[11, 2]]), to: new Map([[11, 3]]) });
  });

  it('handles client ids above 2^31 (Yjs ids are unsigned 32-bit)', () => {
    const doc = new Y.Doc();
    const id = 4_000_000_000;
    Y.applyUpdate(doc, typingUpdate(id, 0, 'q'));
    Y.applyUpdate(doc, typingUpdate(id, 1, 'r'));
    expect(doc.getText(BENCH_TEXT).toString()).toBe('qr');
  });
});

describe('framing', () => {
  const update = typingUpdate(5, 0, 'a');

  it('reads back the update it framed, in both dialects', () => {
    for (const dialect of ['y-websocket', 'hocuspocus'] as const) {
      const f = framing(dialect, 'room-1', 'token');
      expect(f.incomingUpdate(f.update(update))).toEqual(update);
      expect(f.hello().length).toBe(dialect === 'hocuspocus' ? 2 : 1);
    }
  });

  it('ignores awareness, other types and garbage', () => {
    const f = framing('y-websocket', 'r');
    expect(f.incomingUpdate(new Uint8Array([1, 1, 0]))).toBeUndefined();
    expect(f.incomingUpdate(f.hello()[0]!)).toBeUndefined();
    expect(f.incomingUpdate(new Uint8Array([0, 2, 200]))).toBeUndefined();
  });
});
