/** Collab's bookkeeping of connections and rooms, with a document store that loads when told. */
import { describe, expect, it } from 'vitest';
import type { WebSocket } from 'ws';
import { MessageType } from '@copydesk/shared';
import type { DocStore, StoredDoc } from '../db/doc-store.js';
import { createLogger } from '../logger.js';
import { Collab } from './collab.js';

/** A store whose loads wait until `release()`, so a test can act while a room is loading. */
function slowStore(): DocStore & { release(): void } {
  let release!: () => void;
  const gate = new Promise<void>((r) => (release = r));
  return {
    release,
    async load(): Promise<StoredDoc> {
      await gate;
      return { snapshot: null, updates: [] };
    },
    append: async () => [],
    compact: async () => undefined,
  } as unknown as DocStore & { release(): void };
}

/** Enough of a ws socket for a Connection: it records how it was closed. */
function fakeSocket(): WebSocket & { closedWith?: number } {
  const ws = {
    OPEN: 1,
    readyState: 1,
    bufferedAmount: 0,
    closedWith: undefined as number | undefined,
    on() {},
    send() {},
    ping() {},
    terminate() {},
    close(code: number) {
      ws.closedWith = code;
    },
  };
  return ws as unknown as WebSocket & { closedWith?: number };
}

describe('Collab', () => {
  it('releases the room of a connection that closed itself while the room was loading', async () => {
    const store = slowStore();
    const collab = new Collab({
      store,
      log: createLogger('silent'),
      saveMeta: async () => undefined,
      compactAfterUpdates: 500,
      maxDocuments: 10,
      limits: { maxBytes: 1024 * 1024, maxDepth: 32 },
      rateLimit: { perSecond: 5, burst: 5 },
      standing: async () => ({ open: true, canEdit: true }),
      presence: { joined() {}, left() {} },
    });
    const ws = fakeSocket();
    const conn = collab.open(ws, 'a1', { readOnly: false, account: { userId: 'u1', sessionId: 's1', identity: { id: 'u1', name: 'Ana', color: '#123456' } } });
    // More messages than the burst before the room has loaded: the connection closes itself.
    for (let i = 0; i < 10; i++) conn.receive(Uint8Array.of(MessageType.queryAwareness));
    expect(ws.closedWith).toBeDefined();
    store.release();
    await new Promise((r) => setTimeout(r, 10));
    expect(collab.rooms.size).toBe(1);
    // The socket's close event arrives after the room loaded: the room must unload.
    collab.closed(conn);
    await new Promise((r) => setTimeout(r, 20));
    expect(collab.rooms.size).toBe(0);
    await collab.shutdown();
  });
});
