/**
 * Cold load of a long-edited article: a history of N edits (three authors typing, moving
 * their caret and deleting, as a story is written) is sent to the server, the server is
 * restarted so nothing is cached, and a new editor opens the article: how long until it is
 * synced, and how many bytes the server sent it.
 */
import { performance } from 'node:perf_hooks';
import WebSocket from 'ws';
import * as Y from 'yjs';
import { ProviderClient, type Target } from './load/clients.js';
import { SentLog, Tally } from './load/latency.js';
import { BENCH_TEXT, framing } from './load/wire.js';
import type { ServerUnderTest } from './servers/launch.js';
import { median } from './stats.js';

export interface History {
  edits: number;
  /** The history as updates of about 100 edits each (how it is sent to the server). */
  chunks: Uint8Array[];
  stateVector: Uint8Array;
  textLength: number;
  /** Size of the whole document state (Y.encodeStateAsUpdate). */
  stateBytes: number;
}

/** A deterministic editing history of `edits` single-character inserts and deletes. */
export function buildHistory(edits: number, seed = 1): History {
  let s = seed;
  const random = () => ((s = (s * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
  const doc = new Y.Doc();
  const text = doc.getText(BENCH_TEXT);
  const updates: Uint8Array[] = [];
  doc.on('update', (u: Uint8Array) => updates.push(u));
  const authors = [101, 202, 303];
  let cursor = 0;
  for (let i = 0; i < edits; i++) {
    if (i % 400 === 0) doc.clientID = authors[Math.floor(random() * authors.length)]!;
    if (i % 60 === 0) cursor = Math.floor(random() * (text.length + 1));
    cursor = Math.min(cursor, text.length);
    if (random() < 0.15 && cursor > 0) {
      text.delete(cursor - 1, 1);
      cursor--;
    } else {
      text.insert(cursor, 'etaoin shrdlu'[Math.floor(random() * 13)]!);
      cursor++;
    }
  }
  const chunks: Uint8Array[] = [];
  for (let i = 0; i < updates.length; i += 100) chunks.push(Y.mergeUpdates(updates.slice(i, i + 100)));
  const state = Y.encodeStateAsUpdate(doc);
  return { edits, chunks, stateVector: Y.encodeStateVector(doc), textLength: text.length, stateBytes: state.byteLength };
}

/**
 * Whether state vector `have` includes everything in `want` (compared decoded: encodings may
 * list clients in any order, and the server's document may hold more, e.g. a headline).
 */
export function covers(have: Uint8Array, want: Uint8Array): boolean {
  const h = Y.decodeStateVector(have);
  for (const [client, clock] of Y.decodeStateVector(want)) if ((h.get(client) ?? 0) < clock) return false;
  return true;
}

/** Sends the history into `room` and resolves once the server answers a sync with all of it. */
async function seed(target: Target, room: string, history: History, timeoutMs = 20_000): Promise<void> {
  const f = framing(target.dialect, room, target.token);
  const url = target.dialect === 'hocuspocus' ? target.wsUrl : `${target.wsUrl}/${encodeURIComponent(room)}`;
  const ws = new WebSocket(url, { headers: target.headers, perMessageDeflate: false });
  await new Promise<void>((resolve, reject) => {
    ws.once('open', () => resolve());
    ws.once('error', reject);
  });
  const hello = f.hello();
  const step1 = hello[hello.length - 1]!;
  try {
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`seeding ${room} timed out`)), timeoutMs);
      ws.on('message', (data: Buffer) => {
        const update = f.incomingUpdate(data);
        if (update && update.byteLength > 2 && covers(Y.encodeStateVectorFromUpdate(update), history.stateVector)) {
          clearTimeout(timer);
          resolve();
        }
      });
      for (const frame of hello) ws.send(frame);
      for (const chunk of history.chunks) ws.send(f.update(chunk));
      // Ask for the whole state until it is all there (each server answers step 1 in order).
      const ask = setInterval(() => ws.send(step1), 250);
      ws.once('close', (code, reason) => {
        clearInterval(ask);
        reject(new Error(`seeding ${room}: the server closed the connection (${code} ${reason.toString()})`));
      });
      timer.unref();
    });
  } finally {
    ws.close();
  }
}

export interface ColdLoadResult {
  edits: number;
  samples: number;
  /** Median time from opening the connection to synced, ms. */
  syncMs: number;
  allSyncMs: number[];
  /** Median bytes received until synced. */
  bytes: number;
  stateBytes: number;
}

/**
 * Applies the history's state a few times in this process first: the measuring client runs
 * here, and whichever server is measured first would otherwise also pay for compiling Yjs's
 * decoding paths in the client.
 */
function warmClient(history: History): void {
  const state = Y.mergeUpdates(history.chunks);
  for (let i = 0; i < 5; i++) {
    const doc = new Y.Doc();
    Y.applyUpdate(doc, state);
    doc.destroy();
  }
}

export async function coldLoad(server: ServerUnderTest, history: History, samples: number): Promise<ColdLoadResult> {
  warmClient(history);
  const rooms = await server.createRooms(samples, 'Cold load');
  for (const room of rooms) await seed(server.target(), room, history);
  // Let the last connection's close reach the server, then restart it: nothing stays cached.
  await new Promise((r) => setTimeout(r, 500));
  await server.restart();
  const times: number[] = [];
  const bytes: number[] = [];
  for (const room of rooms) {
    let received = 0;
    const started = performance.now();
    const client = new ProviderClient(server.target(), room, new SentLog(), new Tally(), (n) => (received += n));
    await client.ready();
    const elapsed = performance.now() - started;
    const loaded = client.doc.getText(BENCH_TEXT).length;
    client.close();
    if (loaded !== history.textLength) throw new Error(`cold load of ${room}: ${loaded} characters, expected ${history.textLength}`);
    times.push(elapsed);
    bytes.push(received);
  }
  return { edits: history.edits, samples, syncMs: median(times), allSyncMs: times, bytes: median(bytes), stateBytes: history.stateBytes };
}
