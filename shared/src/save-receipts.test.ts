import * as encoding from 'lib0/encoding';
import * as decoding from 'lib0/decoding';
import { describe, expect, it } from 'vitest';
import { SaveReceipts, isUpdateFrame, type ReceiptProvider } from './save-receipts.js';
import { MessageType, SyncType } from './wire.js';

/** Stands in for the browser's WebSocket: only what the subclass touches (send). */
class RecordingSocket {
  sent: unknown[] = [];
  send(data: never): void {
    this.sent.push(data);
  }
}

const update = new Uint8Array([MessageType.sync, SyncType.update, 0, 0]);
const step2 = new Uint8Array([MessageType.sync, SyncType.step2, 0, 0]);
const step1 = new Uint8Array([MessageType.sync, SyncType.step1, 0]);
const awareness = new Uint8Array([MessageType.awareness, 0]);

function receipt(receipts: SaveReceipts, provider: ReceiptProvider, n: number): void {
  const e = encoding.createEncoder();
  encoding.writeVarUint(e, n);
  const handler = provider.messageHandlers[MessageType.saved] as (enc: unknown, dec: decoding.Decoder, p: ReceiptProvider) => void;
  handler(null, decoding.createDecoder(encoding.toUint8Array(e)), provider);
}

describe('SaveReceipts', () => {
  it('counts step 2 and update frames only', () => {
    expect([update, step2, step1, awareness, new Uint8Array([0])].map(isUpdateFrame)).toEqual([true, true, false, false, false]);
    expect(isUpdateFrame(update.buffer)).toBe(true);
    expect(isUpdateFrame('text')).toBe(false);
  });

  it('counts per socket: a receipt for an old socket changes nothing, a new socket starts clean', () => {
    const changes: number[] = [];
    const receipts = new SaveReceipts((state) => changes.push(state.unsaved));
    const Socket = receipts.socketClass(RecordingSocket);
    const provider: ReceiptProvider = { ws: undefined, messageHandlers: [] };
    receipts.listen(provider);

    const first = new (Socket as unknown as new () => RecordingSocket)();
    provider.ws = first;
    for (const frame of [update, awareness, update, step1]) first.send(frame as never);
    expect(first.sent).toHaveLength(4);
    expect(receipts.unsaved).toBe(2);
    receipt(receipts, provider, 1);
    expect(receipts.unsaved).toBe(1);

    const second = new (Socket as unknown as new () => RecordingSocket)();
    expect(receipts.unsaved).toBe(0);
    receipt(receipts, provider, 2); // still the first socket's: ignored
    second.send(step2 as never);
    provider.ws = second;
    expect(receipts.unsaved).toBe(1);
    receipt(receipts, provider, 5); // more than was sent: ignored
    expect(receipts.unsaved).toBe(1);
    receipt(receipts, provider, 1);
    expect(receipts.unsaved).toBe(0);
    expect(changes).toEqual([1, 2, 1, 0, 1, 0]);
  });
});
