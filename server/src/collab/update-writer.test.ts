/**
 * Group commit: a lone update commits at once; a burst that follows within the interval waits
 * and goes in one commit; nothing is delivered before its commit, and order holds. The store
 * here is an in-memory recorder (a stand-in named as such): what is under test is only when
 * the writer calls it; the real stores have their own contract tests (test/doc-store.test.ts).
 */
import { describe, expect, it } from 'vitest';
import type { AppendEntry, DocStore } from '../db/doc-store.js';
import { createLogger } from '../logger.js';
import { UpdateWriter } from './update-writer.js';
import { SERVER } from './origins.js';

function recordingStore(): { store: DocStore; commits: number[][] } {
  const commits: number[][] = [];
  let seq = 0;
  const store: DocStore = {
    load: async () => ({ snapshot: null, updates: [] }),
    append: async (entries: readonly AppendEntry[]) => {
      commits.push(entries.map((e) => e.update[0]!));
      return entries.map(() => ++seq);
    },
    compact: async () => undefined,
  };
  return { store, commits };
}

const turn = () => new Promise((r) => setImmediate(r));

describe('UpdateWriter group commit', () => {
  it('commits a lone update at once and a burst right after it together, delivering only what is committed', async () => {
    const { store, commits } = recordingStore();
    const writer = new UpdateWriter(store, createLogger('silent'), { groupCommitMs: 300 });
    const delivered: number[] = [];
    const target = { id: 'a', committed: (u: Uint8Array) => delivered.push(u[0]!) };
    writer.enqueue(target, Uint8Array.of(1), SERVER);
    await turn();
    await turn();
    expect(commits).toEqual([[1]]);
    expect(delivered).toEqual([1]);
    for (const n of [2, 3, 4]) {
      writer.enqueue(target, Uint8Array.of(n), SERVER);
      await turn();
    }
    // Within the interval: held, not committed, not delivered.
    expect(commits).toEqual([[1]]);
    expect(delivered).toEqual([1]);
    await new Promise((r) => setTimeout(r, 400));
    expect(commits).toEqual([[1], [2, 3, 4]]);
    expect(delivered).toEqual([1, 2, 3, 4]);
  });

  it('flushed() commits at once, without waiting for the interval', async () => {
    const { store, commits } = recordingStore();
    const writer = new UpdateWriter(store, createLogger('silent'), { groupCommitMs: 60_000 });
    const target = { id: 'a', committed: () => undefined };
    writer.enqueue(target, Uint8Array.of(1), SERVER);
    await turn();
    await turn();
    writer.enqueue(target, Uint8Array.of(2), SERVER);
    await writer.flushed();
    expect(commits).toEqual([[1], [2]]);
  });

  it('commits every tick with grouping off', async () => {
    const { store, commits } = recordingStore();
    const writer = new UpdateWriter(store, createLogger('silent'), { groupCommitMs: 0 });
    const target = { id: 'a', committed: () => undefined };
    for (const n of [1, 2, 3]) {
      writer.enqueue(target, Uint8Array.of(n), SERVER);
      await turn();
      await turn();
    }
    expect(commits).toEqual([[1], [2], [3]]);
  });
});
