/**
 * Hocuspocus as a team would deploy it: @hocuspocus/server with its SQLite extension and a
 * token check in onAuthenticate. A probe extension measures, without changing anything, how
 * long an accepted change waits for the store that makes it durable (Hocuspocus debounces
 * stores: 2 s after the last change, at most 10 s, by default).
 */
import { performance } from 'node:perf_hooks';
import { Server, type Extension } from '@hocuspocus/server';
import { SQLite } from '@hocuspocus/extension-sqlite';
import type { PeerHandle } from './peer.js';

export const HOCUSPOCUS_DEBOUNCE_MS = 2000;
export const HOCUSPOCUS_MAX_DEBOUNCE_MS = 10_000;

class DurabilityProbe implements Extension {
  extensionName = 'bench-durability-probe';
  /** Runs after the SQLite extension's hooks (lower priority runs later). */
  priority = 1;
  samples: number[] = [];
  private readonly changed = new Map<string, number[]>();
  private readonly storing = new Map<string, number[]>();

  async onChange({ documentName }: { documentName: string }): Promise<void> {
    const list = this.changed.get(documentName);
    if (list) list.push(performance.now());
    else this.changed.set(documentName, [performance.now()]);
  }

  async onStoreDocument({ documentName }: { documentName: string }): Promise<void> {
    // The SQLite extension has encoded the document by now: every change so far is in it.
    const taken = this.changed.get(documentName) ?? [];
    this.changed.delete(documentName);
    this.storing.set(documentName, [...(this.storing.get(documentName) ?? []), ...taken]);
  }

  async afterStoreDocument({ documentName }: { documentName: string }): Promise<void> {
    const now = performance.now();
    for (const t of this.storing.get(documentName) ?? []) this.samples.push(now - t);
    this.storing.delete(documentName);
  }

  /** Changes still waiting for a store, as their age so far (a lower bound). */
  waiting(): number[] {
    const now = performance.now();
    return [...this.changed.values(), ...this.storing.values()].flat().map((t) => now - t);
  }
}

export async function startHocuspocus(port: number, dbPath: string, token: string): Promise<PeerHandle> {
  const probe = new DurabilityProbe();
  const server = new Server({
    port,
    address: '127.0.0.1',
    quiet: true,
    stopOnSignals: false,
    debounce: HOCUSPOCUS_DEBOUNCE_MS,
    maxDebounce: HOCUSPOCUS_MAX_DEBOUNCE_MS,
    extensions: [new SQLite({ database: dbPath }), probe],
    async onAuthenticate({ token: given }: { token: string }) {
      if (given !== token) throw new Error('not authorised');
    },
  });
  await server.listen();
  return {
    metrics(reset) {
      const out = { commitMs: probe.samples, waitingMs: probe.waiting() };
      if (reset) probe.samples = [];
      return out;
    },
    async stop() {
      await server.destroy();
    },
  };
}
