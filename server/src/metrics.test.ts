import { describe, expect, it } from 'vitest';
import { CommitLatency } from './metrics.js';
import { UpdateWriter } from './collab/update-writer.js';
import type { AppendEntry, DocStore } from './db/doc-store.js';
import { createLogger } from './logger.js';
import { SERVER } from './collab/origins.js';

describe('CommitLatency', () => {
  it('keeps every sample below capacity and empties on reset', () => {
    const m = new CommitLatency(10);
    for (let i = 0; i < 5; i++) m.record(i);
    expect(m.take(false)).toEqual([0, 1, 2, 3, 4]);
    expect(m.take(true)).toEqual([0, 1, 2, 3, 4]);
    expect(m.take(true)).toEqual([]);
  });

  it('stays bounded however many samples arrive', () => {
    const m = new CommitLatency(100);
    for (let i = 0; i < 10_000; i++) m.record(i);
    expect(m.take(true)).toHaveLength(100);
  });
});

describe('UpdateWriter with commit latency', () => {
  it('records one sample per update, taken after the commit resolved', async () => {
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    let seq = 0;
    const store: DocStore = {
      load: async () => ({ snapshot: null, updates: [], lastSeq: 0 }),
      append: async (entries: readonly AppendEntry[]) => {
        await gate;
        return entries.map(() => ++seq);
      },
      compact: async () => {},
    };
    const latency = new CommitLatency();
    const writer = new UpdateWriter(store, createLogger('silent'), { latency });
    const delivered: number[] = [];
    const target = { id: 'a', committed: (_u: Uint8Array, _o: unknown, s: number) => delivered.push(s) };
    writer.enqueue(target, new Uint8Array([1]), SERVER);
    writer.enqueue(target, new Uint8Array([2]), SERVER);
    await new Promise((r) => setTimeout(r, 30));
    expect(latency.take(false)).toEqual([]);
    expect(delivered).toEqual([]);
    release();
    await writer.flushed();
    const samples = latency.take(true);
    expect(samples).toHaveLength(2);
    expect(delivered).toEqual([1, 2]);
  });
});
