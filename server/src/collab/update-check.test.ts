import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { addsNothing } from './update-check.js';

/** A server doc and a client that synced with it. */
function pair() {
  const server = new Y.Doc();
  server.getText('headline').insert(0, 'Polls close at eight tonight.');
  server.getText('headline').delete(0, 6);
  const client = new Y.Doc();
  Y.applyUpdate(client, Y.encodeStateAsUpdate(server));
  const step2 = () => Y.encodeStateAsUpdate(client, Y.encodeStateVector(server));
  return { server, client, step2 };
}

describe('addsNothing', () => {
  it('is true for a synced client’s step 2 (its whole delete set, no new structs) and for an empty update', () => {
    const { server, step2 } = pair();
    expect(addsNothing(server, step2())).toBe(true);
    expect(addsNothing(server, new Uint8Array([0, 0]))).toBe(true);
  });

  it('is false for a new insert, and for deleting text the server still has', () => {
    const typed = pair();
    typed.client.getText('headline').insert(0, 'x');
    expect(addsNothing(typed.server, typed.step2())).toBe(false);
    const deleted = pair();
    deleted.client.getText('headline').delete(0, 3);
    expect(addsNothing(deleted.server, deleted.step2())).toBe(false);
  });

  it('is true again once the server has the same deletion, and false for bytes Yjs cannot read', () => {
    const { server, client, step2 } = pair();
    client.getText('headline').delete(2, 4);
    server.getText('headline').delete(2, 4);
    // The server made the same deletion itself: same items, nothing new.
    expect(addsNothing(server, step2())).toBe(true);
    expect(addsNothing(server, new Uint8Array([200, 1, 2]))).toBe(false);
  });
});
