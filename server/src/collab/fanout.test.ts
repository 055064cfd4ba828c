import { describe, expect, it } from 'vitest';
import { decodeEnvelope, encodeEnvelope, type FanoutMessage } from './fanout.js';

describe('fan-out envelope', () => {
  const messages: FanoutMessage[] = [
    { kind: 'update', seq: 2 ** 40 + 7, update: Uint8Array.of(0, 1, 2, 255) },
    { kind: 'awareness', update: new Uint8Array(0) },
    { kind: 'resync' },
  ];

  it.each(messages)('round-trips $kind', (message) => {
    expect(decodeEnvelope(encodeEnvelope('node-1', message))).toEqual({ from: 'node-1', message });
  });

  it('reads an envelope out of a slice of a larger buffer', () => {
    const bytes = encodeEnvelope('n', { kind: 'update', seq: 3, update: Uint8Array.of(9, 9) });
    const pooled = Buffer.alloc(bytes.length + 20, 0xff);
    pooled.set(bytes, 10);
    expect(decodeEnvelope(pooled.subarray(10, 10 + bytes.length))?.message).toEqual({ kind: 'update', seq: 3, update: Uint8Array.of(9, 9) });
  });

  it('ignores what it cannot read: other versions, unknown kinds, truncation, garbage', () => {
    const good = encodeEnvelope('n', { kind: 'update', seq: 1, update: Uint8Array.of(1, 2, 3) });
    expect(decodeEnvelope(Uint8Array.of(2, ...good.subarray(1)))).toBeUndefined();
    expect(decodeEnvelope(Uint8Array.of(1, 99, 1, 110))).toBeUndefined();
    expect(decodeEnvelope(good.subarray(0, good.length - 1))).toBeUndefined();
    expect(decodeEnvelope(new Uint8Array(0))).toBeUndefined();
  });
});
