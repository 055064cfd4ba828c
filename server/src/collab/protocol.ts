/**
 * The y-websocket wire format: decoding what a client sends (defensively: every length is
 * checked against the bytes actually received) and encoding what the server sends.
 *
 * Client frames are untrusted. lib0's decoders read past a view's end into the underlying
 * buffer (and Node pools small Buffers), so nothing here hands lib0 a view it could overrun:
 * lengths are checked first and payloads are copied into buffers of their exact size.
 */
import * as encoding from 'lib0/encoding';
import { MessageType, SyncType } from '@copydesk/shared';

export class ProtocolError extends Error {
  override name = 'ProtocolError';
}

export type ClientMessage =
  | { type: 'sync-step1'; stateVector: Uint8Array }
  | { type: 'sync-update'; update: Uint8Array }
  | { type: 'awareness'; update: Uint8Array }
  | { type: 'query-awareness' }
  | { type: 'auth' };

class Reader {
  pos = 0;
  constructor(private readonly buf: Uint8Array) {}

  uint(): number {
    let num = 0;
    let mult = 1;
    for (let i = 0; i < 8; i++) {
      if (this.pos >= this.buf.length) throw new ProtocolError('truncated varint');
      const byte = this.buf[this.pos++]!;
      num += (byte & 0x7f) * mult;
      if (byte < 0x80) return num;
      mult *= 128;
    }
    throw new ProtocolError('varint too long');
  }

  /** A length-prefixed byte array, copied into its own buffer. */
  bytes(): Uint8Array {
    const len = this.uint();
    if (len > this.buf.length - this.pos) throw new ProtocolError(`length ${len} exceeds frame`);
    const out = this.buf.slice(this.pos, this.pos + len);
    this.pos += len;
    return out;
  }
}

export function decodeClientMessage(frame: Uint8Array): ClientMessage {
  if (frame.length === 0) throw new ProtocolError('empty frame');
  const r = new Reader(frame);
  const type = r.uint();
  switch (type) {
    case MessageType.sync: {
      const sub = r.uint();
      if (sub === SyncType.step1) return { type: 'sync-step1', stateVector: r.bytes() };
      if (sub === SyncType.step2 || sub === SyncType.update) return { type: 'sync-update', update: r.bytes() };
      throw new ProtocolError(`unknown sync message ${sub}`);
    }
    case MessageType.awareness:
      return { type: 'awareness', update: r.bytes() };
    case MessageType.queryAwareness:
      return { type: 'query-awareness' };
    case MessageType.auth:
      return { type: 'auth' };
    default:
      throw new ProtocolError(`unknown message type ${type}`);
  }
}

function frame(write: (e: encoding.Encoder) => void): Uint8Array<ArrayBuffer> {
  const e = encoding.createEncoder();
  write(e);
  // lib0 types its result as Uint8Array<ArrayBufferLike>; it is always backed by an ArrayBuffer.
  return encoding.toUint8Array(e) as Uint8Array<ArrayBuffer>;
}

export function encodeSyncStep1(stateVector: Uint8Array): Uint8Array<ArrayBuffer> {
  return frame((e) => {
    encoding.writeVarUint(e, MessageType.sync);
    encoding.writeVarUint(e, SyncType.step1);
    encoding.writeVarUint8Array(e, stateVector);
  });
}

export function encodeSyncStep2(update: Uint8Array): Uint8Array<ArrayBuffer> {
  return frame((e) => {
    encoding.writeVarUint(e, MessageType.sync);
    encoding.writeVarUint(e, SyncType.step2);
    encoding.writeVarUint8Array(e, update);
  });
}

export function encodeUpdate(update: Uint8Array): Uint8Array<ArrayBuffer> {
  return frame((e) => {
    encoding.writeVarUint(e, MessageType.sync);
    encoding.writeVarUint(e, SyncType.update);
    encoding.writeVarUint8Array(e, update);
  });
}

export function encodeAwareness(update: Uint8Array): Uint8Array<ArrayBuffer> {
  return frame((e) => {
    encoding.writeVarUint(e, MessageType.awareness);
    encoding.writeVarUint8Array(e, update);
  });
}

/** The auth message y-websocket clients understand: `permission-denied` with a reason. */
/** Save receipt (MessageType.saved): the first `count` update-bearing messages are stored. */
export function encodeSaved(count: number): Uint8Array<ArrayBuffer> {
  return frame((e) => {
    encoding.writeVarUint(e, MessageType.saved);
    encoding.writeVarUint(e, count);
  });
}

export function encodePermissionDenied(reason: string): Uint8Array<ArrayBuffer> {
  return frame((e) => {
    encoding.writeVarUint(e, MessageType.auth);
    encoding.writeVarUint(e, 0);
    encoding.writeVarString(e, reason);
  });
}
