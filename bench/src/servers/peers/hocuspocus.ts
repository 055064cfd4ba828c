/**
 * Hocuspocus as a team would deploy it: @hocuspocus/server with SQLite persistence and a
 * token check in onAuthenticate. The store is @hocuspocus/extension-database over
 * better-sqlite3 with the same table and queries as @hocuspocus/extension-sqlite: that
 * extension needs the `sqlite3` native module, whose install script downloads a prebuilt
 * binary from GitHub (or compiles with node-gyp), which a plain `pnpm install` here does not
 * run; better-sqlite3 is built from source already for the server. A probe extension measures, without changing anything, how
 * long an accepted change waits for the store that makes it durable (Hocuspocus debounces
 * stores: 2 s after the last change, at most 10 s, by default).
 */
import { performance } from 'node:perf_hooks';
import { Server, type Extension } from '@hocuspocus/server';
import { Database } from '@hocuspocus/extension-database';
import BetterSqlite3 from 'better-sqlite3';
import type { PeerHandle } from './peer.js';

export const HOCUSPOCUS_DEBOUNCE_MS = 2000;
export const HOCUSPOCUS_MAX_DEBOUNCE_MS = 10_000;

class DurabilityProbe implements Extension {
  extensionName = 'bench-durability-probe';
  /** Runs after the store's hooks (lower priority runs later). */
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
    // The store extension has encoded the document by now: every change so far is in it.
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

/** @hocuspocus/extension-sqlite's schema and queries, on better-sqlite3. */
function sqliteStore(dbPath: string): { extension: Database; close(): void } {
  const db = new BetterSqlite3(dbPath);
  db.exec('CREATE TABLE IF NOT EXISTS "documents" ("name" varchar(255) NOT NULL, "data" blob NOT NULL, UNIQUE(name))');
  const select = db.prepare<[{ name: string }], { data: Buffer }>('SELECT data FROM "documents" WHERE name = $name ORDER BY rowid DESC');
  const upsert = db.prepare('INSERT INTO "documents" ("name", "data") VALUES ($name, $data) ON CONFLICT(name) DO UPDATE SET data = $data');
  const extension = new Database({
    fetch: async ({ documentName }) => {
      const row = select.get({ name: documentName });
      return row ? new Uint8Array(row.data) : null;
    },
    store: async ({ documentName, state }) => {
      upsert.run({ name: documentName, data: state });
    },
  });
  return { extension, close: () => db.close() };
}

export async function startHocuspocus(port: number, dbPath: string, token: string): Promise<PeerHandle> {
  const probe = new DurabilityProbe();
  const store = sqliteStore(dbPath);
  const server = new Server({
    port,
    address: '127.0.0.1',
    quiet: true,
    stopOnSignals: false,
    debounce: HOCUSPOCUS_DEBOUNCE_MS,
    maxDebounce: HOCUSPOCUS_MAX_DEBOUNCE_MS,
    extensions: [store.extension, probe],
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
      store.close();
    },
  };
}
