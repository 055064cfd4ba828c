/**
 * Edit-to-peer latency without clock sync: every client of a room lives in one generator
 * process, so the sender notes when it sent each edit (by Yjs id: client and clock) and each
 * receiver looks the edit up when it arrives. Only edits sent inside the measured window are
 * noted, so joining, syncing and warm-up never reach the figures.
 */
import { performance } from 'node:perf_hooks';
import * as Y from 'yjs';
import { SampleBuffer } from '../stats.js';

export class SentLog {
  private readonly byClient = new Map<number, Float64Array>();
  /** Only edits sent while measuring are noted. */
  measuring = false;
  /** Edits noted per room, for the expected number of deliveries. */
  noted = 0;

  note(client: number, clock: number): void {
    if (!this.measuring) return;
    let times = this.byClient.get(client);
    if (!times || times.length <= clock) {
      const grown = new Float64Array(Math.max(64, (clock + 1) * 2)).fill(Number.NaN);
      if (times) grown.set(times);
      times = grown;
      this.byClient.set(client, times);
    }
    times[clock] = performance.now();
    this.noted++;
  }

  sentAt(client: number, clock: number): number | undefined {
    const t = this.byClient.get(client)?.[clock];
    return t === undefined || Number.isNaN(t) ? undefined : t;
  }
}

/** What the receivers of one generator saw. */
export class Tally {
  readonly latencies = new SampleBuffer();
  delivered = 0;

  arrived(log: SentLog, client: number, fromClock: number, toClock: number, now: number): void {
    for (let clock = fromClock; clock < toClock; clock++) {
      const sent = log.sentAt(client, clock);
      if (sent === undefined) continue;
      this.latencies.push(now - sent);
      this.delivered++;
    }
  }
}

/**
 * The receiving side of a lightweight client: reads which edits an incoming update carries
 * (Yjs's parseUpdateMeta, no Y.Doc) and counts each edit once, however often it arrives.
 */
export class UpdateReceiver {
  private readonly seen = new Map<number, number>();

  constructor(
    own: number,
    private readonly log: SentLog,
    private readonly tally: Tally,
  ) {
    this.seen.set(own, Number.POSITIVE_INFINITY);
  }

  receive(update: Uint8Array): void {
    const now = performance.now();
    let meta: { from: Map<number, number>; to: Map<number, number> };
    try {
      meta = Y.parseUpdateMeta(update);
    } catch {
      return;
    }
    for (const [client, to] of meta.to) {
      const seen = this.seen.get(client) ?? 0;
      const from = Math.max(seen, meta.from.get(client) ?? 0);
      if (to <= from) continue;
      this.tally.arrived(this.log, client, from, to, now);
      this.seen.set(client, to);
    }
  }
}

/** The receiving side of a real provider: each remote transaction's new clocks per client. */
export function observeDoc(doc: Y.Doc, log: SentLog, tally: Tally): void {
  doc.on('afterTransaction', (tr: Y.Transaction) => {
    if (tr.local) return;
    const now = performance.now();
    for (const [client, after] of tr.afterState) {
      if (client === doc.clientID) continue;
      const before = tr.beforeState.get(client) ?? 0;
      if (after > before) tally.arrived(log, client, before, after, now);
    }
  });
}
