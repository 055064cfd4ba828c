/**
 * One message for many sockets: the WebSocket frame is built once and the same bytes are
 * written to every peer's socket (server-to-client frames are not masked, so they are the same
 * for everyone). Sending through ws instead frames the message again for each peer and writes
 * it as header and payload through a corked stream: on a broadcast to a room, per peer, the
 * largest cost in the server after the kernel's own.
 *
 * Writing to the socket under ws is safe only while ws itself has nothing queued for it: no
 * compression negotiated and the sender idle (no Blob or deflate in progress); `directSocket`
 * checks that, and anything else goes through `ws.send` as usual.
 */
import type { Socket } from 'node:net';
import type { WebSocket } from 'ws';

/** A binary message to be sent to several sockets; its frame is built at the first send. */
export class SharedMessage {
  private frame: Buffer | undefined;

  constructor(readonly payload: Uint8Array<ArrayBuffer>) {}

  /** The whole WebSocket frame: FIN + binary opcode, length, unmasked payload. */
  wire(): Buffer {
    return (this.frame ??= binaryFrame(this.payload));
  }
}

export function binaryFrame(payload: Uint8Array): Buffer {
  const n = payload.length;
  const head = n < 126 ? 2 : n < 65536 ? 4 : 10;
  const frame = Buffer.allocUnsafe(head + n);
  frame[0] = 0x82;
  if (n < 126) {
    frame[1] = n;
  } else if (n < 65536) {
    frame[1] = 126;
    frame.writeUInt16BE(n, 2);
  } else {
    frame[1] = 127;
    frame.writeUInt32BE(Math.floor(n / 2 ** 32), 2);
    frame.writeUInt32BE(n >>> 0, 6);
  }
  frame.set(payload, head);
  return frame;
}

/** What this module reads of ws's internals (ws 8); checked, never assumed. */
interface WsInternals {
  _socket?: unknown;
  _sender?: { _state?: unknown; _queue?: unknown };
  _extensions?: Record<string, unknown>;
}

/**
 * The socket a frame can be written to directly right now, or undefined when it must go
 * through ws (compression negotiated, the sender busy, or a ws whose internals differ).
 */
export function directSocket(ws: WebSocket): Socket | undefined {
  const w = ws as unknown as WsInternals;
  const sender = w._sender;
  if (!sender || sender._state !== 0 || !Array.isArray(sender._queue) || sender._queue.length > 0) return undefined;
  if (w._extensions && Object.keys(w._extensions).length > 0) return undefined;
  const socket = w._socket as Socket | undefined;
  return socket && typeof socket.write === 'function' && !socket.destroyed ? socket : undefined;
}
