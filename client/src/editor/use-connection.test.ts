import { MessageType } from '@copydesk/shared';
import * as encoding from 'lib0/encoding';
import { effectScope } from 'vue';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { WebsocketProvider } from 'y-websocket';
import * as syncProtocol from 'y-protocols/sync';
import * as Y from 'yjs';
import { ANSWER_WITHIN_MS, QUIET_MS, useConnection } from './use-connection.js';

/** The real clock (y-websocket stamps arrivals with it, through lib0, even under fake timers). */
const realNow = Date.now;

/** Waits for the real clock to move on, so a new arrival gets a stamp of its own. */
function nextMillisecond(): void {
  const start = realNow();
  while (realNow() === start) {
    // spin: at most a millisecond
  }
}

/** A stand-in for the browser's WebSocket, given to the real provider: the test plays the server. */
class FakeSocket {
  static all: FakeSocket[] = [];
  binaryType = 'blob';
  readyState = 0;
  sent: Uint8Array[] = [];
  onopen: (() => void) | null = null;
  onmessage: ((event: { data: ArrayBuffer }) => void) | null = null;
  onclose: ((event: { code: number; reason: string }) => void) | null = null;
  onerror: ((event: unknown) => void) | null = null;
  constructor(readonly url: string) {
    FakeSocket.all.push(this);
  }
  send(data: Uint8Array): void {
    this.sent.push(new Uint8Array(data));
  }
  close(): void {
    this.readyState = 3;
  }
  /** The server accepts the socket and sends its copy of the document. */
  accept(): void {
    this.readyState = 1;
    this.onopen?.();
    const e = encoding.createEncoder();
    encoding.writeVarUint(e, MessageType.sync);
    syncProtocol.writeSyncStep2(e, new Y.Doc());
    this.onmessage?.({ data: encoding.toUint8Array(e).slice().buffer });
  }
  /** The server answers something (any message is a sign of life). */
  answer(): void {
    nextMillisecond();
    const e = encoding.createEncoder();
    encoding.writeVarUint(e, MessageType.sync);
    syncProtocol.writeUpdate(e, Y.encodeStateAsUpdate(new Y.Doc()));
    this.onmessage?.({ data: encoding.toUint8Array(e).slice().buffer });
  }
  queries(): number {
    return this.sent.filter((frame) => frame.length === 1 && frame[0] === MessageType.queryAwareness).length;
  }
}

function connect() {
  const provider = new WebsocketProvider('ws://copydesk.test/collab', 'a1', new Y.Doc(), {
    WebSocketPolyfill: FakeSocket as unknown as typeof WebSocket,
    disableBc: true,
  });
  const scope = effectScope();
  const { connection } = scope.run(() => useConnection(provider))!;
  FakeSocket.all[0]!.accept();
  expect(connection.value.state).toBe('connected');
  return {
    connection,
    socket: FakeSocket.all[0]!,
    stop: () => {
      scope.stop();
      provider.destroy();
    },
  };
}

beforeEach(() => {
  vi.useFakeTimers();
  FakeSocket.all = [];
  vi.stubGlobal('window', new EventTarget());
  vi.stubGlobal('navigator', { onLine: true });
});

afterEach(() => {
  vi.useRealTimers();
  vi.unstubAllGlobals();
});

describe('useConnection', () => {
  it('is offline as soon as the device is, without waiting for the socket to notice', () => {
    const { connection, stop } = connect();
    (navigator as { onLine: boolean }).onLine = false;
    window.dispatchEvent(new Event('offline'));
    expect(connection.value.state).toBe('offline');
    expect(connection.value.reason).toBe('This device is offline.');
    stop();
  });

  it('asks a quiet socket for a sign of life, and stays connected while it answers', async () => {
    const { connection, socket, stop } = connect();
    await vi.advanceTimersByTimeAsync(QUIET_MS + 1_000);
    expect(socket.queries()).toBe(1);
    socket.answer();
    await vi.advanceTimersByTimeAsync(ANSWER_WITHIN_MS + 1_000);
    expect(connection.value.state).toBe('connected');
    stop();
  });

  it('takes a socket that does not answer for dead: offline, and a new one is opened', async () => {
    const { connection, socket, stop } = connect();
    await vi.advanceTimersByTimeAsync(QUIET_MS + ANSWER_WITHIN_MS + 2_000);
    expect(socket.queries()).toBe(1);
    expect(connection.value.state).toBe('offline');
    expect(FakeSocket.all.length).toBeGreaterThan(1);
    stop();
  });
});
